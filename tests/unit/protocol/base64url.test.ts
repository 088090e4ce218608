/** Unpadded base64url, checked against Node's own encoder. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buf, fromB64url, toB64url } from '../../../src/protocol/base64url';

describe('base64url', () => {
  it('matches Buffer base64url and round-trips arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const s = toB64url(bytes);
        expect(s).toBe(Buffer.from(bytes).toString('base64url'));
        expect(fromB64url(s)).toEqual(bytes);
      }),
      { numRuns: 200 },
    );
  });
  it('has no padding and uses - and _', () => {
    expect(toB64url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect(toB64url(new Uint8Array([1]))).toBe('AQ');
  });
  it.each(['ab+c', 'ab/c', 'AQ==', 'a b', 'A'])('throws on %j', (s) => expect(() => fromB64url(s)).toThrow());
  it('buf copies into a fresh ArrayBuffer of the right length', () => {
    const view = new Uint8Array([1, 2, 3, 4]).subarray(1, 3);
    const b = buf(view);
    expect(new Uint8Array(b)).toEqual(new Uint8Array([2, 3]));
  });
});
