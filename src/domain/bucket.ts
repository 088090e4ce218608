/**
 * Records live in graph nodes per creation hour ("buckets"). Small nodes keep
 * relay replies small, and expiry becomes dropping whole old buckets.
 */
import { LIMITS } from './limits';

export function bucketOf(createdMs: number): number {
  return Math.floor(createdMs / LIMITS.bucketMs);
}

/** Buckets that can still hold live records at `now`, oldest first. */
export function liveBuckets(now: number): number[] {
  const last = bucketOf(now + LIMITS.futureSkewMs);
  const first = bucketOf(now - LIMITS.retentionMs);
  const out: number[] = [];
  for (let b = first; b <= last; b++) out.push(b);
  return out;
}
