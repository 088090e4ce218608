/**
 * One contract for the device's author key (keyStore: loadOrCreateIdentity),
 * in IndexedDB plain and sealed under a PIN (there is no memory key store:
 * the app cannot run without IndexedDB, and tests use fixed identities).
 * What it promises: one identity per device, the same after every reload and
 * when two tabs start at once, that signs; a damaged row or another PIN gives
 * a new working identity rather than a crash; at rest, without a PIN, a
 * private key script cannot read, and under a PIN nothing of the key at all.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fromB64url } from '../../src/protocol/base64url';
import type { Identity } from '../../src/protocol/identity';
import { readable, showStored, type StoreImpl, type StoreRun } from './storeHarness';

/** Opens the device's identity (what `loadOrCreateIdentity()` gives a page). */
export type IdentityOpener = () => Promise<Identity>;

const message = new TextEncoder().encode('vada identity contract');
async function signs(id: Identity): Promise<boolean> {
  const signature = await crypto.subtle.sign('Ed25519', id.privateKey, message);
  const pub = await crypto.subtle.importKey('raw', fromB64url(id.publicKey).slice(), 'Ed25519', false, ['verify']);
  return crypto.subtle.verify('Ed25519', pub, signature, message);
}

export function runIdentityStoreContract(impl: StoreImpl<IdentityOpener>): void {
  describe(`Identity store contract: ${impl.name}`, () => {
    let run: StoreRun<IdentityOpener>;
    beforeEach(async () => {
      run = await impl.start();
    });

    it('makes one identity that signs, and gives the same one on every reload', async () => {
      const first = await run.store();
      expect(await signs(first)).toBe(true);
      expect((await run.store()).publicKey).toBe(first.publicKey);
      const again = await (await run.reopen!())();
      expect(again.publicKey).toBe(first.publicKey);
      expect(await signs(again)).toBe(true);
    });

    it('two tabs starting at once on a new device end with one identity', async () => {
      const tab = await run.another!();
      const [a, b] = await Promise.all([run.store(), tab()]);
      expect(b.publicKey).toBe(a.publicKey);
      expect((await (await run.reopen!())()).publicKey).toBe(a.publicKey);
    });

    it('a damaged row gives a new identity that signs and is kept, not a crash', async () => {
      await run.store();
      const damaged = [
        { sealed: { sealed: 'AAAA' } },
        { sealed: { publicKey: 1 } },
        { publicKey: 'short', privateKey: 'x' },
        null,
        42,
      ];
      for (const damage of damaged) {
        await run.disk!.put('identity', damage, 'author');
        const fresh = await (await run.reopen!())();
        expect(await signs(fresh)).toBe(true);
        expect((await (await run.reopen!())()).publicKey).toBe(fresh.publicKey);
      }
    });

    it(
      impl.sealed
        ? 'keeps nothing of the key at rest: one sealed value, no public key, no key object'
        : 'keeps the private key at rest as a key object script cannot read out',
      async () => {
        const id = await run.store();
        const rows = await run.disk!.rows('identity');
        expect(rows.map((r) => r.key)).toEqual(['author']);
        const text = await run.disk!.dump();
        if (impl.sealed) {
          expect(Object.keys(rows[0]!.value)).toEqual(['sealed']);
          expect(readable(text, [id.publicKey, 'CryptoKey', 'pkcs8'])).toEqual([]);
        } else {
          expect(showStored(rows[0]!.value.privateKey)).toBe('"[CryptoKey private extractable=false]"');
          await expect(crypto.subtle.exportKey('pkcs8', rows[0]!.value.privateKey as CryptoKey)).rejects.toThrow();
        }
      },
    );

    if (impl.sealed) {
      it('another PIN reads no identity: it gets a new one (the old key cannot be opened without its PIN)', async () => {
        const mine = await run.store();
        const other = await (await run.reopenWithOtherPin!())();
        expect(other.publicKey).not.toBe(mine.publicKey);
        expect(await signs(other)).toBe(true);
      });
    }
  });
}
