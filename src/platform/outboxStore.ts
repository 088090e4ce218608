/**
 * The offline send queue on disk: the Outbox of src/sync kept in IndexedDB
 * (store `outbox`), so records published with no network survive a reload
 * and are sent when a relay is reachable. Rows stay, marked sent, until they
 * leave the retention window, so "sent at HH:MM" survives a reload too.
 */
import type { Outbox, OutboxEntry } from '../sync/Outbox';
import { openVadaDb, type OutboxRow } from './vadaDb';

const byCreated = (a: OutboxRow, b: OutboxRow) => a.created - b.created;

/** Opens the IndexedDB outbox (rejects where IndexedDB is unavailable). */
export async function openOutboxStore(): Promise<Outbox> {
  const db = await openVadaDb();
  // Read and write in one transaction, so two answers cannot interleave.
  const update = async (id: string, change: (row: OutboxRow) => OutboxRow | undefined) => {
    const tx = db.transaction('outbox', 'readwrite');
    const row = await tx.store.get(id);
    const next = row && change(row);
    if (next) await tx.store.put(next);
    await tx.done;
  };
  return {
    async put(entry: OutboxEntry) {
      const tx = db.transaction('outbox', 'readwrite');
      if (!(await tx.store.getKey(entry.id))) await tx.store.put({ ...entry });
      await tx.done;
    },
    markSent: (id, at) =>
      // The first acknowledgement is the time shown; it clears an earlier refusal.
      update(id, (r) => (r.sentAt === undefined ? { id: r.id, circle: r.circle, wire: r.wire, created: r.created, sentAt: at } : undefined)),
    markRefused: (id, reason) =>
      update(id, (r) => (r.sentAt === undefined && r.refused === undefined ? { ...r, refused: reason } : undefined)),
    async unsent() {
      return (await db.getAll('outbox')).filter((r) => r.sentAt === undefined && r.refused === undefined).sort(byCreated);
    },
    async all() {
      return (await db.getAll('outbox')).sort(byCreated);
    },
    async prune(before) {
      const tx = db.transaction('outbox', 'readwrite');
      for (let c = await tx.store.openCursor(); c; c = await c.continue()) if (c.value.created < before) await c.delete();
      await tx.done;
    },
  };
}
