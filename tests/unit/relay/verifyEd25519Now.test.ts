/**
 * The relay's on-thread Ed25519 check (relay/verifyEd25519Now.ts) gives the
 * verdict src/protocol's WebCrypto check gives, for genuine signatures and
 * for every way of getting one wrong: another key, other data, a flipped
 * bit, a key that is no curve point, a small-order key, non-canonical or
 * wrong-length base64url. Either path may take a record, so they must agree.
 */
import { describe, expect, it } from 'vitest';
import type { PublicKey } from '../../../src/domain/brand';
import { toB64url } from '../../../src/protocol/base64url';
import { verifySignature } from '../../../src/protocol/verifySignature';
import { verifyEd25519Now } from '../../../relay/verifyEd25519Now';

async function keyPair(): Promise<{ a: PublicKey; sign: (data: Uint8Array) => Promise<string> }> {
  const pair = (await crypto.subtle.generateKey('Ed25519', true, ['sign', 'verify'])) as CryptoKeyPair;
  const a = toB64url(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey))) as PublicKey;
  return {
    a,
    sign: async (data) =>
      toB64url(new Uint8Array(await crypto.subtle.sign('Ed25519', pair.privateKey, data as Uint8Array<ArrayBuffer>))),
  };
}

const bytes = (text: string) => new TextEncoder().encode(text) as Uint8Array<ArrayBuffer>;

/** Both verdicts for one case. */
async function both(a: string, sig: string, data: Uint8Array<ArrayBuffer>): Promise<[boolean, boolean]> {
  return [verifyEd25519Now(a as PublicKey, sig, data), await verifySignature(a as PublicKey, sig, data)];
}

describe('verifyEd25519Now', () => {
  it('agrees with the WebCrypto check on genuine and on every kind of wrong signature', async () => {
    const alice = await keyPair();
    const bob = await keyPair();
    const data = bytes('vada record signing bytes');
    const sig = await alice.sign(data);
    const flipped = toB64url(Uint8Array.from(Buffer.from(sig, 'base64url'), (b, i) => (i === 10 ? b ^ 1 : b)));
    const cases: Array<[string, string, string, Uint8Array<ArrayBuffer>, boolean]> = [
      ['genuine', alice.a, sig, data, true],
      ['another key', bob.a, sig, data, false],
      ['other data', alice.a, sig, bytes('vada record signing bytez'), false],
      ['a flipped bit', alice.a, flipped, data, false],
      ['a small-order key (all zero)', toB64url(new Uint8Array(32)), sig, data, false],
      ['a key that is no curve point', toB64url(new Uint8Array(32).fill(0xff)), sig, data, false],
      ['a short key', alice.a.slice(0, 40), sig, data, false],
      [
        'a non-canonical signature spelling',
        alice.a,
        `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`,
        data,
        false,
      ],
      ['a short signature', alice.a, sig.slice(0, 80), data, false],
      ['no base64url at all', alice.a, '!'.repeat(86), data, false],
    ];
    for (const [name, a, s, d, expected] of cases) expect(await both(a, s, d), name).toEqual([expected, expected]);
  });

  it('answers right for many keys in a row (each imported once, then cached)', async () => {
    const data = bytes('many keys');
    for (let i = 0; i < 30; i++) {
      const k = await keyPair();
      expect(verifyEd25519Now(k.a, await k.sign(data), data)).toBe(true);
    }
  });
});
