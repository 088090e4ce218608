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
import { hasPin } from './pinRecord';
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

/** The identity in a stored row, or undefined when there is none that works (none, damaged, another PIN's). */
async function identityIn(stored: unknown, sealed: boolean): Promise<Identity | undefined> {
  if (typeof stored !== 'object' || stored === null) return undefined;
  if ('sealed' in stored) {
    const opened = await openRow<Partial<SealedIdentity> | null>(stored);
    const publicKey = asPublicKey(opened?.publicKey);
    const privateKey = typeof opened?.pkcs8 === 'string' ? await importPrivate(opened.pkcs8) : undefined;
    return publicKey && privateKey ? { publicKey, privateKey } : undefined;
  }
  if (sealed) return undefined;
  const { publicKey, privateKey } = stored as Record<string, unknown>;
  const key = asPublicKey(publicKey);
  return key && privateKey instanceof CryptoKey ? { publicKey: key, privateKey } : undefined;
}

/** A stored value as text, to tell whether another tab wrote since it was read (a CryptoKey by its kind). */
const asText = (v: unknown) =>
  JSON.stringify(v ?? null, (_k, x: unknown) => (x instanceof CryptoKey ? `[CryptoKey ${x.type}]` : x));

/**
 * This device's identity; a new one when none is stored (or, with a PIN, none
 * opens with it). A new one is stored only if the row is still what was read:
 * two tabs starting at once on a new device must end with one identity, not
 * each sign with a key the other then overwrites.
 */
export async function loadOrCreateIdentity(sealed = hasPin()): Promise<Identity> {
  const db = await openVadaDb();
  for (let i = 0; i < 4; i++) {
    const stored: unknown = await db.get('identity', KEY);
    const found = await identityIn(stored, sealed);
    if (found) return found;
    const made = sealed ? await generateSealable() : { identity: await generateIdentity(), sealed: undefined };
    const { publicKey, privateKey } = made.identity;
    const value = made.sealed ? await sealRow({}, made.sealed) : { publicKey, privateKey };
    // Generating and sealing are async, so the check and the write share one transaction after them.
    const tx = db.transaction('identity', 'readwrite');
    const unchanged = asText(await tx.store.get(KEY)) === asText(stored);
    if (unchanged) await tx.store.put(value, KEY);
    await tx.done;
    if (unchanged) return made.identity;
  }
  throw new Error('the identity kept changing in another tab');
}
