/** Base45 (RFC 9285) for QR parts: the RFC's examples, strict decoding, one spelling per bytes. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BASE45_ALPHABET, base45Decode, base45Encode, base45Length } from '../../../src/protocol/base45';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('base45 (RFC 9285)', () => {
  it('is the QR alphanumeric alphabet, in the RFC’s order', () => {
    expect(BASE45_ALPHABET).toBe('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:');
  });

  it('encodes the examples of RFC 9285 §4.3', () => {
    expect(base45Encode(ascii('AB'))).toBe('BB8');
    expect(base45Encode(ascii('Hello!!'))).toBe('%69 VD92EX0');
    expect(base45Encode(ascii('base-45'))).toBe('UJCLQE7W581');
  });

  it('decodes the example of RFC 9285 §4.4', () => {
    expect(base45Decode('QED8WEX0')).toEqual(ascii('ietf!'));
  });

  it('refuses what RFC 9285 §6 says a decoder must: out-of-range groups, foreign characters, a dangling character', () => {
    expect(base45Decode('GGW')).toBeUndefined(); // 65536
    expect(base45Decode('FGW')).toEqual(Uint8Array.of(255, 255)); // 65535
    expect(base45Decode('66')).toBeUndefined(); // 6 + 6·45 = 276 > 255
    expect(base45Decode('U5')).toEqual(Uint8Array.of(255));
    expect(base45Decode('BB8a')).toBeUndefined();
    expect(base45Decode('bb8')).toBeUndefined();
    expect(base45Decode('BB_')).toBeUndefined();
    expect(base45Decode('BB8B')).toBeUndefined(); // length ≡ 1 mod 3
  });

  it('round-trips any bytes with the length it announces', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = base45Encode(bytes);
        expect(text).toHaveLength(base45Length(bytes.length));
        expect(base45Decode(text)).toEqual(bytes);
      }),
      { numRuns: 2000 },
    );
  });

  it('has one spelling per bytes and never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...BASE45_ALPHABET, 'a', '_'), maxLength: 60 }), (text) => {
        const bytes = base45Decode(text);
        if (bytes) expect(base45Encode(bytes)).toBe(text);
      }),
      { numRuns: 5000 },
    );
  });
});
