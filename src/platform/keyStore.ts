/**
 * The author key lives only on this device, in IndexedDB, as a
 * non-extractable CryptoKey: no account, no password, and script cannot read
 * the private key bytes out of it.
 */
import { asPublicKey } from '../domain/brand';
import { generateIdentity, type Identity } from '../protocol/identity';
import { openVadaDb } from './vadaDb';

const KEY = 'author';

export async function loadOrCreateIdentity(): Promise<Identity> {
  const db = await openVadaDb();
  const stored = await db.get('identity', KEY);
  const publicKey = asPublicKey(stored?.publicKey);
  if (stored && publicKey && stored.privateKey instanceof CryptoKey) return { publicKey, privateKey: stored.privateKey };
  const fresh = await generateIdentity();
  await db.put('identity', { publicKey: fresh.publicKey, privateKey: fresh.privateKey }, KEY);
  return fresh;
}
