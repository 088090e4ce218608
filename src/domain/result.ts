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
