/**
 * Unpadded base64url, the only binary encoding on the wire: the domain's one
 * codec (src/domain/base64url.ts, canonical decoding), re-exported as part of
 * the protocol's surface, and the byte copy WebCrypto wants.
 */
import { fromB64url } from '../domain/base64url';

export { decodeB64url, fromB64url, toB64url } from '../domain/base64url';

/** Bytes as a fresh ArrayBuffer (WebCrypto's BufferSource typing wants one). */
export function buf(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}

type FromBase64 = (s: string, o: { alphabet: 'base64url'; lastChunkHandling: 'loose' }) => Uint8Array<ArrayBuffer>;
const nativeFromBase64 = (Uint8Array as unknown as { fromBase64?: FromBase64 }).fromBase64?.bind(Uint8Array);

/**
 * The bytes of text the envelope parser already found canonical (envelope.ts): the engine's own
 * decoder where there is one (Uint8Array.fromBase64, several times faster than ours on ~400
 * characters of ciphertext), else fromB64url. Only for checked text: the native decoder would
 * accept other spellings of the same bytes.
 */
export const fromCheckedB64url: (s: string) => Uint8Array<ArrayBuffer> = nativeFromBase64
  ? (s) => nativeFromBase64(s, { alphabet: 'base64url', lastChunkHandling: 'loose' })
  : (s) => fromB64url(s) as Uint8Array<ArrayBuffer>;
