/**
 * The record kinds of protocol v1 and the records that carry their decrypted
 * payloads (the payload types come from payloadSchemas.ts). Records are
 * immutable: a point's lifecycle changes by new records that refer to it.
 */
import type { CircleId, PublicKey, RecordId } from './brand';
import type {
  AlertPayload,
  CancelPayload,
  CoorganizerPayload,
  DispersePayload,
  OrganizerPayload,
  PointPayload,
} from './payloadSchemas';

export const RECORD_KINDS = ['point', 'disperse', 'cancel', 'alert', 'coorganizer', 'organizer'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const ALERT_KINDS = ['disperse', 'caution', 'clear'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export const DISPERSE_REASONS = ['police', 'kettling', 'violence', 'other'] as const;
export type DisperseReason = (typeof DISPERSE_REASONS)[number];

// The payload types are inferred from their schemas, so a type cannot allow what the parser refuses.
export type {
  AlertPayload,
  CancelPayload,
  CoorganizerPayload,
  DispersePayload,
  FallbackReveal,
  OrganizerPayload,
  PointPayload,
} from './payloadSchemas';

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
