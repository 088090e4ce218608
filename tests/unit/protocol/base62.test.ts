/** Base62 blocks of the bundle text form: 32 bytes ↔ 43 characters, minimal last block, one spelling per bytes. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BASE62_ALPHABET,
  base62ByteLength,
  base62Decode,
  base62Encode,
  base62Length,
} from '../../../src/protocol/base62';

describe('base62', () => {
  it('uses letters and digits only, in value order', () => {
    expect(BASE62_ALPHABET).toMatch(/^[0-9A-Za-z]{62}$/);
    expect(new Set(BASE62_ALPHABET).size).toBe(62);
    expect([...BASE62_ALPHABET].sort().join('')).toBe(BASE62_ALPHABET);
  });

  it('spells known values big-endian, fixed width per block', () => {
    expect(base62Encode(Uint8Array.of(0))).toBe('00');
    expect(base62Encode(Uint8Array.of(255))).toBe('47'); // 4·62 + 7
    expect(base62Encode(Uint8Array.of(1, 0))).toBe('048'); // 256 = 4·62 + 8
    expect(base62Encode(new Uint8Array(32))).toBe('0'.repeat(43));
    // 2²⁵⁶ − 1 is the largest 32-byte block; 62⁴³ − 1 ('z' × 43) is larger and refused.
    const max = base62Encode(new Uint8Array(32).fill(255));
    expect(max).toHaveLength(43);
    expect(base62Decode(max)).toEqual(new Uint8Array(32).fill(255));
  });

  it('gives a last block of r bytes the fewest characters c with 62^c ≥ 256^r', () => {
    for (let r = 0; r <= 32; r++) {
      let c = 0;
      while (62n ** BigInt(c) < 256n ** BigInt(r)) c++;
      expect(base62Length(r), `r = ${r}`).toBe(c);
      if (r > 0) expect(c, 'docs/protocol.md §13.2: ⌊4r / 3⌋ + 1').toBe(Math.floor((4 * r) / 3) + 1);
      expect(base62Length(64 + r)).toBe(86 + c);
      expect(base62ByteLength(86 + c)).toBe(64 + r);
    }
    expect(base62Length(32)).toBe(43);
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = base62Encode(bytes);
        expect(text).toHaveLength(base62Length(bytes.length));
        expect(text).toMatch(/^[0-9A-Za-z]*$/);
        expect(base62Decode(text)).toEqual(bytes);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a value that does not fit its byte count, a length no bytes have, and foreign characters', () => {
    expect(base62Decode('48')).toBeUndefined(); // 256 in a one-byte block
    expect(base62Decode('zz')).toBeUndefined();
    expect(base62Decode('z'.repeat(43))).toBeUndefined(); // ≥ 2²⁵⁶
    expect(base62Decode('0'.repeat(43) + 'z'.repeat(43))).toBeUndefined();
    for (const n of [1, 4, 8, 44, 47]) expect(base62Decode('0'.repeat(n)), `${n} chars`).toBeUndefined();
    expect(base62Decode('0-')).toBeUndefined();
    expect(base62Decode('0 ')).toBeUndefined();
    expect(base62Decode('0é')).toBeUndefined();
  });

  it('has one spelling per bytes: every text it accepts is exactly the encoding of what it decodes to', () => {
    const anyBase62 = fc.string({ unit: fc.constantFrom(...BASE62_ALPHABET), maxLength: 100 });
    fc.assert(
      fc.property(anyBase62, (text) => {
        const bytes = base62Decode(text);
        if (bytes) expect(base62Encode(bytes)).toBe(text);
      }),
      { numRuns: 5000 },
    );
  });
});
