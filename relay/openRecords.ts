/**
 * Start-up and expiry of the relay's records: load the journal into a
 * RecordStore, drop hour buckets past the retention (from memory and, by
 * compaction, from disk), rebuild admission (nonces, quotas) from what is
 * left, and do the same hourly while running.
 */
import { bucketOf } from '../src/domain/bucket';
import { LIMITS } from '../src/domain/limits';
import { Admission } from './admission';
import { RecordJournal } from './recordJournal';
import { RecordStore } from './recordStore';

export interface OpenedRecords {
  readonly store: RecordStore;
  readonly journal: RecordJournal;
  readonly admission: Admission;
}

/** Souls whose whole hour is older than the retention at `now`. */
export const firstLiveBucket = (now: number) => bucketOf(now - LIMITS.retentionMs);

/** Opens the journal in `dir`, loads it and prunes expired buckets. */
export function openRecords(dir: string, flushMs: number | undefined, log: (line: string) => void): OpenedRecords {
  const { journal, records, skipped } = RecordJournal.open({ dir, flushMs, log });
  if (skipped > 0) log(`journal: skipped ${skipped} unreadable line(s)`);
  const store = new RecordStore();
  for (const r of records) store.add(r);
  const pruned = store.pruneBefore(firstLiveBucket(Date.now()));
  // Rewrite when anything was dropped (expired buckets or repeated lines).
  if (pruned.length > 0 || store.size !== records.length) journal.compact(store.records());
  const admission = new Admission();
  admission.load(
    (function* () {
      for (const r of store.records()) yield r.wire;
    })(),
  );
  return { store, journal, admission };
}

/** Drops expired buckets now; returns their souls (the caller removes them from GUN's graph). */
export function pruneExpired({ store, journal, admission }: OpenedRecords, now: number): string[] {
  admission.pruneBefore(firstLiveBucket(now));
  const removed = store.pruneBefore(firstLiveBucket(now));
  if (removed.length > 0) journal.compact(store.records());
  return removed;
}
