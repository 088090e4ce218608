/**
 * Proof-of-work in the nonce: the exact input string, mining, and where the
 * check sits in inspectEnvelope/openEnvelope (after shape, before time, id and
 * signature), with records mined for exactly 11 and 12 bits.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { bucketOf } from '../../../src/domain/bucket';
import { LIMITS } from '../../../src/domain/limits';
import { leadingZeroBits } from '../../../src/domain/pow';
import { buf, fromB64url, toB64url } from '../../../src/protocol/base64url';
import { aadBytes } from '../../../src/protocol/canonical';
import { openCircle, type Circle } from '../../../src/protocol/circle';
import { encodeEnvelope, parseEnvelope, type Envelope } from '../../../src/protocol/envelope';
import type { Identity } from '../../../src/protocol/identity';
import { inspectEnvelope } from '../../../src/protocol/inspectEnvelope';
import { openEnvelope } from '../../../src/protocol/openEnvelope';
import { hasWork, mineNonce, powDigest, powInput, workBits } from '../../../src/protocol/pow';
import { recordIdOf } from '../../../src/protocol/recordId';
import { sealRecord, sealUnchecked } from '../../../src/protocol/sealRecord';
import { fakeIdentity } from '../../fixtures/fakeIdentity';
import { nonceWithBits, sealWithNonce } from '../../fixtures/records';

const T = Date.UTC(2025, 5, 1, 12, 30);
const payload = {
  title: 'Victoria Park',
  note: '',
  lat: 22.2819,
  lon: 114.1887,
  start: T + 600_000,
  end: T + 4_200_000,
};
let alice: Identity;
let circle: Circle;

beforeAll(async () => {
  [alice, circle] = await Promise.all([fakeIdentity('alice'), openCircle()]);
});

const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'accepted' : r.error?.code);

describe('powInput', () => {
  it('is `vada/1 pow` and the header fields joined by line feeds, nonce last, no trailing newline', () => {
    const h = {
      v: 1,
      c: 'C'.repeat(22),
      k: 'point',
      t: 1750000000000,
      a: 'A'.repeat(43),
      n: 'N'.repeat(16),
    } as unknown as Envelope;
    expect(new TextDecoder().decode(powInput(h))).toBe(
      `vada/1 pow\n1\n${'C'.repeat(22)}\npoint\n1750000000000\n${'A'.repeat(43)}\n${'N'.repeat(16)}`,
    );
    expect(powDigest(h)).toEqual(sha256(powInput(h)));
    expect(workBits(h)).toBe(leadingZeroBits(sha256(powInput(h))));
  });
  it('differs from the AAD string (its own label)', () => {
    const h = {
      v: 1,
      c: 'C'.repeat(22),
      k: 'point',
      t: 1,
      a: 'A'.repeat(43),
      n: 'N'.repeat(16),
    } as unknown as Envelope;
    expect(new TextDecoder().decode(powInput(h)).split('\n').slice(1)).toEqual(
      new TextDecoder().decode(aadBytes(h)).split('\n').slice(1),
    );
    expect(new TextDecoder().decode(powInput(h)).split('\n')[0]).toBe('vada/1 pow');
  });
});

describe('mineNonce', () => {
  const head = () => ({ v: 1, c: circle.id, k: 'point', t: T, a: alice.publicKey }) as const;
  it('finds a canonical 12-byte nonce with at least powBits of work', () => {
    const m = mineNonce(head());
    expect(m.nonce).toHaveLength(12);
    expect(toB64url(m.nonce)).toBe(m.n);
    expect(m.n).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(workBits({ ...head(), n: m.n })).toBeGreaterThanOrEqual(LIMITS.powBits);
    expect(hasWork({ ...head(), n: m.n })).toBe(true);
    expect(m.tries).toBeGreaterThan(0);
  });
  it('starts from random characters: two mined nonces for the same header differ', () => {
    expect(mineNonce(head()).n).not.toBe(mineNonce(head()).n);
  });
  it('mines exactly the bits asked for when told to', () => {
    for (const bits of [0, 3, 11, 12]) expect(workBits({ ...head(), n: nonceWithBits(bits)(head()) })).toBe(bits);
  });
  it('binds the work to every header field: the same nonce under another field has (almost surely) less', () => {
    const n = mineNonce(head(), 16).n;
    expect(workBits({ ...head(), n })).toBeGreaterThanOrEqual(16);
    const changed = [
      { t: T + 1 },
      { k: 'cancel' },
      { a: toB64url(new Uint8Array(32)) },
      { c: toB64url(new Uint8Array(16)) },
    ];
    for (const c of changed) expect(workBits({ ...head(), ...c, n } as Envelope)).toBeLessThan(16);
  });
});

describe('sealRecord and sealUnchecked mine the nonce', () => {
  it('every sealed record has the work, and its AES-GCM nonce is the mined one', async () => {
    for (let i = 0; i < 5; i++) {
      const s = await sealRecord(alice, circle, 'point', payload, T + i);
      expect(hasWork(s.envelope)).toBe(true);
      expect(await openEnvelope(s.wire, circle, { now: T })).toMatchObject({ ok: true });
    }
    const u = await sealUnchecked(alice, circle, 'cancel', { anything: 1 }, T);
    expect(hasWork(u.envelope)).toBe(true);
  });
});

describe('the work check in inspectEnvelope and openEnvelope', () => {
  it('accepts a record with exactly powBits (12) and refuses one with 11 as insufficient-work', async () => {
    const at = await sealWithNonce(alice, circle, 'point', payload, T, nonceWithBits(LIMITS.powBits));
    const below = await sealWithNonce(alice, circle, 'point', payload, T, nonceWithBits(LIMITS.powBits - 1));
    expect(workBits(at.envelope)).toBe(12);
    expect(workBits(below.envelope)).toBe(11);
    const opts = { now: T, expectedId: undefined as string | undefined, expectedBucket: bucketOf(T) };
    expect(codeOf(await inspectEnvelope(at.wire, { ...opts, expectedId: at.id }))).toBe('accepted');
    expect(codeOf(await openEnvelope(at.wire, circle, { ...opts, expectedId: at.id }))).toBe('accepted');
    expect(codeOf(await inspectEnvelope(below.wire, { ...opts, expectedId: below.id }))).toBe('insufficient-work');
    expect(codeOf(await openEnvelope(below.wire, circle, { ...opts, expectedId: below.id }))).toBe('insufficient-work');
    const none = await sealWithNonce(alice, circle, 'point', payload, T, nonceWithBits(0));
    expect(codeOf(await openEnvelope(none.wire, circle, { now: T }))).toBe('insufficient-work');
  });

  it('runs after the shape checks: a malformed record keeps its shape code', async () => {
    const below = await sealWithNonce(alice, circle, 'point', payload, T, nonceWithBits(5));
    expect(codeOf(await inspectEnvelope(` ${below.wire}`, { now: T }))).toBe('bad-shape');
    expect(codeOf(await inspectEnvelope(below.wire.replace('"n":"', '"n":"!'), { now: T }))).toBe('bad-field');
  });

  it('runs before the time, bucket, id and signature checks', async () => {
    const below = await sealWithNonce(alice, circle, 'point', payload, T, nonceWithBits(11));
    const e = below.envelope;
    expect(codeOf(await inspectEnvelope(below.wire, { now: T - 10 * LIMITS.futureSkewMs }))).toBe('insufficient-work');
    expect(codeOf(await inspectEnvelope(below.wire, { now: T + 2 * LIMITS.retentionMs }))).toBe('insufficient-work');
    expect(codeOf(await inspectEnvelope(below.wire, { now: T, expectedBucket: bucketOf(T) + 1 }))).toBe(
      'insufficient-work',
    );
    expect(codeOf(await inspectEnvelope(below.wire, { now: T, expectedId: 'x'.repeat(43) }))).toBe('insufficient-work');
    const badSig = encodeEnvelope({ ...e, s: (e.s[0] === 'A' ? 'B' : 'A') + e.s.slice(1) });
    expect(codeOf(await inspectEnvelope(badSig, { now: T }))).toBe('insufficient-work');
    // The same faults with the work paid get their own codes (the check does not mask them).
    const good = await sealRecord(alice, circle, 'point', payload, T);
    expect(codeOf(await inspectEnvelope(good.wire, { now: T - 10 * LIMITS.futureSkewMs }))).toBe('future-dated');
    const goodBadSig = encodeEnvelope({
      ...good.envelope,
      s: (good.envelope.s[0] === 'A' ? 'B' : 'A') + good.envelope.s.slice(1),
    });
    expect(codeOf(await inspectEnvelope(goodBadSig, { now: T }))).toBe('bad-signature');
  });

  it('a replayed nonce with a different ciphertext still has the work: only replay checks stop it', async () => {
    const first = await sealRecord(alice, circle, 'point', payload, T);
    const again = await sealWithNonce(
      alice,
      circle,
      'point',
      { ...payload, title: 'Another' },
      T,
      () => first.envelope.n,
    );
    expect(again.envelope.n).toBe(first.envelope.n);
    expect(again.envelope.p).not.toBe(first.envelope.p);
    expect(again.id).not.toBe(first.id);
    expect(codeOf(await openEnvelope(again.wire, circle, { now: T }))).toBe('accepted');
  });
});

describe('associated data still binds the header by itself', () => {
  it('the same nonce with a moved header does not decrypt (no work involved)', async () => {
    const s = await sealRecord(alice, circle, 'point', payload, T);
    const e = s.envelope;
    const tryOpen = (h: Envelope) =>
      crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: buf(fromB64url(e.n)), additionalData: buf(aadBytes(h)), tagLength: 128 },
        circle.key,
        buf(fromB64url(e.p)),
      );
    await expect(tryOpen(e)).resolves.toBeInstanceOf(ArrayBuffer);
    for (const change of [
      { t: e.t + 1 },
      { k: 'cancel' as const },
      { c: toB64url(new Uint8Array(16)) },
      { a: toB64url(new Uint8Array(32)) },
    ])
      await expect(tryOpen({ ...e, ...change } as Envelope)).rejects.toThrow();
  });
  it('the id of a mined record is its content hash as before', async () => {
    const point = await sealRecord(alice, circle, 'point', payload, T);
    const s = await sealRecord(alice, circle, 'alert', { point: point.id, alert: 'caution' }, T);
    const parsed = parseEnvelope(s.wire);
    expect(parsed.ok && (await recordIdOf(parsed.value))).toBe(s.id);
  });
});
