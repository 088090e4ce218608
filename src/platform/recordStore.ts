/**
 * Verified records kept on the device (IndexedDB), so the map shows what is
 * known before any relay answers. Stored as wire text and re-verified on load:
 * storage is not trusted more than the network. Expired records are deleted,
 * not hidden. Only a lookup key and the expiry's hour are in the clear
 * (sealedRow.ts). A batch of records is written in one transaction: one per
 * record was an eighth of a fresh sync's main-thread time (issue 15).
 */
import { coarseTime, lookupKey, openRow, openRows, sealRow } from './sealedRow';
import { deleteExpired, openVadaDb } from './vadaDb';

/** One record as it is put: its id, wire text and when it expires. */
export interface StoredRecord {
  readonly id: string;
  readonly wire: string;
  readonly expiresAt: number;
}

export interface RecordStore {
  /** Every stored wire text. */
  all(): Promise<string[]>;
  put(id: string, wire: string, expiresAt: number): Promise<void>;
  /**
   * Puts every record of a batch at once, all or nothing (one transaction): it resolves once all are
   * stored and rejects, storing none, when any could not be (the caller reports it; none is dropped silently).
   */
  putAll(records: readonly StoredRecord[]): Promise<void>;
  /** Deletes these records (a circle this device left). */
  remove(ids: readonly string[]): Promise<void>;
  /** Deletes records that expired at or before `now`; returns how many. */
  prune(now: number): Promise<number>;
}

export async function openRecordStore(): Promise<RecordStore> {
  const db = await openVadaDb();
  const putAll = async (records: readonly StoredRecord[]): Promise<void> => {
    if (records.length === 0) return;
    // Sealed first: a transaction commits as soon as it waits on anything but its own requests (async crypto).
    const rows = await Promise.all(
      records.map(async ({ id, wire, expiresAt }) =>
        sealRow({ id: await lookupKey('records', id), expiresAt: coarseTime(expiresAt) }, { id, wire, expiresAt }),
      ),
    );
    const tx = db.transaction('records', 'readwrite');
    const writes: Promise<unknown>[] = [];
    try {
      for (const row of rows) writes.push(tx.store.put(row));
    } catch (e) {
      // A row that cannot be stored (put throws): none of the batch is, rather than the rows before it.
      tx.abort();
      void Promise.allSettled([...writes, tx.done]);
      throw e;
    }
    await Promise.all([...writes, tx.done]);
  };
  return {
    async all() {
      // What opens is still checked: a damaged row (or one sealed under another key, read without a PIN) is
      // skipped, never handed on as a wire that is not text.
      const rows = await openRows<{ wire?: unknown } | null>(await db.getAll('records'));
      return rows.flatMap((r) => (typeof r?.wire === 'string' ? [r.wire] : []));
    },
    put: (id, wire, expiresAt) => putAll([{ id, wire, expiresAt }]),
    putAll,
    async remove(ids) {
      const keys = await Promise.all(ids.map((id) => lookupKey('records', id)));
      const tx = db.transaction('records', 'readwrite');
      await Promise.all([...keys.map((k) => tx.store.delete(k)), tx.done]);
    },
    prune: (now) => deleteExpired(db, 'records', now, (s) => openRow<{ expiresAt?: unknown }>(s)),
  };
}

/** The same contract in memory, for tests and for browsers without IndexedDB. */
export function createMemoryRecordStore(): RecordStore {
  const rows = new Map<string, { wire: string; expiresAt: number }>();
  return {
    all: async () => [...rows.values()].map((r) => r.wire),
    put: async (id, wire, expiresAt) => void rows.set(id, { wire, expiresAt }),
    putAll: async (records) => records.forEach(({ id, wire, expiresAt }) => rows.set(id, { wire, expiresAt })),
    remove: async (ids) => ids.forEach((id) => rows.delete(id)),
    async prune(now) {
      let n = 0;
      for (const [id, r] of rows) if (r.expiresAt <= now && rows.delete(id)) n++;
      return n;
    },
  };
}
