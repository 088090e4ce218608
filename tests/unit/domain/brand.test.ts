/** Branded ids: exact length and the one canonical base64url spelling. */
import { describe, expect, it } from 'vitest';
import { asCircleId, asPublicKey, asRecordId, isB64url } from '../../../src/domain/brand';
import { toB64url } from '../../../src/protocol/base64url';

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
