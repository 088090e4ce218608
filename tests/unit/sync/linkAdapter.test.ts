/**
 * Phone links as a mesh: records cross a chain of phones (each forwards what
 * it verified), the hop budget stops them, and a peer learns and gets nothing
 * of a circle it does not hold.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordId } from '../../../src/domain/brand';
import { createCircle, openCircle, type Circle } from '../../../src/protocol/circle';
import { linkToken } from '../../../src/protocol/linkToken';
import { sealRecord } from '../../../src/protocol/sealRecord';
import { createLinkAdapter, type LinkAdapter, type LinkAdapterOptions } from '../../../src/sync/linkAdapter';
import { collect } from '../../contract/syncAdapterContract';
import { linkChannelPair } from '../../fixtures/linkChannelPair';
import { rawLinkPeer } from '../../fixtures/rawLinkPeer';
import { makeFixture, pointPayload, sealPoint, sleep, waitFor } from '../../fixtures/records';

const adapters: LinkAdapter[] = [];
const make = (opts: LinkAdapterOptions = {}) => {
  const a = createLinkAdapter(opts);
  adapters.push(a);
  return a;
};
const link = (x: LinkAdapter, y: LinkAdapter) => {
  const [a, b] = linkChannelPair();
  x.attach(a);
  y.attach(b);
  return { x: a, y: b };
};
afterEach(async () => {
  await Promise.all(adapters.splice(0).map((a) => a.close()));
});

const alertOn = (f: Awaited<ReturnType<typeof makeFixture>>, point: string, circle: Circle = f.circle) =>
  sealRecord(f.alice, circle, 'alert', { point: point as RecordId, alert: 'caution' }, Date.now());

describe('link adapter: chains and hops', () => {
  it('carries A’s alert to C through B, which forwards it (C is linked to B only)', async () => {
    const f = await makeFixture();
    const [a, b, c] = [make(), make(), make()];
    const ab = link(a, b);
    const bc = link(b, c);
    const atB = collect(b, f);
    const atC = collect(c, f);
    const point = await sealPoint(f, 'gather');
    await a.publish(f.circle, point);
    const alert = await alertOn(f, point.id);
    await a.publish(f.circle, alert);
    await waitFor(() => atC.ids().includes(alert.id) && atC.ids().includes(point.id), 'alert at C');
    expect(atB.ids()).toContain(alert.id);
    expect(atC.records.find((r) => r.id === alert.id)?.kind).toBe('alert');
    // B sent it on to C (its rec frames on the B–C link carry it with one hop more).
    const recs = bc.x.sent.map((t) => JSON.parse(t)).filter((m) => m.t === 'rec');
    expect(recs.flatMap((m) => m.r).find((e: { id: string }) => e.id === alert.id)?.h).toBe(1);
    // A learnt it was sent: B acknowledged it after verifying.
    await waitFor(() => a.sendState(alert.id)?.state === 'sent', 'A’s alert acknowledged');
    expect(ab.y.sent.some((t) => t.includes('"t":"ack"') && t.includes(alert.id))).toBe(true);
  });

  it('stops a record at the hop budget: with a budget of 2, the third link does not carry it', async () => {
    const f = await makeFixture();
    const [a, b, c, d] = [make({ hopLimit: 2 }), make({ hopLimit: 2 }), make({ hopLimit: 2 }), make({ hopLimit: 2 })];
    link(a, b);
    link(b, c);
    const cd = link(c, d);
    const atC = collect(c, f);
    const atD = collect(d, f);
    const s = await sealPoint(f, 'two hops');
    await a.publish(f.circle, s);
    await waitFor(() => atC.ids().includes(s.id), 'record at C (two links away)');
    await waitFor(() => cd.x.sent.some((t) => t.includes('"t":"circles"')), 'C–D linked');
    await sleep(400);
    expect(atD.ids()).not.toContain(s.id);
    expect(cd.x.sent.some((t) => t.includes(s.id))).toBe(false);
  });

  it('with the default budget, the same chain carries it to D', async () => {
    const f = await makeFixture();
    const [a, b, c, d] = [make(), make(), make(), make()];
    link(a, b);
    link(b, c);
    link(c, d);
    const atD = collect(d, f);
    const s = await sealPoint(f, 'three hops');
    await a.publish(f.circle, s);
    await waitFor(() => atD.ids().includes(s.id), 'record at D');
    expect(atD.ids().filter((id) => id === s.id)).toHaveLength(1);
  });
});

describe('link adapter: circles a peer does not hold', () => {
  it('tells a peer nothing of a private circle it lacks and sends it none of its records', async () => {
    const f = await makeFixture();
    const open = await openCircle();
    const { circle: secret } = await createCircle();
    const a = make();
    const seen = collect(a, { ...f, circle: secret });
    const hidden = await sealRecord(f.alice, secret, 'point', pointPayload('secret'), Date.now());
    const public_ = await sealPoint(f, 'public');
    await a.publish(secret, hidden);
    await a.publish(open, public_);
    await waitFor(() => seen.ids().includes(hidden.id), 'A holds its private record');

    const raw = rawLinkPeer(a);
    await raw.handshake([open]);
    await waitFor(() => raw.heard.some((m) => m.t === 'have' || m.t === 'rec'), 'A offers the open circle');
    const aNonce = raw.peerNonce() as string;
    const circles = raw.heard.find((m) => m.t === 'circles');
    if (circles?.t !== 'circles') throw new Error('no circles frame');
    // A holds two circles; the list is padded to 8 random-looking tokens. The open one the peer can check;
    // the private one only a member could (its HMAC key comes from the circle key), and it is bound to this
    // link's nonces: another link sees another token, so a token cannot be followed from link to link.
    expect(circles.k).toHaveLength(8);
    expect(new Set(circles.k).size).toBe(8);
    expect(circles.k).toContain(await linkToken(open, aNonce, raw.nonce));
    const secretHere = await linkToken(secret, aNonce, raw.nonce);
    expect(circles.k).toContain(secretHere);
    const other = rawLinkPeer(a);
    await other.handshake([open]);
    await waitFor(() => other.heard.some((m) => m.t === 'circles'), 'circles on a second link');
    const second = other.heard.find((m) => m.t === 'circles');
    expect(second?.t === 'circles' && second.k).not.toContain(secretHere);
    expect(second?.t === 'circles' && second.k).toContain(await linkToken(secret, other.peerNonce()!, other.nonce));
    // Everything A sent names the open circle's token, and never a private id or record.
    const openToken = await linkToken(open, aNonce, raw.nonce);
    for (const m of raw.heard) if ('c' in m) expect(m.c).toBe(openToken);
    expect(raw.end.sent.length).toBeGreaterThan(0);
    const everything = JSON.stringify(raw.heard);
    expect(everything).toContain(public_.id);
    expect(everything).not.toContain(hidden.id);
    expect(everything).not.toContain(secret.id);

    // Asking by id under the open circle's token gets only what that circle holds, and each record once
    // on this link: A may already have pushed its own unacknowledged open record before the `want`.
    raw.send({ t: 'want', c: await raw.tokenFor(open), ids: [hidden.id as RecordId, 'A'.repeat(43) as RecordId] });
    raw.send({ t: 'want', c: await raw.tokenFor(open), ids: [public_.id as RecordId] });
    const recIds = () => raw.heard.flatMap((m) => (m.t === 'rec' ? m.r.map((r) => r.id) : []));
    await waitFor(() => recIds().includes(public_.id), 'the open record sent');
    await sleep(200);
    expect(recIds()).toEqual([public_.id]);
    expect(raw.closed()).toBe(false);
  });

  it('carries a private circle between two phones that both hold it, and not to a third that does not', async () => {
    const f = await makeFixture();
    const { circle: secret } = await createCircle();
    const [a, b, c] = [make(), make(), make()];
    const atB = collect(b, { ...f, circle: secret });
    link(a, b);
    const bc = link(b, c);
    const hidden = await sealRecord(f.alice, secret, 'point', pointPayload('members only'), Date.now());
    await a.publish(secret, hidden);
    await waitFor(() => atB.ids().includes(hidden.id), 'record at B, a member');
    await sleep(300);
    expect(bc.x.sent.some((t) => t.includes(hidden.id))).toBe(false);
  });
});
