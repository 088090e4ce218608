/**
 * Ed25519 verification with a small cache of imported public keys (floods repeat keys).
 * A key already imported is used directly, so verifying costs one WebCrypto promise.
 */
import type { PublicKey } from '../domain/brand';
import { decodeB64url, fromB64url } from './base64url';

const MAX_CACHED = 2048;

interface Cached {
  /** Set once the import has finished. */
  key?: CryptoKey;
  readonly importing: Promise<CryptoKey>;
}
const keys = new Map<string, Cached>();

function importKey(a: PublicKey): Cached {
  let k = keys.get(a);
  if (!k) {
    if (keys.size >= MAX_CACHED) keys.delete(keys.keys().next().value as string);
    const importing = Promise.resolve()
      .then(() =>
        crypto.subtle.importKey('raw', fromB64url(a) as Uint8Array<ArrayBuffer>, 'Ed25519', false, ['verify']),
      )
      .then((key) => ((cached.key = key), key));
    const cached: Cached = { importing };
    // A key that fails to import (not a curve point) must not stay cached as a rejection.
    importing.catch(() => keys.get(a) === cached && keys.delete(a));
    keys.set(a, (k = cached));
  }
  return k;
}

const verifyWith = (key: CryptoKey, sig: Uint8Array<ArrayBuffer>, data: Uint8Array<ArrayBuffer>) =>
  crypto.subtle.verify('Ed25519', key, sig, data).catch(() => false);

/**
 * True when `sig` (canonical base64url) is `a`'s Ed25519 signature of `data`; false for anything
 * else, never a rejection. `data` must not be written to afterwards (WebCrypto may read it later).
 */
export function verifySignature(a: PublicKey, sig: string, data: Uint8Array<ArrayBuffer>): Promise<boolean> {
  const s = decodeB64url(sig) as Uint8Array<ArrayBuffer> | undefined;
  if (!s) return Promise.resolve(false);
  const cached = importKey(a);
  if (cached.key) return verifyWith(cached.key, s, data);
  return cached.importing.then(
    (key) => verifyWith(key, s, data),
    () => false,
  );
}
