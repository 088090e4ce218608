/**
 * The sync layer's contract, in domain terms. GUN (gunAdapter) and an
 * in-memory hub (memoryAdapter) both implement it and pass the same suite
 * (tests/contract/syncAdapterContract.ts). Implementations treat the network
 * as hostile: they deliver only records that openEnvelope verified.
 */
import type { TimeSample } from '../domain/clockOffset';
import type { Rejection } from '../domain/result';
import type { VerifiedRecord } from '../domain/records';
import type { Circle } from '../protocol/circle';
import type { Sealed } from '../protocol/sealRecord';

export interface SyncStatus {
  /** Relays with an open connection right now. */
  readonly connected: number;
  /** Relays configured. */
  readonly configured: number;
  /** Last time a verified record arrived from the network (ms), if ever. */
  readonly lastSync?: number;
  /** Nearby phones linked right now (bridgeAdapters); absent when this transport has no links. */
  readonly links?: number;
}

/**
 * Where one of this device's records stands on its way to the relays: its own,
 * or one it carries for others (received by hand, `carried`).
 */
export type SendState = (
  | { readonly state: 'unsent' }
  | { readonly state: 'sent'; /** When a relay acknowledged it (ms). */ readonly at: number }
  | { readonly state: 'refused'; /** The relay's reason. */ readonly reason: string }
) & { readonly carried?: true };

/** A verified record of any author that reached this device by hand, to pass on to relays. */
export interface CarriedRecord {
  readonly id: string;
  /** The circle's id. */
  readonly circle: string;
  /** The wire envelope, exactly as received. */
  readonly wire: string;
  /** The envelope's creation time (ms). */
  readonly created: number;
}

export interface Subscription {
  /** Verified records, past and future; may repeat an id (callers dedupe by id). */
  onRecord(record: VerifiedRecord, wire: string): void;
  /** Refused input, for counters and diagnostics; never shown as content. */
  onReject?(rejection: Rejection): void;
}

export interface SyncAdapter {
  /**
   * Sends a sealed record. Resolves once it is in the outbox (durable) and
   * handed to the transport; it is sent again whenever a relay link opens
   * until a relay acknowledges or refuses it.
   */
  publish(circle: Circle, sealed: Sealed): Promise<void>;
  /**
   * Passes on a record received by hand (already verified by the caller): kept
   * in the outbox marked `carried` and sent exactly like a published record
   * (again on every link until a relay acknowledges or refuses it), so a phone
   * that walks out of a dead zone spreads what it carries. Relays and
   * receivers dedupe by id, so carrying a record others already sent is harmless.
   */
  forward(record: CarriedRecord): Promise<void>;
  /**
   * Tells the transport about a verified record this device already holds
   * (loaded from storage after a reload), so linked phones that lack it can
   * get it. Nothing is queued for relays. Optional: relay-only transports
   * have nobody to offer it to.
   */
  offer?(record: CarriedRecord): void;
  /** The send state of a record this device published (also from before a reload, once loaded). */
  sendState(id: string): SendState | undefined;
  /**
   * Hears the send state of every record of this device known now (including
   * the outbox from before a reload, once read), then each change: queued,
   * sent, refused. Returns the unsubscribe function.
   */
  onSend(listener: (id: string, state: SendState) => void): () => void;
  /** Streams the circle's live records (history first). Returns the unsubscribe function. */
  subscribe(circle: Circle, sub: Subscription): () => void;
  status(): SyncStatus;
  /**
   * Hears each time a relay told (protocol §1.1), measured on this device's
   * uncorrected clock; returns the unsubscribe function. Optional: a
   * transport with no relays to ask has none.
   */
  onTime?(listener: (sample: TimeSample) => void): () => void;
  /** Called on every status change; returns the unsubscribe function. */
  onStatus(listener: (s: SyncStatus) => void): () => void;
  close(): Promise<void>;
}
