/**
 * The offline send queue on disk: the Outbox of src/sync kept in IndexedDB
 * (store `outbox`), so records published with no network survive a reload
 * and are sent when a relay is reachable. Rows stay, marked sent, until they
 * leave the retention window, so "sent at HH:MM" survives a reload too.
 */
import type { Outbox, OutboxEntry } from '../sync/Outbox';
import { openRow, openRows, sealRow } from './sealedRow';
import { openVadaDb, type OutboxRow } from './vadaDb';

const byCreated = (a: OutboxRow, b: OutboxRow) => a.created - b.created;

/** Opens the IndexedDB outbox (rejects where IndexedDB is unavailable). */
export async function openOutboxStore(): Promise<Outbox> {
  const db = await openVadaDb();
  // Rows are sealed (sealedRow.ts), and async crypto cannot run inside an IndexedDB transaction (it would
  // commit early): reads and writes are separate transactions, and this page's changes run one at a time
  // so two answers cannot interleave.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };
  const write = async (row: OutboxRow) =>
    void (await db.put('outbox', await sealRow({ id: row.id, created: row.created }, row)));
  const update = (id: string, change: (row: OutboxRow) => OutboxRow | undefined) =>
    serial(async () => {
      const stored = await db.get('outbox', id);
      const row = stored && (await openRow<OutboxRow>(stored));
      const next = row && change(row);
      if (next) await write(next);
    });
  const rows = async () => (await openRows<OutboxRow>(await db.getAll('outbox'))).sort(byCreated);
  return {
    put: (entry: OutboxEntry) =>
      serial(async () => {
        if ((await db.getKey('outbox', entry.id)) === undefined) await write({ ...entry });
      }),
    markSent: (id, at) =>
      // The first acknowledgement is the time shown; it clears an earlier refusal.
      update(id, (r) =>
        r.sentAt === undefined
          ? {
              id: r.id,
              circle: r.circle,
              wire: r.wire,
              created: r.created,
              sentAt: at,
              ...(r.carried ? { carried: true as const } : {}),
            }
          : undefined,
      ),
    markRefused: (id, reason) =>
      update(id, (r) => (r.sentAt === undefined && r.refused === undefined ? { ...r, refused: reason } : undefined)),
    async unsent() {
      return (await rows()).filter((r) => r.sentAt === undefined && r.refused === undefined);
    },
    all: rows,
    prune: (before) =>
      serial(async () => {
        // `created` is in the clear in every row layout.
        const tx = db.transaction('outbox', 'readwrite');
        for (let c = await tx.store.openCursor(); c; c = await c.continue())
          if (c.value.created < before) await c.delete();
        await tx.done;
      }),
  };
}
