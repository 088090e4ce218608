/**
 * The relay's index of stored records, soul by soul (one soul per circle and
 * creation hour). Values are the same strings GUN's in-memory graph holds, so
 * keeping both costs little memory. Expiry drops whole hour buckets.
 */
import { parseSoul } from '../src/protocol/souls';

/** One stored record, as journalled: soul, id, HAM state, wire text. */
export interface StoredRecord {
  readonly soul: string;
  readonly id: string;
  readonly state: number;
  readonly wire: string;
}

interface Bucket {
  readonly bucket: number;
  readonly records: Map<string, StoredRecord>;
}

export class RecordStore {
  private readonly souls = new Map<string, Bucket>();
  private count = 0;

  /** Records held. */
  get size(): number {
    return this.count;
  }

  /** The stored wire text under `id` in `soul`, if any. */
  get(soul: string, id: string): string | undefined {
    return this.souls.get(soul)?.records.get(id)?.wire;
  }

  /** Adds a record; false when the id was already stored in that soul. */
  add(r: StoredRecord): boolean {
    let b = this.souls.get(r.soul);
    if (!b) {
      const where = parseSoul(r.soul);
      if (!where) return false;
      b = { bucket: where.bucket, records: new Map() };
      this.souls.set(r.soul, b);
    }
    if (b.records.has(r.id)) return false;
    b.records.set(r.id, r);
    this.count++;
    return true;
  }

  /** Removes every soul whose hour bucket is below `minBucket`; returns the removed souls. */
  pruneBefore(minBucket: number): string[] {
    const removed: string[] = [];
    for (const [soul, b] of this.souls) {
      if (b.bucket >= minBucket) continue;
      this.souls.delete(soul);
      this.count -= b.records.size;
      removed.push(soul);
    }
    return removed;
  }

  *records(): IterableIterator<StoredRecord> {
    for (const b of this.souls.values()) yield* b.records.values();
  }
}
