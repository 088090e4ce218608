/**
 * An Outbox in memory. Tests simulate a reload by handing the same outbox to
 * a new adapter; the app uses the IndexedDB one (src/platform/outboxStore).
 */
import { withSentAt, type Outbox, type OutboxEntry } from '../domain/Outbox';

const byCreated = (a: OutboxEntry, b: OutboxEntry) => a.created - b.created;

/** A fresh, empty in-memory outbox. */
export function createMemoryOutbox(): Outbox {
  const rows = new Map<string, OutboxEntry>();
  return {
    async put(entry) {
      if (!rows.has(entry.id)) rows.set(entry.id, { ...entry });
    },
    async markSent(id, at) {
      const row = rows.get(id);
      // The first acknowledgement is the time shown; it clears an earlier refusal.
      if (row && row.sentAt === undefined) rows.set(id, withSentAt(row, at));
    },
    async markRefused(id, reason) {
      const row = rows.get(id);
      if (row && row.sentAt === undefined && row.refused === undefined) rows.set(id, { ...row, refused: reason });
    },
    async unsent() {
      return [...rows.values()].filter((r) => r.sentAt === undefined && r.refused === undefined).sort(byCreated);
    },
    async all() {
      return [...rows.values()].sort(byCreated);
    },
    async prune(before) {
      for (const [id, r] of rows) if (r.created < before) rows.delete(id);
    },
  };
}
