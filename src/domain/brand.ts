/**
 * Branded string types for values that came off the network and were parsed.
 * A plain `string` cannot be passed where a `RecordId` is expected, so untrusted
 * text has to go through a parser in this folder (or src/protocol) first.
 */
import { isCanonicalB64url } from './base64url';

declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** base64url (no padding) SHA-256 of a record's id input: 43 chars. */
export type RecordId = Brand<string, 'RecordId'>;
/** base64url (no padding) of 16 random bytes: 22 chars. */
export type CircleId = Brand<string, 'CircleId'>;
/** base64url (no padding) raw Ed25519 public key: 43 chars. */
export type PublicKey = Brand<string, 'PublicKey'>;

/** True when `s` is canonical unpadded base64url of exactly `chars` characters. */
export function isB64url(s: unknown, chars: number): s is string {
  return typeof s === 'string' && s.length === chars && isCanonicalB64url(s);
}

export function asRecordId(s: unknown): RecordId | undefined {
  return isB64url(s, 43) ? (s as RecordId) : undefined;
}
export function asCircleId(s: unknown): CircleId | undefined {
  return isB64url(s, 22) ? (s as CircleId) : undefined;
}
export function asPublicKey(s: unknown): PublicKey | undefined {
  return isB64url(s, 43) ? (s as PublicKey) : undefined;
}
