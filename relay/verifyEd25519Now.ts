/**
 * Ed25519 verification on the relay's own thread, for the records of a small
 * frame: Node's WebCrypto runs each verify on the libuv thread pool, and the
 * hop there and back cost a lone record more than the check itself (1.4 ms
 * p50 and 5–6 ms p95 from frame to verdict on a loaded 2-core machine, where
 * the check takes 0.07 ms; bench:propose). Same OpenSSL as Node's WebCrypto,
 * so the same keys and signatures pass. Big frames (a catch-up, a bundle)
 * still go to the pool through src/protocol's verifySignature, where they run
 * beside the event loop. Imported keys are cached like verifySignature's.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { PublicKey } from '../src/domain/brand';
import { decodeB64url } from '../src/protocol/base64url';

const MAX_CACHED = 2048;
/** Public key → its KeyObject, or null for text that is no Ed25519 public key. */
const keys = new Map<string, KeyObject | null>();

function keyOf(a: PublicKey): KeyObject | null {
  let k = keys.get(a);
  if (k === undefined) {
    try {
      k = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: a }, format: 'jwk' });
    } catch {
      k = null;
    }
    if (keys.size >= MAX_CACHED) keys.delete(keys.keys().next().value as string);
    keys.set(a, k);
  }
  return k;
}

/** True when `sig` (canonical base64url) is `a`'s Ed25519 signature of `data`; false for anything else. */
export function verifyEd25519Now(a: PublicKey, sig: string, data: Uint8Array): boolean {
  const s = decodeB64url(sig);
  const key = keyOf(a);
  if (!s || !key) return false;
  try {
    return verify(null, data, key, s);
  } catch {
    return false;
  }
}
