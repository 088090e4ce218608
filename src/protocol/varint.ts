/**
 * Unsigned LEB128 integers, the only variable-length numbers in a hand-over
 * bundle (docs/protocol.md §13): seven bits per byte, least significant group
 * first, the high bit set on every byte but the last. Only the shortest form
 * is accepted, so one number has one spelling, and at most 8 bytes are read,
 * so a run of continuation bytes cannot make a reader scan on.
 */

/** Most bytes one varint may take: 8 × 7 = 56 bits cover every safe integer (2⁵³ − 1). */
export const VARINT_MAX_BYTES = 8;

/**
 * Why a varint could not be read. `end`: the bytes ran out first; `too-long`:
 * no last byte within VARINT_MAX_BYTES (its end is unknown); `non-minimal`: a
 * longer spelling than needed; `too-big`: beyond 2⁵³ − 1. After the last two
 * the varint's end (`next`) is still known, so a reader can skip it.
 */
export type VarintProblem = 'end' | 'too-long' | 'non-minimal' | 'too-big';

export interface VarintRead {
  /** The number (exact unless `problem` is set; NaN when its end is unknown). */
  readonly value: number;
  /** Offset just after the varint (when its end is known). */
  readonly next: number;
  readonly problem?: VarintProblem;
}

/** Reads the varint at `at`. Never throws. */
export function readVarint(bytes: Uint8Array, at: number): VarintRead {
  let value = 0;
  for (let i = 0; i < VARINT_MAX_BYTES; i++) {
    const b = bytes[at + i];
    if (b === undefined) return { value: NaN, next: bytes.length, problem: 'end' };
    // Each term is exact; the sum is exact while it stays below 2⁵³, and rounding
    // never brings a larger sum back under it, so the safe-integer check is exact.
    value += (b & 0x7f) * 2 ** (7 * i);
    if (b < 0x80) {
      const next = at + i + 1;
      if (value > Number.MAX_SAFE_INTEGER) return { value, next, problem: 'too-big' };
      if (i > 0 && b === 0) return { value, next, problem: 'non-minimal' };
      return { value, next };
    }
  }
  return { value: NaN, next: at + VARINT_MAX_BYTES, problem: 'too-long' };
}

/** The shortest LEB128 spelling of a non-negative safe integer. Throws RangeError otherwise (a caller bug). */
export function writeVarint(value: number): number[] {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`not a non-negative safe integer: ${value}`);
  const out: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
  return out;
}
