/**
 * The offline send queue's storage contract. Every record this device
 * publishes is written here first (durable before anything is sent), and
 * stays, marked sent or refused, until it leaves the retention window, so
 * "sent at HH:MM" survives a reload. Implementations: createMemoryOutbox
 * (src/sync, tests) and src/platform/outboxStore (IndexedDB). It lives in
 * src/domain because src/sync uses it and src/platform implements it, and
 * src/platform must not import src/sync.
 */

/** One record this device published (the IndexedDB row has the same shape). */
export interface OutboxEntry {
  readonly id: string;
  /** The circle's id. */
  readonly circle: string;
  /** The sealed wire string, exactly as published. */
  readonly wire: string;
  /** The envelope's creation time (ms): decides the GUN bucket and expiry. */
  readonly created: number;
  /** When a relay acknowledged it; absent while not sent yet. */
  readonly sentAt?: number;
  /** Why a relay refused it; a refused record is never retried. */
  readonly refused?: string;
  /**
   * Another author's record that reached this device by hand (text, QR code,
   * file) and that it passes on to relays: sent like its own records, never
   * counted or shown as this device's.
   */
  readonly carried?: true;
}

/** The entry once a relay acknowledged it at `at`: an earlier refusal is cleared, whether it is carried stays. */
export function withSentAt(e: OutboxEntry, at: number): OutboxEntry {
  return {
    id: e.id,
    circle: e.circle,
    wire: e.wire,
    created: e.created,
    sentAt: at,
    ...(e.carried ? { carried: true } : {}),
  };
}

export interface Outbox {
  /** Stores a new entry; an id already present is left as it is. */
  put(entry: OutboxEntry): Promise<void>;
  /** Marks an entry sent at `at` (ms); the first acknowledgement wins. */
  markSent(id: string, at: number): Promise<void>;
  /** Marks an entry refused by a relay, with the relay's reason. */
  markRefused(id: string, reason: string): Promise<void>;
  /** Entries neither sent nor refused, oldest first. */
  unsent(): Promise<OutboxEntry[]>;
  /** Every entry, oldest first. */
  all(): Promise<OutboxEntry[]>;
  /** Drops entries created before `before` (ms): they have expired everywhere. */
  prune(before: number): Promise<void>;
}
