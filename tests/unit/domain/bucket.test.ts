/** Hour buckets and which of them a client subscribes to. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketOf, liveBuckets } from '../../../src/domain/bucket';
import { LIMITS } from '../../../src/domain/limits';

describe('bucketOf', () => {
  it('is the creation hour since the epoch', () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(LIMITS.bucketMs - 1)).toBe(0);
    expect(bucketOf(LIMITS.bucketMs)).toBe(1);
    expect(bucketOf(Date.UTC(2025, 0, 1))).toBe(20_089 * 24); // 2025-01-01 is day 20,089 of the epoch
  });
});

describe('liveBuckets', () => {
  const now = Date.UTC(2025, 0, 1, 10, 30);
  it('lists contiguous hours, oldest first, from the retention edge to the skew edge', () => {
    const b = liveBuckets(now);
    expect(b[0]).toBe(bucketOf(now - LIMITS.retentionMs));
    expect(b.at(-1)).toBe(bucketOf(now + LIMITS.futureSkewMs));
    expect(b.every((x, i) => i === 0 || x === (b[i - 1] ?? NaN) + 1)).toBe(true);
    expect(b).toHaveLength(33);
  });
  it('covers every creation time a receiver accepts, and no bucket that holds only refused times', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1e12, max: 3e12 }), fc.double({ min: 0, max: 1, noNaN: true }), (t, f) => {
        const b = liveBuckets(t);
        const accepted = Math.round(t - LIMITS.retentionMs + f * (LIMITS.retentionMs + LIMITS.futureSkewMs));
        expect(b).toContain(bucketOf(accepted));
        const first = b[0] ?? NaN;
        const last = b.at(-1) ?? NaN;
        // The hour before the first ends before the retention edge; the hour after the last starts after the skew edge.
        expect(first * LIMITS.bucketMs - 1).toBeLessThan(t - LIMITS.retentionMs);
        expect((last + 1) * LIMITS.bucketMs).toBeGreaterThan(t + LIMITS.futureSkewMs);
      }),
      { numRuns: 200 },
    );
  });
});
