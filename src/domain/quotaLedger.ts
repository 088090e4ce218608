/**
 * Relays' flood limit: an incremental count per (author key, circle, creation
 * hour, class) that refuses the (N+1)th verified record in arrival order.
 * Relays cannot wait to see a whole hour (receivers can: withinQuota), so the
 * first N to arrive win; either way one key cannot exceed N per hour. Counts
 * live per hour bucket so expiry drops them with the records.
 */
import { bucketOf } from './bucket';
import { quotaClass, quotaLimit, type QuotaSubject } from './withinQuota';

type Header = Omit<QuotaSubject, 'id'>;

export class QuotaLedger {
  /** bucket → group key (author, circle, class) → count */
  private readonly buckets = new Map<number, Map<string, number>>();

  private slot(r: Header): { counts: Map<string, number>; key: string } {
    const bucket = bucketOf(r.created);
    let counts = this.buckets.get(bucket);
    if (!counts) {
      counts = new Map();
      this.buckets.set(bucket, counts);
    }
    return { counts, key: `${r.author} ${r.circle} ${quotaClass(r.kind)}` };
  }

  /** Records held in `r`'s group. */
  count(r: Header): number {
    return this.buckets.get(bucketOf(r.created))?.get(`${r.author} ${r.circle} ${quotaClass(r.kind)}`) ?? 0;
  }

  /** True when one more record like `r` fits its quota (nothing is counted). */
  fits(r: Header): boolean {
    return this.count(r) < quotaLimit(quotaClass(r.kind));
  }

  /** Counts `r` if it fits; false (and nothing counted) when its quota is used up. */
  admit(r: Header): boolean {
    if (!this.fits(r)) return false;
    this.record(r);
    return true;
  }

  /** Counts `r` unconditionally (records already accepted, e.g. loaded from a journal). */
  record(r: Header): void {
    const { counts, key } = this.slot(r);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }

  /** Forgets every hour bucket below `minBucket` (they expired with their records). */
  pruneBefore(minBucket: number): void {
    for (const b of this.buckets.keys()) if (b < minBucket) this.buckets.delete(b);
  }
}
