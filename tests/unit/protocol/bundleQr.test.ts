/**
 * Bundles as QR code sequences: the part layout, QR size measured with the
 * app's own QR encoder (src/ui/common/qrMatrix.ts, alphanumeric mode),
 * reassembly in any order with repeats, missing parts, two bundles
 * interleaved, parts that lie about their bundle, malformed parts, and the
 * collector's memory bound.
 */
import fc from 'fast-check';
import { sha256 } from '@noble/hashes/sha2.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/domain/limits';
import { REJECTION_CODES } from '../../../src/domain/result';
import { BASE45_ALPHABET, base45Decode, base45Encode } from '../../../src/protocol/base45';
import { packBundle } from '../../../src/protocol/bundle';
import {
  bundleToQrParts,
  createQrCollector,
  isQrPart,
  qrPartCount,
  QR_MARKER,
  type CollectResult,
} from '../../../src/protocol/bundleQr';
import { qrMatrix } from '../../../src/ui/common/qrMatrix';
import { sealEveryKind } from '../../fixtures/bundleWires';

let bundle: Uint8Array;
beforeAll(async () => {
  bundle = packBundle((await sealEveryKind()).map((s) => s.wire));
});

const randomBytes = (n: number, seed = 1) =>
  Uint8Array.from({ length: n }, (_, i) => (i * 73 + seed * 151 + (i >> 3)) & 0xff);
const versionOf = (text: string) => {
  const m = qrMatrix(text, 'Alphanumeric');
  if (!m) throw new Error(`no QR code for ${text.slice(0, 20)}…`);
  return (m.size - 17) / 4;
};
/** The bytes of a part (after the marker). */
const partBytes = (text: string) => base45Decode(text.slice(QR_MARKER.length))!;
const partText = (bytes: Uint8Array | number[]) => QR_MARKER + base45Encode(Uint8Array.from(bytes));
const codeOf = (r: CollectResult) => (r.kind === 'refused' ? r.error.code : r.kind);

describe('bundleToQrParts', () => {
  it('lays out each part as marker + base45(version, 4-byte bundle hash, part number, part count, chunk)', () => {
    const big = randomBytes(1000);
    const parts = bundleToQrParts(big);
    expect(parts).toHaveLength(3);
    const hash = [...sha256(big).subarray(0, 4)];
    const chunks = parts.map((p, i) => {
      expect(p.startsWith(QR_MARKER)).toBe(true);
      const b = partBytes(p);
      expect([...b.subarray(0, 7)]).toEqual([1, ...hash, i + 1, 3]);
      return [...b.subarray(7)];
    });
    expect(chunks.map((c) => c.length)).toEqual([334, 334, 332]); // equal sizes, the last shorter
    expect(chunks.flat()).toEqual([...big]);
  });

  it('uses only the QR alphanumeric alphabet, and one part when the bundle fits', () => {
    const parts = bundleToQrParts(bundle);
    expect(parts).toHaveLength(qrPartCount(bundle.length));
    for (const p of [...parts, ...bundleToQrParts(randomBytes(5000))])
      for (const ch of p) expect(BASE45_ALPHABET).toContain(ch);
    expect(bundleToQrParts(randomBytes(LIMITS.qrChunkBytes))).toHaveLength(1);
    expect(bundleToQrParts(randomBytes(LIMITS.qrChunkBytes + 1))).toHaveLength(2);
    expect(isQrPart(parts[0]!)).toBe(true);
  });

  it('keeps every code within QR version 15 at level M, and a full chunk is the most that fits it', () => {
    const full = bundleToQrParts(randomBytes(LIMITS.qrChunkBytes))[0]!;
    expect(versionOf(full)).toBe(15);
    expect(versionOf(partText([1, 0, 0, 0, 0, 1, 1, ...randomBytes(LIMITS.qrChunkBytes + 1)]))).toBe(16);
    for (const n of [1, 100, 389, 390, 777, 778, 5000, LIMITS.qrParts * LIMITS.qrChunkBytes])
      for (const p of bundleToQrParts(randomBytes(n))) expect(versionOf(p), `${n} bytes`).toBeLessThanOrEqual(15);
    // Alphanumeric mode is what makes this fit: the same text in byte mode needs a larger code.
    expect((qrMatrix(full, 'Byte')!.size - 17) / 4).toBeGreaterThan(15);
  });

  it('refuses bundles it cannot carry (a caller bug: check qrPartCount first)', () => {
    expect(qrPartCount(LIMITS.qrParts * LIMITS.qrChunkBytes)).toBe(LIMITS.qrParts);
    expect(bundleToQrParts(randomBytes(LIMITS.qrParts * LIMITS.qrChunkBytes))).toHaveLength(LIMITS.qrParts);
    expect(() => bundleToQrParts(randomBytes(LIMITS.qrParts * LIMITS.qrChunkBytes + 1))).toThrow(RangeError);
    expect(() => bundleToQrParts(new Uint8Array())).toThrow(RangeError);
  });
});

describe('isQrPart', () => {
  it('recognises the marker, with the white space scanners may add', () => {
    expect(isQrPart(' VADA:ABC\n')).toBe(true);
    expect(isQrPart('https://vada.example/#join=abc')).toBe(false);
    expect(isQrPart('vada:ABC')).toBe(false);
    expect(isQrPart('vada1:ABC')).toBe(false);
  });
});

describe('createQrCollector', () => {
  it('reassembles parts in any order, ignoring repeats, with progress below the total until the end', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12_000 }),
        fc.nat(),
        fc.array(fc.nat(), { maxLength: 20 }),
        (size, seed, repeats) => {
          const bytes = randomBytes(size, seed);
          const parts = bundleToQrParts(bytes);
          const order = fc.sample(fc.shuffledSubarray(parts, { minLength: parts.length, maxLength: parts.length }), {
            seed,
            numRuns: 1,
          })[0]!;
          for (const r of repeats) order.splice(r % (order.length + 1), 0, order[r % order.length]!);
          const c = createQrCollector();
          const seen = new Set<string>();
          for (const p of order) {
            seen.add(p);
            const r = c.add(p);
            if (seen.size < parts.length) expect(r).toEqual({ kind: 'part', have: seen.size, total: parts.length });
            else expect(r).toEqual({ kind: 'complete', bundle: bytes, total: parts.length });
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never completes while a part is missing', () => {
    const parts = bundleToQrParts(randomBytes(3000));
    const c = createQrCollector();
    const results = [...parts.slice(0, 3), ...parts.slice(4), ...parts.slice(0, 3)].map((p) => c.add(p));
    expect(results.every((r) => r.kind === 'part' && r.have < r.total && r.total === parts.length)).toBe(true);
    expect(results.at(-1)).toEqual({ kind: 'part', have: parts.length - 1, total: parts.length });
    expect(c.add(parts[3]!)).toMatchObject({ kind: 'complete', total: parts.length });
  });

  it('keeps two bundles apart when their parts are interleaved', () => {
    const a = randomBytes(2000, 1);
    const b = randomBytes(1500, 2);
    const pa = bundleToQrParts(a);
    const pb = bundleToQrParts(b);
    const c = createQrCollector();
    const done: Uint8Array[] = [];
    for (let i = 0; i < Math.max(pa.length, pb.length); i++)
      for (const p of [pb[pb.length - 1 - i], pa[i]]) {
        const r = p === undefined ? undefined : c.add(p);
        if (r?.kind === 'complete') done.push(r.bundle);
        else if (r) expect(r.kind).toBe('part');
      }
    expect(done).toEqual([b, a]);
  });

  it('answers complete again for a part of a bundle it already assembled (scanners repeat)', () => {
    const parts = bundleToQrParts(bundle);
    const c = createQrCollector();
    for (const p of parts) c.add(p);
    expect(c.add(parts[0]!)).toEqual({ kind: 'complete', bundle, total: parts.length });
  });

  it('refuses on completion parts that do not add up to their bundle hash, and can then start again', () => {
    const big = randomBytes(2000);
    const parts = bundleToQrParts(big);
    const forged = partBytes(parts[2]!);
    forged[forged.length - 1] = forged[forged.length - 1]! ^ 1; // same header, other chunk
    const c = createQrCollector();
    const results = [...parts.slice(0, 2), partText(forged), ...parts.slice(3)].map((p) => c.add(p));
    expect(results.slice(0, -1).every((r) => r.kind === 'part')).toBe(true);
    expect(results.at(-1)).toMatchObject({ kind: 'refused', error: { code: 'qr-mismatch' } });
    expect(parts.map((p) => c.add(p)).at(-1)).toEqual({ kind: 'complete', bundle: big, total: parts.length });
  });

  it('refuses a part that contradicts one already held: another count, other bytes for the same number', () => {
    const parts = bundleToQrParts(randomBytes(2000));
    const c = createQrCollector();
    c.add(parts[0]!);
    const recount = partBytes(parts[1]!);
    recount[6] = parts.length + 1;
    expect(codeOf(c.add(partText(recount)))).toBe('qr-mismatch');
    const other = partBytes(parts[0]!);
    other[10] = other[10]! ^ 0xff;
    expect(codeOf(c.add(partText(other)))).toBe('qr-mismatch');
    expect(c.add(parts[1]!)).toEqual({ kind: 'part', have: 2, total: parts.length });
  });

  it('refuses malformed parts with a typed reason', () => {
    const c = createQrCollector();
    const good = partBytes(bundleToQrParts(randomBytes(100))[0]!);
    const edit = (i: number, v: number) => partText(good.map((b, j) => (j === i ? v : b)));
    expect(codeOf(c.add('https://vada.example/#join=abc'))).toBe('bad-qr-part');
    expect(codeOf(c.add('VADA:GGW'))).toBe('bad-qr-part'); // not base45
    expect(codeOf(c.add('VADA:abc'))).toBe('bad-qr-part');
    expect(codeOf(c.add(partText([1, 0, 0, 0, 0, 1, 1])))).toBe('bad-qr-part'); // no chunk
    expect(codeOf(c.add(edit(0, 2)))).toBe('unsupported-version');
    expect(codeOf(c.add(edit(5, 0)))).toBe('bad-qr-part'); // part 0
    expect(codeOf(c.add(edit(5, 2)))).toBe('bad-qr-part'); // part 2 of 1
    expect(codeOf(c.add(edit(6, 0)))).toBe('bad-qr-part'); // 0 parts
    expect(codeOf(c.add(partText([1, 0, 0, 0, 0, 1, LIMITS.qrParts + 1, 9])))).toBe('bad-qr-part');
    expect(codeOf(c.add(partText([1, 0, 0, 0, 0, 1, 1, ...randomBytes(LIMITS.qrChunkBytes + 1)])))).toBe('too-large');
    expect(codeOf(c.add(partText(good)))).toBe('complete');
  });

  it(`keeps at most ${LIMITS.qrCollectorBundles} bundles at once, dropping the least recently seen`, () => {
    const sets = Array.from({ length: LIMITS.qrCollectorBundles + 1 }, (_, i) => bundleToQrParts(randomBytes(1000, i)));
    const c = createQrCollector();
    for (const parts of sets) expect(c.add(parts[0]!)).toMatchObject({ kind: 'part', have: 1 });
    expect(c.add(sets[1]![1]!)).toMatchObject({ kind: 'part', have: 2 });
    expect(c.add(sets[0]![1]!)).toMatchObject({ kind: 'part', have: 1 }); // the oldest was dropped
  });

  it('never throws on hostile scans, and refuses with known codes', () => {
    const codes = new Set<string>(REJECTION_CODES);
    const c = createQrCollector();
    const good = bundleToQrParts(randomBytes(900));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 700 }).map((s) => `VADA:${s}`),
          fc.string({ unit: fc.constantFrom(...BASE45_ALPHABET), maxLength: 700 }).map((s) => `VADA:${s}`),
          fc.uint8Array({ minLength: 8, maxLength: 60 }).map((b) => partText([1, ...b])),
          fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...BASE45_ALPHABET)).map(([p, at, ch]) => {
            const t = good[p % good.length]!;
            const i = QR_MARKER.length + (at % (t.length - QR_MARKER.length));
            return t.slice(0, i) + ch + t.slice(i + 1);
          }),
        ),
        (text) => {
          const r = c.add(text);
          if (r.kind === 'refused') expect(codes.has(r.error.code)).toBe(true);
          else expect(r.total).toBeGreaterThanOrEqual(1);
        },
      ),
      { numRuns: 5000 },
    );
  });
});
