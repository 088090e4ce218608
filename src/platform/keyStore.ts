/**
 * The author key lives only on this device, in IndexedDB: no account, no
 * password. Without an app PIN it is a non-extractable CryptoKey (script
 * cannot read the private key bytes out of it). With a PIN, a non-extractable
 * key could not be sealed, so the identity is generated extractable, and its
 * PKCS#8 bytes are stored sealed under the PIN's data key (nothing about it,
 * not even the public key, in the clear); in memory it is re-imported
 * non-extractable.
 */
import { asPublicKey, type PublicKey } from '../domain/brand';
import { fromB64url, toB64url } from '../protocol/base64url';
import { generateIdentity, type Identity } from '../protocol/identity';
import { hasPin } from './pinLock';
import { openRow, sealRow } from './sealedRow';
import { openVadaDb } from './vadaDb';

const KEY = 'author';

interface SealedIdentity {
  publicKey: string;
  pkcs8: string;
}

async function importPrivate(pkcs8: string): Promise<CryptoKey | undefined> {
  try {
    return await crypto.subtle.importKey('pkcs8', fromB64url(pkcs8).slice().buffer, { name: 'Ed25519' }, false, [
      'sign',
    ]);
  } catch {
    return undefined;
  }
}

/** A new identity whose private key bytes can be sealed. */
async function generateSealable(): Promise<{ identity: Identity; sealed: SealedIdentity }> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const publicKey = toB64url(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey))) as PublicKey;
  const pkcs8 = toB64url(new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey)));
  const privateKey = await importPrivate(pkcs8);
  if (!privateKey) throw new Error('could not import the new identity');
  return { identity: { publicKey, privateKey }, sealed: { publicKey, pkcs8 } };
}

/** This device's identity; a new one when none is stored (or, with a PIN, none opens with it). */
export async function loadOrCreateIdentity(sealed = hasPin()): Promise<Identity> {
  const db = await openVadaDb();
  const stored = await db.get('identity', KEY);
  if (stored && 'sealed' in stored) {
    const opened = await openRow<SealedIdentity>(stored);
    const publicKey = asPublicKey(opened?.publicKey);
    const privateKey = opened && typeof opened.pkcs8 === 'string' ? await importPrivate(opened.pkcs8) : undefined;
    if (publicKey && privateKey) return { publicKey, privateKey };
  } else if (stored && !sealed) {
    const publicKey = asPublicKey(stored.publicKey);
    if (publicKey && stored.privateKey instanceof CryptoKey) return { publicKey, privateKey: stored.privateKey };
  }
  if (sealed) {
    const fresh = await generateSealable();
    await db.put('identity', await sealRow({}, fresh.sealed), KEY);
    return fresh.identity;
  }
  const fresh = await generateIdentity();
  await db.put('identity', { publicKey: fresh.publicKey, privateKey: fresh.privateKey }, KEY);
  return fresh;
}
