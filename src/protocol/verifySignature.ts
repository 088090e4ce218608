/** Ed25519 verification with a small cache of imported public keys (floods repeat keys). */
import type { PublicKey } from '../domain/brand';
import { buf, fromB64url } from './base64url';

const MAX_CACHED = 2048;
const keys = new Map<string, Promise<CryptoKey>>();

function importKey(a: PublicKey): Promise<CryptoKey> {
  let k = keys.get(a);
  if (!k) {
    if (keys.size >= MAX_CACHED) keys.delete(keys.keys().next().value as string);
    k = crypto.subtle.importKey('raw', buf(fromB64url(a)), { name: 'Ed25519' }, false, ['verify']);
    // A key that fails to import (not a curve point) must not stay cached as a rejection.
    k.catch(() => keys.delete(a));
    keys.set(a, k);
  }
  return k;
}

export async function verifySignature(a: PublicKey, sig: string, data: Uint8Array): Promise<boolean> {
  try {
    const key = await importKey(a);
    return await crypto.subtle.verify('Ed25519', key, buf(fromB64url(sig)), buf(data));
  } catch {
    return false;
  }
}
