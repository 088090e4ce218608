/** LEB128 varints of bundles: shortest spelling only, at most 8 bytes, safe integers only. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readVarint, writeVarint } from '../../../src/protocol/varint';

const read = (...bytes: number[]) => readVarint(Uint8Array.from(bytes), 0);

describe('varint', () => {
  it('writes the shortest LEB128 spelling', () => {
    expect(writeVarint(0)).toEqual([0]);
    expect(writeVarint(127)).toEqual([127]);
    expect(writeVarint(128)).toEqual([0x80, 1]);
    expect(writeVarint(300)).toEqual([0xac, 0x02]);
    expect(writeVarint(1748779200000)).toHaveLength(6);
    expect(writeVarint(Number.MAX_SAFE_INTEGER)).toEqual([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f]);
  });

  it('refuses to write what is not a non-negative safe integer (a caller bug)', () => {
    for (const bad of [-1, 0.5, NaN, 2 ** 53]) expect(() => writeVarint(bad)).toThrow(RangeError);
  });

  it('reads back every safe integer it writes, at any offset', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), fc.uint8Array({ maxLength: 3 }), (n, before) => {
        const bytes = Uint8Array.from([...before, ...writeVarint(n), 0xee]);
        expect(readVarint(bytes, before.length)).toEqual({ value: n, next: before.length + writeVarint(n).length });
      }),
    );
  });

  it('names what is wrong: the end, a longer spelling, a value past 2^53 − 1, no end within 8 bytes', () => {
    expect(read()).toMatchObject({ problem: 'end' });
    expect(read(0x80, 0x80)).toMatchObject({ problem: 'end' });
    expect(read(0x80, 0x00)).toEqual({ value: 0, next: 2, problem: 'non-minimal' });
    expect(read(0xff, 0x80, 0x00)).toMatchObject({ value: 127, next: 3, problem: 'non-minimal' });
    expect(read(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x10)).toMatchObject({ next: 8, problem: 'too-big' });
    expect(read(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01)).toMatchObject({ next: 8, problem: 'too-long' });
  });

  it('never misreads random bytes: a clean read always re-encodes to the same bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 10 }), (bytes) => {
        const r = readVarint(bytes, 0);
        if (!r.problem) expect(writeVarint(r.value)).toEqual([...bytes.subarray(0, r.next)]);
      }),
      { numRuns: 5000 },
    );
  });
});
