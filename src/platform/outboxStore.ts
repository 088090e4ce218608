/**
 * The offline send queue on disk: the Outbox of src/sync kept in IndexedDB
 * (store `outbox`), so records published with no network survive a reload
 * and are sent when a relay is reachable. Rows stay, marked sent, until they
 * leave the retention window, so "sent at HH:MM" survives a reload too.
 * In the clear: a lookup key for the id (an id could be looked up on a relay
 * and name this phone's own record) and the creation hour (sealedRow.ts).
 */
import type { Outbox, OutboxEntry } from '../sync/Outbox';
import { coarseTime, lookupKey, openRow, openRows, sealRow } from './sealedRow';
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
  const key = (id: string) => lookupKey('outbox', id);
  const write = async (row: OutboxRow) =>
    void (await db.put('outbox', await sealRow({ id: await key(row.id), created: coarseTime(row.created) }, row)));
  const update = (id: string, change: (row: OutboxRow) => OutboxRow | undefined) =>
    serial(async () => {
      const stored = await db.get('outbox', await key(id));
      const row = stored && (await openRow<OutboxRow>(stored));
      const next = row && change(row);
      if (next) await write(next);
    });
  const rows = async () => (await openRows<OutboxRow>(await db.getAll('outbox'))).sort(byCreated);
  return {
    put: (entry: OutboxEntry) =>
      serial(async () => {
        if ((await db.getKey('outbox', await key(entry.id))) === undefined) await write({ ...entry });
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
        // The clear `created` is rounded down: it picks the candidates, the sealed row decides (a row that does
        // not open goes once its hour is past). Async opening cannot run inside the deleting transaction.
        const candidates = (await db.getAll('outbox')).filter((s) => s.created < before);
        const gone: string[] = [];
        for (const stored of candidates) {
          const row = await openRow<OutboxRow>(stored);
          if (!row || !(row.created >= before)) gone.push(stored.id);
        }
        const tx = db.transaction('outbox', 'readwrite');
        await Promise.all([...gone.map((k) => tx.store.delete(k)), tx.done]);
      }),
  };
}
