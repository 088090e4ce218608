/**
 * The receiver's one-encoding path (canonical.ts recordBytes and what reads it:
 * hasWorkBytes, recordIdOfBytes, fromCheckedB64url, verifySignature's key
 * cache) gives exactly the bytes, hashes and answers of the per-string functions
 * the sender uses, for every kind and odd field lengths, and keeps no state from
 * one record to the next.
 */
import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import type { CircleId, PublicKey } from '../../../src/domain/brand';
import { RECORD_KINDS, type RecordKind } from '../../../src/domain/records';
import { fromB64url, fromCheckedB64url, toB64url } from '../../../src/protocol/base64url';
import { aadBytes, idBytes, recordBytes, signingBytes } from '../../../src/protocol/canonical';
import type { Envelope } from '../../../src/protocol/envelope';
import { hasWork, hasWorkBytes, powDigest } from '../../../src/protocol/pow';
import { recordIdOfBytes, recordIdSync } from '../../../src/protocol/recordId';
import { verifySignature } from '../../../src/protocol/verifySignature';
import { fakeIdentity } from '../../fixtures/fakeIdentity';

const b64 = (n: number, seed: number) => toB64url(new Uint8Array(n).map((_, i) => (i * 31 + seed * 7) & 255));

function envelope(kind: RecordKind, seed: number, pBytes: number): Envelope {
  return {
    v: 1,
    c: b64(16, seed) as CircleId,
    k: kind,
    t: 1_700_000_000_000 + seed * 977,
    a: b64(32, seed + 1) as PublicKey,
    n: b64(12, seed + 2),
    p: b64(pBytes, seed + 3),
    s: b64(64, seed + 4),
  };
}

const cases = RECORD_KINDS.flatMap((k, i) =>
  [17, 18, 19, 63, 64, 65, 700].map((len) => envelope(k, i * 10 + len, len)),
);

describe('recordBytes', () => {
  it('holds aadBytes, signingBytes and idBytes for every kind and length', () => {
    for (const e of cases) {
      const rb = recordBytes(e);
      expect(rb.id).toEqual(idBytes(e));
      expect(rb.signing).toEqual(signingBytes(e));
      expect(rb.aad).toEqual(aadBytes(e));
      expect(new TextDecoder().decode(rb.header)).toBe([e.v, e.c, e.k, e.t, e.a, e.n].join('\n'));
    }
  });

  it('hasWorkBytes and recordIdOfBytes give the same answers as hasWork and recordIdSync, record after record', () => {
    for (const e of cases) {
      const rb = recordBytes(e);
      expect(recordIdOfBytes(rb)).toBe(recordIdSync(e));
      expect(recordIdOfBytes(rb)).toBe(toB64url(sha256(idBytes(e))));
      for (const bits of [0, 1, 2, 3, 12]) expect(hasWorkBytes(rb, bits)).toBe(hasWork(e, bits));
    }
    // At least one case with and one without a leading zero bit, so both answers are exercised.
    const firstBits = cases.map((e) => (powDigest(e)[0] as number) >> 7);
    expect(new Set(firstBits).size).toBe(2);
  });
});

describe('fromCheckedB64url', () => {
  it('decodes canonical text exactly as fromB64url does', () => {
    for (const n of [1, 2, 3, 12, 16, 32, 64, 500]) {
      const text = b64(n, n);
      expect(fromCheckedB64url(text)).toEqual(fromB64url(text));
    }
  });
});

describe('verifySignature', () => {
  it('verifies from an imported key and from the cache, and refuses a wrong signature, key or text', async () => {
    const alice = await fakeIdentity('alice');
    const bob = await fakeIdentity('bob');
    const data = recordBytes(envelope('point', 3, 40)).signing;
    const sig = toB64url(new Uint8Array(await crypto.subtle.sign('Ed25519', alice.privateKey, data)));
    const [first, second] = await Promise.all([
      verifySignature(alice.publicKey, sig, data),
      verifySignature(alice.publicKey, sig, data),
    ]);
    expect([first, second]).toEqual([true, true]);
    expect(await verifySignature(alice.publicKey, sig, data)).toBe(true);
    expect(await verifySignature(bob.publicKey, sig, data)).toBe(false);
    expect(await verifySignature(alice.publicKey, sig, signingBytes(envelope('point', 4, 40)))).toBe(false);
    // A signature with its spare bits set is not canonical: refused, although it decodes to the same bytes.
    const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const spare = sig.slice(0, -1) + ALPHABET[ALPHABET.indexOf(sig.slice(-1)) | 1]!;
    expect(spare).not.toBe(sig);
    expect(await verifySignature(alice.publicKey, spare, data)).toBe(false);
  });

  it('answers false for a key that does not import, and does not keep the failure', async () => {
    const alice = await fakeIdentity('alice');
    const data = new Uint8Array([1, 2, 3]);
    const sig = toB64url(new Uint8Array(await crypto.subtle.sign('Ed25519', alice.privateKey, data)));
    expect(await verifySignature('not a key' as PublicKey, sig, data)).toBe(false);
    expect(await verifySignature('not a key' as PublicKey, sig, data)).toBe(false);
    expect(await verifySignature(alice.publicKey, sig, data)).toBe(true);
  });
});
