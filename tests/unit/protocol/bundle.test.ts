/**
 * Bundles of real sealed records: exact byte layout (checked against an
 * independent encoder written here from docs/protocol.md §13.1), round trip of
 * every kind, the one-varint record header (every value names one kind, circle
 * and author; past the dictionaries it is a per-record refusal), whole-bundle
 * refusals, per-record refusals that keep the rest, truncation at every byte,
 * and the limits.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/domain/limits';
import { RECORD_KINDS } from '../../../src/domain/records';
import type { CircleId, PublicKey } from '../../../src/domain/brand';
import { fromB64url, toB64url } from '../../../src/protocol/base64url';
import { BUNDLE_VERSION, packBundle, unpackBundle, type UnpackedBundle } from '../../../src/protocol/bundle';
import { OPEN_CIRCLE_ID } from '../../../src/protocol/circle';
import { encodeEnvelope, parseEnvelope, type Envelope } from '../../../src/protocol/envelope';
import { inspectEnvelope } from '../../../src/protocol/inspectEnvelope';
import { writeVarint } from '../../../src/protocol/varint';
import { sealEveryKind, T_SEAL } from '../../fixtures/bundleWires';

let wires: string[] = [];
let envelopes: Envelope[] = [];
beforeAll(async () => {
  wires = (await sealEveryKind()).map((s) => s.wire);
  envelopes = wires.map((w) => {
    const e = parseEnvelope(w);
    if (!e.ok) throw new Error(e.error.detail);
    return e.value;
  });
});

const v = writeVarint;
const cat = (...parts: (Uint8Array | number[])[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

/** The v1 kinds in the order docs/protocol.md §13.1 numbers them (the header's lowest radix). */
const KINDS = ['point', 'disperse', 'cancel', 'alert', 'coorganizer', 'organizer'];

/** The record header of §13.1: kind + 6 × (circle index + C × author index), C circles in the dictionary. */
const headerOf = (kind: number, ci: number, ai: number, circleCount: number) => kind + 6 * (ci + circleCount * ai);

/** The fields of one record as docs/protocol.md §13.1 lays them out, each as its own byte run. */
function recordFields(e: Envelope, ci: number, ai: number, circleCount: number) {
  const p = fromB64url(e.p);
  return {
    header: v(headerOf(KINDS.indexOf(e.k), ci, ai, circleCount)),
    t: v(e.t),
    nonce: [...fromB64url(e.n)],
    length: v(p.length),
    p: [...p],
    s: [...fromB64url(e.s)],
  };
}
type Fields = ReturnType<typeof recordFields>;
const recordBytes = (f: Fields) => cat(f.header, f.t, f.nonce, f.length, f.p, f.s);

/** An independent encoder: header, dictionaries in order of first use (the open circle first, unlisted), records. */
function layout(es: readonly Envelope[], edit: (f: Fields, i: number) => Uint8Array = (f) => recordBytes(f)) {
  const open = es.some((e) => e.c === OPEN_CIRCLE_ID);
  const circles = [...new Set([...(open ? [OPEN_CIRCLE_ID] : []), ...es.map((e) => e.c)])];
  const listed = circles.slice(open ? 1 : 0);
  const authors = [...new Set(es.map((e) => e.a))];
  const header = cat(
    [BUNDLE_VERSION],
    v(es.length),
    v(listed.length * 2 + (open ? 1 : 0)),
    v(authors.length),
    ...listed.map(fromB64url),
    ...authors.map(fromB64url),
  );
  const records = es.map((e, i) =>
    edit(recordFields(e, circles.indexOf(e.c), authors.indexOf(e.a), circles.length), i),
  );
  const ends: number[] = [];
  let at = header.length;
  for (const r of records) ends.push((at += r.length));
  return { bytes: cat(header, ...records), headerLength: header.length, ends, circles, authors };
}

/** Canonical (unsigned) envelopes with random bytes: enough for the codec, which checks structure only. */
function syntheticEnvelopes(count: number, circleOf: (i: number) => string, authorOf: (i: number) => string) {
  const random = (n: number) => toB64url(crypto.getRandomValues(new Uint8Array(n)));
  return Array.from({ length: count }, (_, i): Envelope => {
    const e = {
      v: 1,
      c: circleOf(i) as CircleId,
      k: KINDS[i % KINDS.length],
      t: T_SEAL + i,
      a: authorOf(i) as PublicKey,
      n: random(12),
      p: random(40),
      s: random(64),
    } as Envelope;
    const parsed = parseEnvelope(encodeEnvelope(e));
    if (!parsed.ok) throw new Error(parsed.error.detail);
    return parsed.value;
  });
}

function unpacked(bytes: Uint8Array): UnpackedBundle {
  const r = unpackBundle(bytes);
  if (!r.ok) throw new Error(`refused: ${r.error.code} ${r.error.detail}`);
  return r.value;
}
const codeOf = (bytes: Uint8Array) => {
  const r = unpackBundle(bytes);
  return r.ok ? 'ok' : r.error.code;
};

describe('packBundle / unpackBundle with real sealed records', () => {
  it('packs every kind, byte for byte as docs/protocol.md §13.1 lays it out', () => {
    expect([...RECORD_KINDS]).toEqual(KINDS);
    expect(new Set(envelopes.map((e) => e.k))).toEqual(new Set(RECORD_KINDS));
    expect(packBundle(wires)).toEqual(layout(envelopes).bytes);
  });

  it('writes kind, circle and author as one header byte while 6 × C × A ≤ 128', () => {
    // 2 circles (open + private) and 2 authors: headers 0 to 23, one byte each, t right after.
    const { headerLength, ends, circles, authors } = layout(envelopes);
    const bytes = packBundle(wires);
    expect([circles.length, authors.length]).toEqual([2, 2]);
    [headerLength, ...ends.slice(0, -1)].forEach((at, i) => {
      const e = envelopes[i]!;
      const h = KINDS.indexOf(e.k) + 6 * (circles.indexOf(e.c) + 2 * authors.indexOf(e.a));
      expect([...bytes.subarray(at, at + 2)], `record ${i + 1}`).toEqual([h, v(e.t)[0]]);
    });
  });

  it('takes two header bytes from 128 on (30 authors, 2 circles), still exactly as laid out', () => {
    const keys = Array.from({ length: 30 }, () => toB64url(crypto.getRandomValues(new Uint8Array(32))));
    const priv = toB64url(new Uint8Array(16).fill(3));
    const es = syntheticEnvelopes(
      30,
      (i) => (i % 2 ? priv : OPEN_CIRCLE_ID),
      (i) => keys[i]!,
    );
    const { headerLength, ends } = layout(es);
    const synthetic = es.map(encodeEnvelope);
    const bytes = packBundle(synthetic);
    // Record 1: point, open circle, author 0: 0. Record 21: cancel (2), open (0), author 20:
    // 2 + 6 × (0 + 2 × 20) = 242 = f2 01. Record 30: organizer (5), private (1), author 29: 359 = e7 02.
    expect(bytes[headerLength]).toBe(0);
    expect([...bytes.subarray(ends[19]!, ends[19]! + 2)]).toEqual([0xf2, 0x01]);
    expect([...bytes.subarray(ends[28]!, ends[28]! + 2)]).toEqual([0xe7, 0x02]);
    expect(bytes).toEqual(layout(es).bytes);
    expect(unpacked(bytes).items.map((i) => (i.ok ? i.wire : i.error.code))).toEqual(synthetic);
  });

  it('gives back exactly the wires, in order, 1-based, each still a valid signed record', async () => {
    const out = unpacked(packBundle(wires));
    expect(out.damaged).toBeUndefined();
    expect(out.items).toEqual(wires.map((wire, i) => ({ ok: true, index: i + 1, wire })));
    for (const item of out.items)
      if (item.ok) expect((await inspectEnvelope(item.wire, { now: T_SEAL + 60_000 })).ok, item.wire).toBe(true);
  });

  it('shares circle ids and author keys: far smaller than the wires', () => {
    const bytes = packBundle(wires);
    const wireChars = wires.reduce((n, w) => n + w.length, 0);
    // 2 circles and 2 authors for 7 records: 5 × 16 + 5 × 32 bytes saved, plus JSON keys and base64url.
    expect(bytes.length).toBeLessThan(wireChars * 0.7);
    // The open circle is a flag, not 16 bytes: only the private circle is listed.
    expect(layout(envelopes).headerLength).toBe(1 + 1 + 1 + 1 + 1 * 16 + 2 * 32);
    const openOnly = wires.filter((_, i) => envelopes[i]!.c === OPEN_CIRCLE_ID);
    expect(packBundle(openOnly).subarray(0, 4)).toEqual(Uint8Array.of(1, openOnly.length, 1, 2));
    const privateOnly = wires.filter((_, i) => envelopes[i]!.c !== OPEN_CIRCLE_ID);
    expect(packBundle(privateOnly).subarray(0, 4)).toEqual(Uint8Array.of(1, privateOnly.length, 2, 1));
  });

  it('keeps duplicates and order as given (the caller decides what to send)', () => {
    const twice = [wires[1]!, wires[0]!, wires[1]!];
    expect(unpacked(packBundle(twice)).items.map((i) => (i.ok ? i.wire : ''))).toEqual(twice);
  });
});

describe('packBundle refuses caller bugs with TypeError', () => {
  it('a wire that is not a canonical v1 envelope', () => {
    const w = wires[0]!;
    for (const bad of [w.replace('{"v":1,', '{"v":1, '), w.replace('"v":1', '"v":2'), '{}', 'not json', ''])
      expect(() => packBundle([wires[1]!, bad])).toThrow(TypeError);
  });
  it('no records, too many records, too many bytes', () => {
    expect(() => packBundle([])).toThrow(TypeError);
    expect(() => packBundle(Array.from({ length: LIMITS.bundleRecords + 1 }, () => wires[1]!))).toThrow(TypeError);
    const largest = wires[0]!; // the point with three fallbacks
    const fit = Math.floor(LIMITS.bundleBytes / (largest.length * 0.75));
    expect(fit).toBeLessThan(LIMITS.bundleRecords);
    expect(() => packBundle(Array.from({ length: Math.min(LIMITS.bundleRecords, fit * 2) }, () => largest))).toThrow(
      /at most 524288/,
    );
    expect(packBundle(Array.from({ length: LIMITS.bundleRecords }, () => wires[4]!)).length).toBeLessThanOrEqual(
      LIMITS.bundleBytes,
    );
  });
});

describe('unpackBundle refuses the whole bundle only when nothing can be read', () => {
  it('empty, unknown version, over the byte limit', () => {
    expect(codeOf(new Uint8Array())).toBe('empty-bundle');
    expect(codeOf(Uint8Array.of(1, 0, 1, 1))).toBe('empty-bundle');
    const bytes = packBundle(wires);
    expect(codeOf(cat([2], bytes.subarray(1)))).toBe('unsupported-version');
    expect(codeOf(cat([0], bytes.subarray(1)))).toBe('unsupported-version');
    const huge = new Uint8Array(LIMITS.bundleBytes + 1);
    huge.set(bytes);
    expect(codeOf(huge)).toBe('too-large');
  });

  it('more records than the limit, before reading any of them', () => {
    expect(codeOf(cat([1], v(LIMITS.bundleRecords + 1), [1, 1]))).toBe('too-many-records');
    expect(codeOf(cat([1], v(2 ** 40), [1, 1]))).toBe('too-many-records');
  });

  it('a malformed header', () => {
    expect(codeOf(cat([1, 2, 0, 1]))).toBe('bad-bundle'); // no circles
    expect(codeOf(cat([1, 2, 5, 1]))).toBe('bad-bundle'); // more circles than records (open + 2 listed)
    expect(codeOf(cat([1, 2, 6, 1]))).toBe('bad-bundle'); // 3 listed
    expect(codeOf(cat([1, 2, 1, 0]))).toBe('bad-bundle'); // no authors
    expect(codeOf(cat([1, 0x82, 0x00, 1, 1]))).toBe('bad-bundle'); // record count not in its shortest form
    expect(codeOf(cat([1], new Array(9).fill(0x80)))).toBe('bad-bundle');
    expect(codeOf(Uint8Array.of(1))).toBe('truncated');
    expect(codeOf(Uint8Array.of(1, 1, 1, 1, ...new Array(47).fill(0)))).toBe('truncated'); // dictionary cut
  });

  it('reads any byte view: a Node Buffer, a view into a larger buffer', () => {
    const bytes = packBundle(wires);
    const inLarger = new Uint8Array(bytes.length + 10);
    inLarger.set(bytes, 5);
    expect(unpacked(Buffer.from(bytes)).items).toHaveLength(wires.length);
    expect(unpacked(inLarger.subarray(5, 5 + bytes.length)).items.map((i) => (i.ok ? i.wire : ''))).toEqual(wires);
  });

  it('is not fooled by something that is not bytes', () => {
    expect(codeOf('vada' as unknown as Uint8Array)).toBe('bad-bundle');
    expect(codeOf([1, 1, 1, 1] as unknown as Uint8Array)).toBe('bad-bundle');
    expect(codeOf(null as unknown as Uint8Array)).toBe('bad-bundle');
  });
});

describe('one broken record is refused alone; the others are kept', () => {
  /** Unpacks a layout where record `at` (0-based) was rewritten by `edit`. */
  const withRecord = (at: number, edit: (f: Fields) => Uint8Array) =>
    unpacked(layout(envelopes, (f, i) => (i === at ? edit(f) : recordBytes(f))).bytes);
  const expectOnly = (out: UnpackedBundle, at: number, code: string) => {
    expect(out.damaged).toBeUndefined();
    expect(out.items.map((i) => (i.ok ? 'ok' : i.error.code))).toEqual(wires.map((_, i) => (i === at ? code : 'ok')));
    expect(out.items.filter((i) => i.ok).map((i) => (i.ok ? i.wire : ''))).toEqual(wires.filter((_, i) => i !== at));
  };

  it('a record header of 6 × C × A or more (an author past the dictionary), up to beyond 2^53 − 1', () => {
    // C = A = 2: 24 is the first header without a (kind, circle, author).
    for (const header of [v(24), v(29), v(200), v(2 ** 40), [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]])
      expectOnly(
        withRecord(3, (f) => recordBytes({ ...f, header })),
        3,
        'bad-record',
      );
  });
  it('every header below 6 × C × A names one kind, circle and author: k = H mod 6, c = ⌊H/6⌋ mod C, a = ⌊H/6C⌋', () => {
    const { circles, authors } = layout(envelopes);
    const seen = new Set<string>();
    for (let h = 0; h < 6 * 2 * 2; h++) {
      const out = withRecord(2, (f) => recordBytes({ ...f, header: v(h) }));
      expect(out.damaged).toBeUndefined();
      const item = out.items[2]!;
      if (!item.ok) throw new Error(`header ${h}: ${item.error.code}`);
      const e = parseEnvelope(item.wire);
      if (!e.ok) throw new Error(e.error.detail);
      expect([e.value.k, e.value.c, e.value.a], `header ${h}`).toEqual([
        KINDS[h % 6],
        circles[Math.floor(h / 6) % 2],
        authors[Math.floor(h / 12)],
      ]);
      seen.add(item.wire);
      expect(out.items.filter((x, i) => i !== 2 && x.ok).length).toBe(wires.length - 1);
    }
    expect(seen.size).toBe(24); // one spelling each: 24 headers, 24 different records
  });
  it('a number not in its shortest form (one spelling per record)', () => {
    const longer = (n: number[]) => [...n.slice(0, -1), n[n.length - 1]! | 0x80, 0];
    expectOnly(
      withRecord(1, (f) => recordBytes({ ...f, t: longer(f.t) })),
      1,
      'bad-record',
    );
    expectOnly(
      withRecord(4, (f) => recordBytes({ ...f, length: longer(f.length) })),
      4,
      'bad-record',
    );
    expectOnly(
      withRecord(5, (f) => recordBytes({ ...f, header: longer(f.header) })),
      5,
      'bad-record',
    );
  });
  it('a created time beyond 2^53 − 1, and ciphertexts shorter or longer than a record may carry', () => {
    expectOnly(
      withRecord(6, (f) => recordBytes({ ...f, t: [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f] })),
      6,
      'bad-field',
    );
    expectOnly(
      withRecord(2, (f) => recordBytes({ ...f, length: v(15), p: f.p.slice(0, 15) })),
      2,
      'bad-field',
    );
    const big = new Array(LIMITS.payloadBytes + 17).fill(1);
    expectOnly(
      withRecord(2, (f) => recordBytes({ ...f, length: v(big.length), p: big })),
      2,
      'bad-field',
    );
  });
  it('the largest ciphertext a record may carry is read', () => {
    const big = new Array(LIMITS.payloadBytes + 16).fill(1);
    const out = unpacked(
      layout(envelopes, (f, i) => recordBytes(i === 2 ? { ...f, length: v(big.length), p: big } : f)).bytes,
    );
    expect(out.items.every((i) => i.ok)).toBe(true);
  });
});

describe('framing damage keeps every record read before it', () => {
  it('truncation at every byte: the records before the cut, and `damaged` from the cut record', () => {
    const { bytes, ends } = layout(envelopes);
    expect(packBundle(wires)).toEqual(bytes);
    for (let cut = 0; cut < bytes.length; cut++) {
      const r = unpackBundle(bytes.slice(0, cut));
      const whole = ends.filter((e) => e <= cut).length;
      if (whole === 0) {
        expect(r, `cut at ${cut}`).toMatchObject({
          ok: false,
          error: { code: cut === 0 ? 'empty-bundle' : 'truncated' },
        });
        continue;
      }
      expect(r.ok, `cut at ${cut}`).toBe(true);
      if (!r.ok) continue;
      expect(r.value.items).toEqual(wires.slice(0, whole).map((wire, i) => ({ ok: true, index: i + 1, wire })));
      expect(r.value.damaged).toEqual({ index: whole + 1, error: { code: 'truncated', detail: expect.any(String) } });
    }
  });

  it('a length running past the end', () => {
    const { bytes } = layout(envelopes, (f, i) => recordBytes(i === 5 ? { ...f, length: v(100_000) } : f));
    const out = unpacked(bytes);
    expect(out.items).toHaveLength(5);
    expect(out.damaged).toMatchObject({ index: 6, error: { code: 'truncated' } });
  });

  it('a number with no end within 8 bytes', () => {
    for (const field of ['header', 't'] as const) {
      const { bytes } = layout(envelopes, (f, i) =>
        recordBytes(i === 3 ? { ...f, [field]: new Array(9).fill(0x80) } : f),
      );
      const out = unpacked(bytes);
      expect(out.items, field).toHaveLength(3);
      expect(out.damaged, field).toMatchObject({ index: 4, error: { code: 'bad-bundle' } });
    }
  });

  it('bytes after the last record', () => {
    const out = unpacked(cat(packBundle(wires), [0]));
    expect(out.items.every((i) => i.ok)).toBe(true);
    expect(out.items).toHaveLength(wires.length);
    expect(out.damaged).toMatchObject({ index: wires.length + 1, error: { code: 'bad-bundle' } });
  });
});
