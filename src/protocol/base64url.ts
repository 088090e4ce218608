/**
 * Unpadded base64url, the only binary encoding on the wire: the domain's one
 * codec (src/domain/base64url.ts, canonical decoding), re-exported as part of
 * the protocol's surface, and the byte copy WebCrypto wants.
 */
export { decodeB64url, fromB64url, toB64url } from '../domain/base64url';

/** Bytes as a fresh ArrayBuffer (WebCrypto's BufferSource typing wants one). */
export function buf(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}
