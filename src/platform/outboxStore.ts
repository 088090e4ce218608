/**
 * The offline send queue on disk: the Outbox contract (src/domain) kept in IndexedDB
 * (store `outbox`), so records published with no network survive a reload
 * and are sent when a relay is reachable. Rows stay, marked sent, until they
 * leave the retention window, so "sent at HH:MM" survives a reload too.
 * In the clear: a lookup key for the id (an id could be looked up on a relay
 * and name this phone's own record) and the creation hour (sealedRow.ts).
 */
import { withSentAt, type Outbox, type OutboxEntry } from '../domain/Outbox';
import { coarseTime, lookupKey, openRow, openRows, sealRow } from './sealedRow';
import { openVadaDb, type OutboxRow } from './vadaDb';

const byCreated = (a: OutboxRow, b: OutboxRow) => a.created - b.created;
/** How often a write is tried again when another tab changed the row in between. */
const WRITE_TRIES = 8;

/** An opened row that is an entry, copied field by field; undefined for anything else (damage, another key's row). */
export function asOutboxRow(v: unknown): OutboxRow | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const { id, circle, wire, created, sentAt, refused, carried } = v as Record<string, unknown>;
  if (typeof id !== 'string' || typeof circle !== 'string' || typeof wire !== 'string') return undefined;
  if (typeof created !== 'number' || !Number.isFinite(created)) return undefined;
  if (sentAt !== undefined && (typeof sentAt !== 'number' || !Number.isFinite(sentAt))) return undefined;
  if ((refused !== undefined && typeof refused !== 'string') || (carried !== undefined && carried !== true))
    return undefined;
  return {
    id,
    circle,
    wire,
    created,
    ...(sentAt !== undefined ? { sentAt } : {}),
    ...(refused !== undefined ? { refused } : {}),
    ...(carried ? { carried } : {}),
  };
}

/** Opens the IndexedDB outbox (rejects where IndexedDB is unavailable). */
export async function openOutboxStore(): Promise<Outbox> {
  const db = await openVadaDb();
  // Rows are sealed (sealedRow.ts), and async crypto cannot run inside an IndexedDB transaction (it would
  // commit early): reads and writes are separate transactions. This page's changes run one at a time; another
  // tab's are caught by writing only where the row is still what was read (else read again and retry), so a
  // relay's acknowledgement in one tab is never overwritten by a refusal the other tab read the row for.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };
  const key = (id: string) => lookupKey('outbox', id);
  const entryOf = async (stored: object | undefined) => (stored ? asOutboxRow(await openRow(stored)) : undefined);
  /** Writes `row` under `k` if the stored row is still `seen` (compared as stored); false when it changed. */
  const swap = async (k: string, seen: unknown, row: OutboxRow): Promise<boolean> => {
    const sealed = await sealRow({ id: k, created: coarseTime(row.created) }, row);
    const tx = db.transaction('outbox', 'readwrite');
    const same = JSON.stringify(await tx.store.get(k)) === JSON.stringify(seen);
    if (same) await tx.store.put(sealed);
    await tx.done;
    return same;
  };
  /** Reads the row under `id`'s key and writes what `next` makes of it (nothing when undefined), retrying on a race. */
  const change = (id: string, next: (row: OutboxRow | undefined) => OutboxRow | undefined) =>
    serial(async () => {
      const k = await key(id);
      for (let i = 0; i < WRITE_TRIES; i++) {
        const seen = await db.get('outbox', k);
        const row = next(await entryOf(seen));
        if (!row || (await swap(k, seen, row))) return;
      }
      throw new Error('the outbox row kept changing in another tab');
    });
  const rows = async () =>
    (await openRows(await db.getAll('outbox')))
      .map(asOutboxRow)
      .filter((r): r is OutboxRow => r !== undefined)
      .sort(byCreated);
  return {
    put(entry: OutboxEntry) {
      const row = asOutboxRow(entry);
      if (!row) return Promise.reject(new TypeError('not an outbox entry'));
      // A damaged row under the id is not an entry: the new one replaces it.
      return change(entry.id, (r) => (r ? undefined : row));
    },
    markSent: (id, at) =>
      // The first acknowledgement is the time shown; it clears an earlier refusal.
      change(id, (r) => (r && r.sentAt === undefined ? asOutboxRow(withSentAt(r, at)) : undefined)),
    markRefused: (id, reason) =>
      change(id, (r) =>
        r && r.sentAt === undefined && r.refused === undefined ? { ...r, refused: reason } : undefined,
      ),
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
          const row = await entryOf(stored);
          if (!row || !(row.created >= before)) gone.push(stored.id);
        }
        const tx = db.transaction('outbox', 'readwrite');
        await Promise.all([...gone.map((k) => tx.store.delete(k)), tx.done]);
      }),
  };
}
