/**
 * The record kinds of protocol v1 and their decrypted payloads. Records are
 * immutable: a point's lifecycle changes by new records that refer to it.
 */
import type { CircleId, PublicKey, RecordId } from './brand';

export const RECORD_KINDS = ['point', 'disperse', 'cancel', 'alert', 'coorganizer', 'organizer'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** A proposed pop-up gathering point. Times are ms since the epoch. */
export interface PointPayload {
  readonly title: string;
  readonly note: string;
  readonly lat: number;
  readonly lon: number;
  readonly start: number;
  readonly end: number;
  /**
   * Up to 3 fallback places, each sealed with its own random key that only the
   * organizer holds (src/protocol/fallbacks.ts); revealed by a disperse alert.
   */
  readonly fallbacks?: readonly string[];
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

export const ALERT_KINDS = ['disperse', 'caution', 'clear'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export const DISPERSE_REASONS = ['police', 'kettling', 'violence', 'other'] as const;
export type DisperseReason = (typeof DISPERSE_REASONS)[number];

/** Opens fallback number `i` of the point: the key the organizer kept for it. */
export interface FallbackReveal {
  readonly i: number;
  /** 32-byte AES-256-GCM key, base64url (43 chars). */
  readonly key: string;
}

/**
 * Anyone's alert about a point. Its weight depends on who signed it: the
 * point's organizer or a named co-organizer (confirmed), else a report that
 * counts once per key (src/domain/foldAlerts.ts).
 */
export interface AlertPayload {
  readonly point: RecordId;
  readonly alert: AlertKind;
  /** Required with `disperse`, absent otherwise. */
  readonly reason?: DisperseReason;
  /** `disperse` only: an existing point to reappear at. */
  readonly reappear?: RecordId;
  /** `disperse` only, never with `reappear`: reveals one of the point's fallbacks. */
  readonly fallback?: FallbackReveal;
}

/** The point's organizer names another key whose alerts about it are confirmed. */
export interface CoorganizerPayload {
  readonly point: RecordId;
  readonly key: PublicKey;
}

/**
 * A private circle's creator names a circle organizer: that key's alerts are
 * confirmed for every point in the circle. Counts only when signed by the
 * circle's creator and written in that circle (src/domain/circleOrganizers.ts).
 */
export interface OrganizerPayload {
  readonly key: PublicKey;
}

export interface PayloadOf {
  point: PointPayload;
  disperse: DispersePayload;
  cancel: CancelPayload;
  alert: AlertPayload;
  coorganizer: CoorganizerPayload;
  organizer: OrganizerPayload;
}

interface RecordBase<K extends RecordKind> {
  readonly id: RecordId;
  readonly circle: CircleId;
  readonly author: PublicKey;
  /** When the author made it (author's clock, ms since the epoch). */
  readonly created: number;
  readonly kind: K;
  readonly payload: PayloadOf[K];
  /** The envelope's nonce `n`: one record per (author, nonce) counts (proof-of-work is paid per header). */
  readonly nonce?: string;
}

/** A record whose id, signature, time and payload were all checked. */
export type VerifiedRecord =
  | RecordBase<'point'>
  | RecordBase<'disperse'>
  | RecordBase<'cancel'>
  | RecordBase<'alert'>
  | RecordBase<'coorganizer'>
  | RecordBase<'organizer'>;
export type PointRecord = RecordBase<'point'>;
export type AlertRecord = RecordBase<'alert'>;
export type CoorganizerRecord = RecordBase<'coorganizer'>;
export type OrganizerRecord = RecordBase<'organizer'>;
