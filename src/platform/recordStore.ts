/**
 * Verified records kept on the device (IndexedDB), so the map shows what is
 * known before any relay answers. Stored as wire text and re-verified on load:
 * storage is not trusted more than the network. Expired records are deleted,
 * not hidden. Only a lookup key and the expiry's hour are in the clear
 * (sealedRow.ts).
 */
import { coarseTime, lookupKey, openRow, openRows, sealRow } from './sealedRow';
import { deleteExpired, openVadaDb } from './vadaDb';

export interface RecordStore {
  /** Every stored wire text. */
  all(): Promise<string[]>;
  put(id: string, wire: string, expiresAt: number): Promise<void>;
  /** Deletes these records (a circle this device left). */
  remove(ids: readonly string[]): Promise<void>;
  /** Deletes records that expired at or before `now`; returns how many. */
  prune(now: number): Promise<number>;
}

export async function openRecordStore(): Promise<RecordStore> {
  const db = await openVadaDb();
  return {
    async all() {
      // What opens is still checked: a damaged row (or one sealed under another key, read without a PIN) is
      // skipped, never handed on as a wire that is not text.
      const rows = await openRows<{ wire?: unknown } | null>(await db.getAll('records'));
      return rows.flatMap((r) => (typeof r?.wire === 'string' ? [r.wire] : []));
    },
    async put(id, wire, expiresAt) {
      const key = await lookupKey('records', id);
      await db.put('records', await sealRow({ id: key, expiresAt: coarseTime(expiresAt) }, { id, wire, expiresAt }));
    },
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
    remove: async (ids) => ids.forEach((id) => rows.delete(id)),
    async prune(now) {
      let n = 0;
      for (const [id, r] of rows) if (r.expiresAt <= now && rows.delete(id)) n++;
      return n;
    },
  };
}
