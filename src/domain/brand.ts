/**
 * Branded string types for values that came off the network and were parsed.
 * A plain `string` cannot be passed where a `RecordId` is expected, so untrusted
 * text has to go through a parser in this folder (or src/protocol) first.
 */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** base64url (no padding) SHA-256 of a record's id input: 43 chars. */
export type RecordId = Brand<string, 'RecordId'>;
/** base64url (no padding) of 16 random bytes: 22 chars. */
export type CircleId = Brand<string, 'CircleId'>;
/** base64url (no padding) raw Ed25519 public key: 43 chars. */
export type PublicKey = Brand<string, 'PublicKey'>;

const B64URL = /^[A-Za-z0-9_-]+$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * True when `s` is the one canonical unpadded base64url spelling of its bytes.
 * The unused low bits of the last character must be zero: otherwise several
 * strings decode to the same bytes, and a copy of a signature with flipped
 * spare bits would still verify under a different record id.
 */
export function isCanonicalB64url(s: string): boolean {
  if (!B64URL.test(s)) return false;
  const rest = s.length % 4;
  if (rest === 0) return true;
  if (rest === 1) return false;
  const last = ALPHABET.indexOf(s.charAt(s.length - 1));
  return (last & (rest === 2 ? 0b1111 : 0b11)) === 0;
}

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
