/**
 * An author's identity is an Ed25519 key pair made on the device. The private
 * key is non-extractable: it can be stored (IndexedDB keeps CryptoKeys) and
 * used, but script cannot read its bytes out.
 */
import type { PublicKey } from '../domain/brand';
import { toB64url } from './base64url';

export interface Identity {
  readonly publicKey: PublicKey;
  readonly privateKey: CryptoKey;
}

export async function generateIdentity(): Promise<Identity> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { publicKey: toB64url(raw) as PublicKey, privateKey: pair.privateKey };
}
