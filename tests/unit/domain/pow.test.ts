/** leadingZeroBits counts from the most significant bit of byte 0 (the threshold: tests/unit/protocol/pow.test.ts). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leadingZeroBits } from '../../../src/domain/pow';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('leadingZeroBits', () => {
  it.each([
    [[0x80], 0],
    [[0x7f], 1],
    [[0x01], 7],
    [[0x00, 0x80], 8],
    [[0x00, 0x0f, 0xff], 12],
    [[0x00, 0x1f, 0x00], 11],
    [[0x00, 0x10], 11],
    [[0x00, 0x08], 12],
    [[0x00, 0x00, 0x01], 23],
    [[0xff, 0x00], 0],
  ])('%j has %i', (b, n) => {
    expect(leadingZeroBits(bytes(...b))).toBe(n);
  });

  it('is 8 × length for all-zero input, 0 for empty input', () => {
    expect(leadingZeroBits(new Uint8Array(32))).toBe(256);
    expect(leadingZeroBits(new Uint8Array(0))).toBe(0);
  });

  it('equals the index of the first 1 in the bit string', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 8 }), (b) => {
        const bits = [...b].map((x) => x.toString(2).padStart(8, '0')).join('');
        const first = bits.indexOf('1');
        expect(leadingZeroBits(b)).toBe(first === -1 ? bits.length : first);
      }),
    );
  });
});
