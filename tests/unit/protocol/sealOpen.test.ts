/** sealRecord → openEnvelope round trips, and the AES-GCM associated data binding. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CircleId } from '../../../src/domain/brand';
import { bucketOf } from '../../../src/domain/bucket';
import { buf, fromB64url, toB64url } from '../../../src/protocol/base64url';
import { signingBytes } from '../../../src/protocol/canonical';
import { importCircle, OPEN_CIRCLE_ID, openCircle, type Circle } from '../../../src/protocol/circle';
import { encodeEnvelope, type Envelope } from '../../../src/protocol/envelope';
import type { Identity } from '../../../src/protocol/identity';
import { inspectEnvelope } from '../../../src/protocol/inspectEnvelope';
import { openEnvelope } from '../../../src/protocol/openEnvelope';
import { hasWork, mineNonce } from '../../../src/protocol/pow';
import { recordIdOf } from '../../../src/protocol/recordId';
import { sealRecord } from '../../../src/protocol/sealRecord';
import { fakeIdentity } from '../../fixtures/fakeIdentity';

const T = Date.UTC(2025, 5, 1, 12);
const payload = {
  title: 'Pl. Niezaliežnasci',
  note: 'south steps',
  lat: 53.8963,
  lon: 27.5476,
  start: T + 600_000,
  end: T + 4_200_000,
};
let alice: Identity;
let mallory: Identity;
let circle: Circle;

/**
 * Signs arbitrary envelope fields with `who`: what an attacker can always do with their own key.
 * A changed header needs new proof-of-work, so the attacker mines a new nonce then (the nonce is in
 * the AAD too; tests/unit/protocol/pow.test.ts checks that the AAD alone binds the header).
 */
async function resign(who: Identity, fields: Omit<Envelope, 's' | 'a'>): Promise<string> {
  const head = { ...fields, a: who.publicKey };
  const unsigned = hasWork(head) ? head : { ...head, n: mineNonce(head).n };
  const sig = await crypto.subtle.sign('Ed25519', who.privateKey, buf(signingBytes(unsigned)));
  return encodeEnvelope({ ...unsigned, s: toB64url(new Uint8Array(sig)) });
}

beforeAll(async () => {
  [alice, mallory, circle] = await Promise.all([fakeIdentity('alice'), fakeIdentity('mallory'), openCircle()]);
});

describe('seal and open', () => {
  it('round-trips every kind with id, author, time and payload intact', async () => {
    const point = await sealRecord(alice, circle, 'point', payload, T);
    const next = await sealRecord(alice, circle, 'point', { ...payload, title: 'next' }, T);
    const cases = [
      ['point', payload],
      ['disperse', { point: point.id, reappear: next.id }],
      ['cancel', { point: point.id }],
    ] as const;
    for (const [kind, p] of cases) {
      const sealed = await sealRecord(alice, circle, kind, p, T + 1);
      const r = await openEnvelope(sealed.wire, circle, {
        now: T + 5,
        expectedId: sealed.id,
        expectedBucket: bucketOf(T),
      });
      expect(r).toEqual({
        ok: true,
        value: {
          id: sealed.id,
          circle: OPEN_CIRCLE_ID,
          author: alice.publicKey,
          created: T + 1,
          kind,
          payload: p,
          nonce: sealed.envelope.n,
        },
      });
    }
  });

  it('gives the id as the SHA-256 of the id bytes, and a fresh nonce each time', async () => {
    const a = await sealRecord(alice, circle, 'point', payload, T);
    const b = await sealRecord(alice, circle, 'point', payload, T);
    expect(a.id).toBe(await recordIdOf(a.envelope));
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.envelope.n).not.toBe(b.envelope.n);
    expect(a.id).not.toBe(b.id);
    expect(fromB64url(a.envelope.p).length).toBe(new TextEncoder().encode(JSON.stringify(payload)).length + 16);
  });

  it('lets a relay inspect a record without the circle key', async () => {
    const s = await sealRecord(alice, circle, 'point', payload, T);
    expect(await inspectEnvelope(s.wire, { now: T, expectedId: s.id })).toEqual({
      ok: true,
      value: { id: s.id, envelope: s.envelope },
    });
  });
});

describe('associated data binds the ciphertext to its header', () => {
  it('refuses a victim’s ciphertext moved under an attacker’s key as undecryptable', async () => {
    const { envelope: e } = await sealRecord(alice, circle, 'point', payload, T);
    const moved = await resign(mallory, { v: e.v, c: e.c, k: e.k, t: e.t, n: e.n, p: e.p });
    const r = await openEnvelope(moved, circle, { now: T });
    expect(r).toEqual({ ok: false, error: { code: 'undecryptable', detail: expect.any(String) } });
  });

  it.each([
    ['kind', (e: Envelope) => ({ k: e.k === 'point' ? ('cancel' as const) : ('point' as const) })],
    ['created time', (e: Envelope) => ({ t: e.t + 1 })],
  ])('refuses it when the %s changes, even re-signed by the author', async (_field, change) => {
    const { envelope: e } = await sealRecord(alice, circle, 'point', payload, T);
    const moved = await resign(alice, { v: e.v, c: e.c, k: e.k, t: e.t, n: e.n, p: e.p, ...change(e) });
    const r = await openEnvelope(moved, circle, { now: T });
    expect(!r.ok && r.error.code).toBe('undecryptable');
  });

  it('refuses it when moved to another circle that happens to share the key', async () => {
    const raw = crypto.getRandomValues(new Uint8Array(32));
    const home = await importCircle(toB64url(new Uint8Array(16).fill(1)) as CircleId, raw);
    const other = await importCircle(toB64url(new Uint8Array(16).fill(2)) as CircleId, raw);
    const { envelope: e } = await sealRecord(alice, home, 'point', payload, T);
    const moved = await resign(alice, { v: e.v, c: other.id, k: e.k, t: e.t, n: e.n, p: e.p });
    expect(await openEnvelope(moved, other, { now: T })).toMatchObject({ ok: false, error: { code: 'undecryptable' } });
  });
});
