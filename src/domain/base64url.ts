/**
 * Unpadded base64url (RFC 4648 §5): the one codec and alphabet of Vada's wire,
 * invites and stored keys (src/protocol re-exports it). It lives in the domain,
 * in plain TypeScript (no btoa/atob), because domain code needs it too: the
 * canonical check of ids and keys, and invites. Decoding is canonical
 * (docs/protocol.md): padding, characters outside the alphabet, a length no
 * byte string has (4n + 1) and a last character with spare bits set are all
 * refused, so each byte string has exactly one spelling; otherwise a copy of a
 * signature with flipped spare bits would still verify under another record id.
 */

/** The 64 characters in value order: A–Z, a–z, 0–9, `-`, `_`. */
export const B64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Value of each ASCII character, -1 for characters outside the alphabet. */
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < B64URL_ALPHABET.length; i++) VALUE[B64URL_ALPHABET.charCodeAt(i)] = i;

const valueAt = (s: string, i: number): number => {
  const c = s.charCodeAt(i);
  return c < 128 ? (VALUE[c] as number) : -1;
};
const char = (v: number) => B64URL_ALPHABET.charAt(v & 63);

/** The canonical unpadded base64url text of `bytes`. */
export function toB64url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out += char(n >> 18) + char(n >> 12) + char(n >> 6) + char(n);
  }
  if (i + 1 === bytes.length) {
    const n = (bytes[i] as number) << 16;
    out += char(n >> 18) + char(n >> 12);
  } else if (i + 2 === bytes.length) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out += char(n >> 18) + char(n >> 12) + char(n >> 6);
  }
  return out;
}

/**
 * True when `s` is the one canonical spelling of some non-empty bytes: only
 * alphabet characters, no padding, a length other than 4n + 1, and the unused
 * low bits of the last character zero. Never throws.
 */
export function isCanonicalB64url(s: string): boolean {
  const rest = s.length % 4;
  if (s.length === 0 || rest === 1) return false;
  for (let i = 0; i < s.length; i++) if (valueAt(s, i) < 0) return false;
  return rest === 0 || (valueAt(s, s.length - 1) & (rest === 2 ? 0b1111 : 0b11)) === 0;
}

/** The bytes of canonical base64url text (`''` is no bytes), or undefined for anything else. Never throws. */
export function decodeB64url(s: string): Uint8Array | undefined {
  if (s !== '' && !isCanonicalB64url(s)) return undefined;
  const out = new Uint8Array((s.length * 3) >> 2);
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < s.length; i++) {
    acc = ((acc << 6) | valueAt(s, i)) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

/** The bytes of canonical base64url text that was already checked; throws a RangeError on anything else. */
export function fromB64url(s: string): Uint8Array {
  const bytes = decodeB64url(s);
  if (!bytes) throw new RangeError('not canonical base64url');
  return bytes;
}
