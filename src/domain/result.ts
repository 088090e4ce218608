/**
 * Typed refusals. Every parser of untrusted input returns a `Result`; a refusal
 * names a machine-readable code (for tests, counters and the relay log) and a
 * human-readable detail (never rendered as HTML).
 */
export const REJECTION_CODES = [
  'too-large',
  'not-json',
  'bad-shape',
  'bad-field',
  'unsupported-version',
  'unknown-kind',
  'wrong-circle',
  'bad-id',
  'bad-signature',
  'undecryptable',
  'future-dated',
  'expired',
  'wrong-bucket',
  'forbidden-key',
  'not-authorized',
  /** The header's proof-of-work hash has fewer than LIMITS.powBits leading zero bits. */
  'insufficient-work',
  /** Another record by the same author with the same nonce is already held. */
  'replayed-nonce',
  /** The author's quota for this circle, hour and class is used up. */
  'over-quota',
  /** A hand-over bundle holds no records (zero bytes, or a record count of zero). */
  'empty-bundle',
  /** A bundle's header is malformed, a number in its framing is unreadable, or bytes follow its last record. */
  'bad-bundle',
  /** A bundle ends before its last record does (cut off in transit, or a length runs past its end). */
  'truncated',
  /** A bundle claims more records than LIMITS.bundleRecords. */
  'too-many-records',
  /** One record inside a bundle is malformed (index out of range, a number not in its shortest form). */
  'bad-record',
  /** The text form of a bundle is damaged: its first block is missing, not base62, or not canonical. */
  'bad-text',
  /** A scanned QR code is not a well-formed Vada bundle part. */
  'bad-qr-part',
  /** QR parts disagree with each other, or the assembled parts do not match their bundle hash. */
  'qr-mismatch',
  /** A scanned or pasted text is not a phone-link code: no link-code marker, or not base45. */
  'not-link-code',
  /** A link code's fields are malformed: a length, count, role, address, port or expiry out of its bounds, or bytes left over. */
  'bad-link-code',
  /** A link code's expiry has passed (allowing LIMITS.futureSkewMs for the clocks of two phones). */
  'link-expired',
  /** The browser's own session description has a form a link code cannot carry (no data channel, no sha-256 fingerprint…). */
  'unsupported-sdp',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export interface Rejection {
  readonly code: RejectionCode;
  readonly detail: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: Rejection };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const refuse = (code: RejectionCode, detail: string): { ok: false; error: Rejection } => ({
  ok: false,
  error: { code, detail },
});
