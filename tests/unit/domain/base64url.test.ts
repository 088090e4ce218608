/** The one base64url codec: RFC 4648 §5 vectors, round trips against Node's encoder, and canonical decoding only. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { B64URL_ALPHABET, decodeB64url, fromB64url, isCanonicalB64url, toB64url } from '../../../src/domain/base64url';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('toB64url', () => {
  it.each([
    ['', ''],
    ['f', 'Zg'],
    ['fo', 'Zm8'],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg'],
    ['fooba', 'Zm9vYmE'],
    ['foobar', 'Zm9vYmFy'],
  ])('RFC 4648 §10 vector %j → %j, unpadded', (text, encoded) => {
    expect(toB64url(ascii(text))).toBe(encoded);
    expect(decodeB64url(encoded)).toEqual(ascii(text));
  });

  it('uses - and _ where base64 has + and /', () => {
    expect(toB64url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect(B64URL_ALPHABET).toBe(`${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'}${'abcdefghijklmnopqrstuvwxyz'}0123456789-_`);
  });

  it('matches Node’s encoder and round-trips any bytes, the text canonical', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = toB64url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
        expect(fromB64url(text)).toEqual(bytes);
        expect(isCanonicalB64url(text)).toBe(bytes.length > 0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('canonical decoding', () => {
  it('refuses spare low bits in the last character: each byte string has one spelling', () => {
    // Node's decoder is lenient: '_x' and '_w' are the same byte to it. Ours takes only '_w'.
    expect(Buffer.from('_x', 'base64url')).toEqual(Buffer.from('_w', 'base64url'));
    expect(isCanonicalB64url('_w')).toBe(true);
    expect(isCanonicalB64url('_x')).toBe(false);
    expect(decodeB64url('_x')).toBeUndefined();
    expect(isCanonicalB64url('__8')).toBe(true);
    expect(isCanonicalB64url('__9')).toBe(false);
  });

  it('takes exactly the last characters whose spare bits are zero: 4 of 64 after 2 characters, 16 after 3', () => {
    const lastOk = (prefix: string) => [...B64URL_ALPHABET].filter((c) => decodeB64url(prefix + c) !== undefined);
    expect(lastOk('A')).toEqual(['A', 'Q', 'g', 'w']);
    expect(lastOk('AA')).toEqual([...'AEIMQUYcgkosw048']);
    expect(lastOk('AAA')).toHaveLength(64);
  });

  it.each([
    ['padding', 'Zg=='],
    ['one pad', 'Zm8='],
    ['a lone pad', '='],
    ['base64’s +', 'ab+c'],
    ['base64’s /', 'ab/c'],
    ['a space', 'ab c'],
    ['a newline', 'Zm9v\n'],
    ['4n + 1 characters', 'A'],
    ['4n + 1 characters, longer', 'AAAAA'],
    ['a full-width letter', 'Ａ'],
    ['a letter with a high code unit', 'A\u0141'],
    ['a lone surrogate', 'AA\ud800'],
  ])('refuses %s (%j): decode gives undefined, fromB64url throws', (_, text) => {
    expect(isCanonicalB64url(text)).toBe(false);
    expect(decodeB64url(text)).toBeUndefined();
    expect(() => fromB64url(text)).toThrow(RangeError);
  });

  it('reads the empty text as no bytes, though no field may be empty', () => {
    expect(decodeB64url('')).toEqual(new Uint8Array(0));
    expect(isCanonicalB64url('')).toBe(false);
  });

  it('never throws on arbitrary text, and accepts only what the encoder writes', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12, unit: fc.constantFrom(...B64URL_ALPHABET, '=', '+', '/', ' ') }), (s) => {
        const bytes = decodeB64url(s);
        if (bytes) expect(toB64url(bytes)).toBe(s);
        else expect(s === '' || Buffer.from(s, 'base64url').toString('base64url') !== s || /[=+/ ]/.test(s)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
