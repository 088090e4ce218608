/**
 * A header mined ahead (mineHeader) and sealed later (sealMined): the record is
 * an ordinary one (openEnvelope accepts it; its created time is the header's),
 * and sealMined refuses a header of another author or circle, one without the
 * work, and a payload that does not fit the header's created time.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/domain/limits';
import { fromB64url } from '../../../src/protocol/base64url';
import { createCircle, openCircle, type Circle } from '../../../src/protocol/circle';
import { parseEnvelope } from '../../../src/protocol/envelope';
import type { Identity } from '../../../src/protocol/identity';
import { openEnvelope } from '../../../src/protocol/openEnvelope';
import { hasWork } from '../../../src/protocol/pow';
import { fitsHeader, mineHeader, sealMined } from '../../../src/protocol/sealRecord';
import { fakeIdentity } from '../../fixtures/fakeIdentity';
import { nonceWithBits } from '../../fixtures/records';

const T = Date.UTC(2025, 5, 1, 12, 30);
const point = (start: number) => ({ title: 'Square', note: '', lat: 53.9, lon: 27.56, start, end: start + 3_600_000 });
let alice: Identity;
let bob: Identity;
let circle: Circle;
let other: Circle;

beforeAll(async () => {
  [alice, bob, circle] = await Promise.all([fakeIdentity('alice'), fakeIdentity('bob'), openCircle()]);
  other = (await createCircle()).circle;
});

describe('mineHeader', () => {
  it('carries the work for exactly the header it names, created at the floored time', () => {
    const h = mineHeader(alice, circle.id, 'point', T + 0.7);
    expect(h).toMatchObject({ v: 1, c: circle.id, k: 'point', t: T, a: alice.publicKey });
    expect(hasWork(h)).toBe(true);
    expect(h.nonce).toHaveLength(12);
    expect(mineHeader(alice, circle.id, 'point', T).n).not.toBe(h.n);
  });
});

describe('sealMined', () => {
  it('seals into the mined header: same header on the wire, verified by openEnvelope, created at mining time', async () => {
    const h = mineHeader(alice, circle.id, 'point', T);
    // Sealed 90 s after mining, with the point starting then.
    const sealed = await sealMined(alice, circle, h, point(T + 90_000));
    expect(sealed.envelope).toMatchObject({ v: h.v, c: h.c, k: h.k, t: T, a: h.a, n: h.n });
    const parsed = parseEnvelope(sealed.wire);
    expect(parsed.ok).toBe(true);
    const opened = await openEnvelope(sealed.wire, circle, { now: T + 90_000, expectedId: sealed.id });
    expect(opened).toMatchObject({ ok: true, value: { id: sealed.id, created: T, kind: 'point' } });
  });

  it('refuses a header of another author or circle, and one without the work', async () => {
    const h = mineHeader(alice, circle.id, 'point', T);
    await expect(sealMined(bob, circle, h, point(T))).rejects.toThrow(/another author or circle/);
    await expect(sealMined(alice, other, h, point(T))).rejects.toThrow(/another author or circle/);
    const n = nonceWithBits(LIMITS.powBits - 1)(h);
    const lazy = { ...h, n, nonce: fromB64url(n) };
    await expect(sealMined(alice, circle, lazy, point(T))).rejects.toThrow(/too little work/);
  });

  it('checks the payload against the header’s created time, as receivers do', async () => {
    const h = mineHeader(alice, circle.id, 'point', T);
    const tooEarly = point(T - LIMITS.startBehindMs - 1);
    const tooLate = point(T + LIMITS.startAheadMs + 1);
    expect(fitsHeader(h, point(T + 60_000))).toBe(true);
    expect(fitsHeader(h, tooEarly)).toBe(false);
    expect(fitsHeader(h, tooLate)).toBe(false);
    await expect(sealMined(alice, circle, h, tooLate)).rejects.toThrow(/invalid point/);
  });
});
