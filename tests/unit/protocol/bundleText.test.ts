/**
 * The text form of bundles: exact and GSM-7 safe; found in any surrounding
 * text, through white space, line breaks and quote marks inserted anywhere, a
 * capitalised marker, several bundles at once; a text cut short still yields
 * the records that arrived; damaged or oversized texts are refused with codes.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/domain/limits';
import { base62Encode } from '../../../src/protocol/base62';
import { packBundle, unpackBundle } from '../../../src/protocol/bundle';
import { BUNDLE_TEXT_MARKER, bundleToText, textToBundles } from '../../../src/protocol/bundleText';
import { writeVarint } from '../../../src/protocol/varint';
import { sealEveryKind, wiresArb } from '../../fixtures/bundleWires';
import { isGsm7Basic, smsSegments } from '../../fixtures/gsm7';

let real: string[] = [];
let bytes: Uint8Array;
beforeAll(async () => {
  real = (await sealEveryKind()).map((s) => s.wire);
  bytes = packBundle(real);
});

const codes = (text: string) => textToBundles(text).refusals.map((r) => r.code);

/** Inserts white space, line breaks, zero-width spaces and mail quote marks at random places of a body. */
function sprinkle(text: string, seeds: readonly number[]): string {
  const cuts = [...new Set(seeds.map((s) => s % (text.length + 1)))].sort((a, b) => a - b);
  const fillers = [' ', '\n', '\r\n', '\t', '  ', '\u00a0', '\u200b', '\n> ', '\n>> ', '\u2028'];
  let out = '';
  let from = 0;
  for (const [i, cut] of cuts.entries()) {
    out += text.slice(from, cut) + fillers[(seeds[i] ?? 0) % fillers.length];
    from = cut;
  }
  return out + text.slice(from);
}

/** Prose around bundles, including base62-looking words and punctuation; never the marker itself. */
const wordsArb = fc
  .array(
    fc.constantFrom(
      'Meet',
      'here',
      'at',
      '6pm',
      'ABC123',
      'vada',
      'Vada1',
      ':',
      'тут',
      '😀',
      '.',
      ',',
      '!',
      'v',
      'vada2:x',
    ),
    {
      maxLength: 8,
    },
  )
  .map((w) => w.join(' '));

describe('bundleToText', () => {
  it('is the marker then base62 of (length varint ‖ bytes), first block at least 32 bytes', () => {
    const text = bundleToText(bytes);
    expect(text.startsWith(BUNDLE_TEXT_MARKER)).toBe(true);
    expect(text.slice(BUNDLE_TEXT_MARKER.length)).toBe(
      base62Encode(Uint8Array.from([...writeVarint(bytes.length), ...bytes])),
    );
    expect(bundleToText(Uint8Array.of(7))).toBe(
      BUNDLE_TEXT_MARKER + base62Encode(Uint8Array.from([1, 7, ...new Array(30).fill(0)])),
    );
  });

  it('uses only GSM-7 basic characters that chat apps leave alone', () => {
    const text = bundleToText(bytes);
    expect(isGsm7Basic(text)).toBe(true);
    expect(text).toMatch(/^vada1:[0-9A-Za-z]+$/);
    expect(smsSegments(text).gsm7).toBe(true);
  });

  it('refuses to write more than a bundle may hold (a caller bug)', () => {
    expect(() => bundleToText(new Uint8Array(LIMITS.bundleBytes + 1))).toThrow(TypeError);
  });
});

describe('textToBundles', () => {
  it('reads back real bundles exactly', () => {
    expect(textToBundles(bundleToText(bytes))).toEqual({ bundles: [bytes], refusals: [] });
  });

  it('round-trips any bytes, short or long', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (b) => {
        expect(textToBundles(bundleToText(b))).toEqual({ bundles: [b], refusals: [] });
      }),
      { numRuns: 1000 },
    );
  });

  it('finds bundles among other words, wrapped by white space and quote marks, several in one text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(wiresArb(4), fc.array(fc.nat(), { maxLength: 12 }), wordsArb, fc.boolean()), {
          minLength: 1,
          maxLength: 3,
        }),
        wordsArb,
        (parts, before) => {
          const packed = parts.map(([wires]) => packBundle(wires));
          let text = before;
          for (const [i, [, seeds, after, capital]] of parts.entries()) {
            const body = bundleToText(packed[i]!).slice(BUNDLE_TEXT_MARKER.length);
            const t = (capital ? 'Vada1:' : BUNDLE_TEXT_MARKER) + sprinkle(body, seeds);
            text += `${i % 2 ? '\n' : ' '}${t}${after ? ` ${after}` : ''}`;
          }
          const found = textToBundles(text);
          expect(found.refusals).toEqual([]);
          expect(found.bundles).toEqual(packed);
          for (const [i, [wires]] of parts.entries())
            expect(unpackBundle(found.bundles[i]!)).toMatchObject({
              ok: true,
              value: { items: wires.map((wire) => ({ wire })) },
            });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('stops exactly at the bundle’s end, even when words follow without a space', () => {
    expect(textToBundles(`${bundleToText(bytes)}Thanks`).bundles).toEqual([bytes]);
    expect(textToBundles(`(${bundleToText(bytes)}).`).bundles).toEqual([bytes]);
    expect(textToBundles(`${bundleToText(bytes)}${bundleToText(bytes)}`).bundles).toEqual([bytes, bytes]);
  });

  it('gives no bundles and no refusals for text without the marker', () => {
    expect(textToBundles('Meet at the square at 6pm. vada vada1 vada2:abc')).toEqual({ bundles: [], refusals: [] });
    expect(textToBundles('')).toEqual({ bundles: [], refusals: [] });
  });

  it('keeps the records that arrived when the text is cut short, at every length', () => {
    // The six smaller records (the point with fallbacks alone is 2 KB): about 2,000 cuts.
    const wires = real.slice(1);
    const small = packBundle(wires);
    const text = bundleToText(small);
    const firstBlockEnd = BUNDLE_TEXT_MARKER.length + 43;
    const kept = new Set<number>();
    for (let cut = BUNDLE_TEXT_MARKER.length; cut < text.length; cut++) {
      // Words right after a cut body would be read as its digits; punctuation ends a body.
      const found = textToBundles(`${text.slice(0, cut)}${cut % 2 ? '' : '\n\n-- sent from my phone'}`);
      if (cut < firstBlockEnd) {
        expect(found, `cut at ${cut}`).toEqual({
          bundles: [],
          refusals: [expect.objectContaining({ code: 'truncated' })],
        });
        continue;
      }
      expect(found.refusals).toEqual([]);
      const partial = found.bundles[0]!;
      expect(Buffer.from(small.subarray(0, partial.length)).equals(partial), `cut at ${cut}`).toBe(true);
      expect(partial.length).toBeLessThan(small.length);
      const r = unpackBundle(partial);
      if (!r.ok) {
        expect(r.error.code).toBe('truncated');
        continue;
      }
      expect(r.value.damaged?.error.code).toBe('truncated');
      const got = r.value.items.map((i) => (i.ok ? i.wire : ''));
      expect(got.every((w, i) => w === wires[i])).toBe(true);
      kept.add(got.length);
    }
    // Every record but the last arrives before the text ends.
    expect([...kept].sort()).toEqual(wires.slice(1).map((_, i) => i + 1));
  });

  it('a new marker ends a bundle cut short, and the next bundle is still found', () => {
    const text = bundleToText(bytes);
    const found = textToBundles(`${text.slice(0, 300)}${text}`);
    expect(found.bundles).toHaveLength(2);
    expect(found.bundles[1]).toEqual(bytes);
  });

  it('refuses a damaged first block, a bad length, non-zero padding and an oversized bundle', () => {
    expect(codes(`vada1:${'z'.repeat(43)}`)).toEqual(['bad-text']);
    const first = (b: number[]) =>
      `vada1:${base62Encode(Uint8Array.from([...b, ...new Array(32 - b.length).fill(0)]))}`;
    expect(codes(first([0x80, 0x00]))).toEqual(['bad-text']); // length not in its shortest form
    expect(codes(first([2, 7, 7, 1]))).toEqual(['bad-text']); // padding after a 2-byte bundle
    expect(codes(first(writeVarint(LIMITS.bundleBytes + 1)))).toEqual(['too-large']);
    expect(textToBundles(first([2, 7, 7])).bundles).toEqual([Uint8Array.of(7, 7)]);
  });

  it('refuses a text over the size limit before reading it', () => {
    const text = bundleToText(bytes) + ' '.repeat(LIMITS.bundleTextChars);
    expect(textToBundles(text)).toEqual({ bundles: [], refusals: [expect.objectContaining({ code: 'too-large' })] });
  });

  it('never throws on hostile text, and every refusal has a known code', () => {
    const text = bundleToText(bytes);
    const hostile = fc.oneof(
      fc.string({ maxLength: 300 }).map((s) => `vada1:${s}`),
      fc.tuple(fc.nat(), fc.string({ maxLength: 3, unit: 'binary' })).map(([at, s]) => {
        const i = at % text.length;
        return text.slice(0, i) + s + text.slice(i + 1);
      }),
      fc.string({ unit: fc.constantFrom('v', 'a', 'd', '1', ':', 'z', ' ', '\n', '>'), maxLength: 200 }),
    );
    fc.assert(
      fc.property(hostile, (t) => {
        const r = textToBundles(t);
        for (const refusal of r.refusals) expect(['truncated', 'bad-text', 'too-large']).toContain(refusal.code);
        for (const b of r.bundles) expect(b.length).toBeLessThanOrEqual(LIMITS.bundleBytes);
      }),
      { numRuns: 3000 },
    );
  });
});
