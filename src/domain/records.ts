/**
 * The record kinds of protocol v1 and their decrypted payloads. Records are
 * immutable: a point's lifecycle changes by new records that refer to it.
 */
import type { CircleId, PublicKey, RecordId } from './brand';

export const RECORD_KINDS = ['point', 'disperse', 'cancel'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** A proposed pop-up gathering point. Times are ms since the epoch. */
export interface PointPayload {
  readonly title: string;
  readonly note: string;
  readonly lat: number;
  readonly lon: number;
  readonly start: number;
  readonly end: number;
}

/** The point's author says: scatter now; optionally, reappear at another point. */
export interface DispersePayload {
  readonly point: RecordId;
  readonly reappear?: RecordId;
}

/** The point's author calls it off. */
export interface CancelPayload {
  readonly point: RecordId;
}

export interface PayloadOf {
  point: PointPayload;
  disperse: DispersePayload;
  cancel: CancelPayload;
}

interface RecordBase<K extends RecordKind> {
  readonly id: RecordId;
  readonly circle: CircleId;
  readonly author: PublicKey;
  /** When the author made it (author's clock, ms since the epoch). */
  readonly created: number;
  readonly kind: K;
  readonly payload: PayloadOf[K];
}

/** A record whose id, signature, time and payload were all checked. */
export type VerifiedRecord = RecordBase<'point'> | RecordBase<'disperse'> | RecordBase<'cancel'>;
export type PointRecord = RecordBase<'point'>;
