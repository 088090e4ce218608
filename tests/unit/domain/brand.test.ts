/** Branded ids: exact length and the one canonical base64url spelling. */
import { describe, expect, it } from 'vitest';
import { asCircleId, asPublicKey, asRecordId, isB64url, isCanonicalB64url } from '../../../src/domain/brand';
import { fromB64url, toB64url } from '../../../src/protocol/base64url';

describe('isCanonicalB64url', () => {
  it('accepts what toB64url produces for every length mod 3', () => {
    for (let n = 0; n < 40; n++) expect(isCanonicalB64url(toB64url(new Uint8Array(n).fill(0xff))) || n === 0).toBe(true);
  });
  it('refuses spare low bits in the last character (two spellings of the same bytes)', () => {
    // 1 byte → 2 chars, 4 spare bits; 2 bytes → 3 chars, 2 spare bits.
    expect(fromB64url('_w')).toEqual(fromB64url('_x'));
    expect(isCanonicalB64url('_w')).toBe(true);
    expect(isCanonicalB64url('_x')).toBe(false);
    expect(isCanonicalB64url('__8')).toBe(true);
    expect(isCanonicalB64url('__9')).toBe(false);
  });
  it.each(['', 'A', 'AAAAA', 'ab+c', 'ab/c', 'abc=', 'ab c'])('refuses %j', (s) => expect(isCanonicalB64url(s)).toBe(false));
});

describe('branded parsers', () => {
  const id = toB64url(new Uint8Array(32).fill(7));
  const circle = toB64url(new Uint8Array(16).fill(7));
  it('accept exact lengths only', () => {
    expect(asRecordId(id)).toBe(id);
    expect(asPublicKey(id)).toBe(id);
    expect(asCircleId(circle)).toBe(circle);
    expect(asRecordId(circle)).toBeUndefined();
    expect(asCircleId(id)).toBeUndefined();
    expect(asRecordId(`${id}A`)).toBeUndefined();
    expect(isB64url(id, 42)).toBe(false);
  });
  it.each([undefined, null, 43, {}, '!'.repeat(43)])('refuse %j', (v) => {
    expect(asRecordId(v)).toBeUndefined();
    expect(asPublicKey(v)).toBeUndefined();
    expect(asCircleId(v)).toBeUndefined();
  });
});
