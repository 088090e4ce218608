/**
 * The sync layer's contract, in domain terms. GUN (gunAdapter) and an
 * in-memory hub (memoryAdapter) both implement it and pass the same suite
 * (tests/contract/syncAdapterContract.ts). Implementations treat the network
 * as hostile: they deliver only records that openEnvelope verified.
 */
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
}

export interface Subscription {
  /** Verified records, past and future; may repeat an id (callers dedupe by id). */
  onRecord(record: VerifiedRecord, wire: string): void;
  /** Refused input, for counters and diagnostics; never shown as content. */
  onReject?(rejection: Rejection): void;
}

export interface SyncAdapter {
  /** Sends a sealed record. Resolves once handed to the transport (stored locally / queued). */
  publish(circle: Circle, sealed: Sealed): Promise<void>;
  /** Streams the circle's live records (history first). Returns the unsubscribe function. */
  subscribe(circle: Circle, sub: Subscription): () => void;
  status(): SyncStatus;
  /** Called on every status change; returns the unsubscribe function. */
  onStatus(listener: (s: SyncStatus) => void): () => void;
  close(): Promise<void>;
}
