/**
 * The adapters' shared half of the offline send queue: starts writing each
 * published record to the Outbox as it is sent, mirrors the outbox in memory, and
 * records relay answers (acknowledged → sent at a time; refused → never
 * retried). The transport-specific half (how to send, when a link opens)
 * stays in each adapter.
 */
import type { Clock } from '../domain/clock';
import { LIMITS } from '../domain/limits';
import { withSentAt, type Outbox, type OutboxEntry } from '../domain/Outbox';
import type { SendState } from './SyncAdapter';

export interface SendQueue {
  /** Resolves once the outbox has been read (entries from before a reload are known). */
  readonly ready: Promise<void>;
  /**
   * Stores the entry durably and, when it is new, hands it to `send` as soon as the write has
   * started; resolves once it is stored (rejects when storage failed: the entry stays queued in
   * memory and is still sent), false when it was already queued.
   */
  enqueue(entry: OutboxEntry, send?: (entry: OutboxEntry) => void): Promise<boolean>;
  /** A relay acknowledged the record. */
  acked(id: string): void;
  /** A relay refused the record, with its reason. */
  refused(id: string, reason: string): void;
  state(id: string): SendState | undefined;
  /** Entries not yet acknowledged nor refused. */
  pending(): OutboxEntry[];
  /** Every entry still inside the retention window. */
  live(): OutboxEntry[];
  /** Hears the state of every entry known now, then every change. */
  onChange(listener: (id: string, state: SendState) => void): () => void;
}

const baseState = (e: OutboxEntry): SendState =>
  e.refused !== undefined
    ? { state: 'refused', reason: e.refused }
    : e.sentAt !== undefined
      ? { state: 'sent', at: e.sentAt }
      : { state: 'unsent' };
const stateOf = (e: OutboxEntry): SendState => (e.carried ? { ...baseState(e), carried: true } : baseState(e));

/** Builds the queue over `outbox`; `onError` hears storage failures (they must not break sending). */
export function createSendQueue(outbox: Outbox, clock: Clock, onError: (e: unknown) => void = () => {}): SendQueue {
  const entries = new Map<string, OutboxEntry>();
  const listeners = new Set<(id: string, state: SendState) => void>();
  const notify = (e: OutboxEntry) => listeners.forEach((l) => l(e.id, stateOf(e)));
  const oldest = () => clock.now() - LIMITS.retentionMs;
  const ready = (async () => {
    await outbox.prune(oldest());
    for (const e of await outbox.all()) {
      if (entries.has(e.id)) continue;
      entries.set(e.id, e);
      // Listeners attached at creation learn what was queued before a reload.
      notify(e);
    }
  })().catch(onError);
  // Answers are applied in memory at once and persisted in the background.
  // A record stored by any relay is sent, even if another relay refused it first.
  const settle = (id: string, change: Partial<OutboxEntry>, persist: () => Promise<void>) => {
    const e = entries.get(id);
    if (!e || e.sentAt !== undefined || (e.refused !== undefined && change.sentAt === undefined)) return;
    const next: OutboxEntry = change.sentAt === undefined ? { ...e, ...change } : withSentAt(e, change.sentAt);
    entries.set(id, next);
    persist().catch(onError);
    notify(next);
  };
  return {
    ready,
    async enqueue(entry, send) {
      await ready;
      if (entries.has(entry.id)) return false;
      // The write starts before the send and the send does not wait for it (issue 15: waiting cost
      // ~7 ms of a propose's ~9 on the sender). A page that dies now keeps what it would have kept
      // by waiting (a write under way), and the record may already be on its way. An answer that
      // overtakes the write is persisted after it: an Outbox applies changes in the order they are
      // asked (outboxContract.ts).
      const stored = outbox.put(entry);
      entries.set(entry.id, entry);
      notify(entry);
      send?.(entry);
      await stored;
      return true;
    },
    acked(id) {
      const at = clock.now();
      settle(id, { sentAt: at }, () => outbox.markSent(id, at));
    },
    refused(id, reason) {
      settle(id, { refused: reason }, () => outbox.markRefused(id, reason));
    },
    state: (id) => {
      const e = entries.get(id);
      return e && stateOf(e);
    },
    pending: () => [...entries.values()].filter((e) => stateOf(e).state === 'unsent'),
    live: () => [...entries.values()].filter((e) => e.created >= oldest()),
    onChange(l) {
      listeners.add(l);
      // Like a subscription's history: a late listener first hears what is already known.
      for (const e of entries.values()) l(e.id, stateOf(e));
      return () => listeners.delete(l);
    },
  };
}
