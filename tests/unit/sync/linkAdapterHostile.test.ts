/**
 * A hostile linked phone is just another untrusted peer: forged, oversized,
 * binary, non-JSON, badly shaped and flooding links are cut (with the reason),
 * while an honest link to the same phone keeps working; a peer that echoes
 * the phone's own circle list back proves no circle.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { bucketOf } from '../../../src/domain/bucket';
import type { RecordId } from '../../../src/domain/brand';
import { LIMITS } from '../../../src/domain/limits';
import { encodeEnvelope } from '../../../src/protocol/envelope';
import { openCircle } from '../../../src/protocol/circle';
import { recordIdOf } from '../../../src/protocol/recordId';
import { createLinkAdapter, type LinkAdapter, type LinkCutReason } from '../../../src/sync/linkAdapter';
import { collect } from '../../contract/syncAdapterContract';
import { linkChannelPair } from '../../fixtures/linkChannelPair';
import { rawLinkPeer, type RawLinkPeer } from '../../fixtures/rawLinkPeer';
import { makeFixture, sealPoint, sleep, waitFor } from '../../fixtures/records';

const adapters: LinkAdapter[] = [];
afterEach(async () => {
  await Promise.all(adapters.splice(0).map((a) => a.close()));
});

async function honestPair() {
  const f = await makeFixture();
  const [a, b] = [createLinkAdapter(), createLinkAdapter()];
  adapters.push(a, b);
  const [x, y] = linkChannelPair();
  a.attach(x);
  b.attach(y);
  const cuts: LinkCutReason[] = [];
  b.onCut((r) => cuts.push(r));
  const atB = collect(b, f);
  await waitFor(() => b.status().connected === 1, 'A–B linked');
  return { f, a, b, cuts, atB };
}

/** Checks B cut `raw` for `code`, and that A's next record still reaches B over the honest link. */
async function expectCutAndHonestLinkAlive(
  ctx: Awaited<ReturnType<typeof honestPair>>,
  raw: RawLinkPeer,
  code: string,
): Promise<void> {
  await waitFor(() => raw.closed(), `the ${code} link cut`);
  expect(ctx.cuts.map((c) => c.code)).toEqual([code]);
  await waitFor(() => ctx.b.status().connected === 1, 'only the honest link left');
  const s = await sealPoint(ctx.f, `after ${code}`);
  await ctx.a.publish(ctx.f.circle, s);
  await waitFor(() => ctx.atB.ids().includes(s.id), 'honest record at B after the cut');
}

describe('link adapter: hostile peers are cut, the honest link keeps working', () => {
  it('cuts a peer that sends a record under a forged id, and delivers nothing of it', async () => {
    const ctx = await honestPair();
    const raw = rawLinkPeer(ctx.b);
    await raw.handshake([ctx.f.circle]);
    const genuine = await sealPoint(ctx.f, 'misfiled', ctx.f.mallory);
    const forged = genuine.id.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) as RecordId;
    const rec = { id: forged, b: bucketOf(genuine.envelope.t), w: genuine.wire, h: 0 };
    raw.send({ t: 'rec', c: await raw.tokenFor(ctx.f.circle), r: [rec] });
    await expectCutAndHonestLinkAlive(ctx, raw, 'bad-id');
    expect(ctx.atB.rejections.map((r) => r.code)).toContain('bad-id');
    expect(ctx.atB.ids()).not.toContain(genuine.id);
  });

  it('cuts a peer that sends an envelope with another record’s signature (bad signature)', async () => {
    const ctx = await honestPair();
    const raw = rawLinkPeer(ctx.b);
    await raw.handshake([ctx.f.circle]);
    const s = await sealPoint(ctx.f, 'mallory', ctx.f.mallory);
    const alices = await sealPoint(ctx.f, 'alice');
    const envelope = { ...s.envelope, s: alices.envelope.s };
    const swapped = encodeEnvelope(envelope);
    const id = (await recordIdOf(envelope)) as RecordId;
    raw.send({
      t: 'rec',
      c: await raw.tokenFor(ctx.f.circle),
      r: [{ id, b: bucketOf(s.envelope.t), w: swapped, h: 0 }],
    });
    await expectCutAndHonestLinkAlive(ctx, raw, 'bad-signature');
  });

  it('drops an expired record without cutting (a clock matter), and answers `no`', async () => {
    const ctx = await honestPair();
    const raw = rawLinkPeer(ctx.b);
    await raw.handshake([ctx.f.circle]);
    const old = await sealPoint(ctx.f, 'old', ctx.f.alice, Date.now() - LIMITS.retentionMs - 60_000);
    raw.send({
      t: 'rec',
      c: await raw.tokenFor(ctx.f.circle),
      r: [{ id: old.id as RecordId, b: bucketOf(old.envelope.t), w: old.wire, h: 0 }],
    });
    await waitFor(() => raw.heard.some((m) => m.t === 'no'), 'the refusal');
    expect(raw.heard.find((m) => m.t === 'no')).toEqual({ t: 'no', id: old.id, code: 'expired' });
    expect(raw.closed()).toBe(false);
    expect(ctx.cuts).toEqual([]);
  });

  it('cuts a peer that sends a frame over the cap, before parsing it', async () => {
    const ctx = await honestPair();
    const raw = rawLinkPeer(ctx.b);
    await raw.handshake([ctx.f.circle]);
    // Fewer UTF-16 units than the cap, but over it in UTF-8 (Cyrillic: 2 bytes a letter).
    const pad = 'ж'.repeat(LIMITS.frameBytes / 2);
    raw.end.send(JSON.stringify({ t: 'ping', x: pad }));
    await expectCutAndHonestLinkAlive(ctx, raw, 'too-large');
  });

  it('cuts a peer that sends a binary frame', async () => {
    const ctx = await honestPair();
    const raw = rawLinkPeer(ctx.b);
    await raw.handshake([ctx.f.circle]);
    raw.end.sendData(new Uint8Array([123, 125]).buffer);
    await expectCutAndHonestLinkAlive(ctx, raw, 'not-text');
  });

  it('cuts a peer that sends text that is not JSON', async () => {
    const ctx = await honestPair();
    const raw = rawLinkPeer(ctx.b);
    await raw.handshake([ctx.f.circle]);
    raw.end.send('<img src=x onerror=alert(1)>');
    await expectCutAndHonestLinkAlive(ctx, raw, 'not-json');
  });

  it('cuts a peer that sends prototype keys or an unknown frame type', async () => {
    const ctx = await honestPair();
    const raw = rawLinkPeer(ctx.b);
    await raw.handshake([ctx.f.circle]);
    raw.end.send('{"t":"ping","__proto__":{"x":1}}');
    await expectCutAndHonestLinkAlive(ctx, raw, 'forbidden-key');
    const other = rawLinkPeer(ctx.b);
    await other.handshake([ctx.f.circle]);
    other.end.send('{"t":"opt","peers":["http://10.0.0.1"]}');
    await waitFor(() => other.closed(), 'unknown type cut');
    expect(ctx.cuts.map((c) => c.code)).toEqual(['forbidden-key', 'bad-shape']);
  });

  it('cuts a flooding peer (more frames than the burst) and only it', async () => {
    const ctx = await honestPair();
    const raw = rawLinkPeer(ctx.b);
    await raw.handshake([ctx.f.circle]);
    for (let i = 0; i < 400; i++) raw.send({ t: 'ping' });
    await expectCutAndHonestLinkAlive(ctx, raw, 'rate-limited');
  });

  it('sends a record once per link, however often a peer asks for it (no amplification)', async () => {
    const ctx = await honestPair();
    const s = await sealPoint(ctx.f, 'asked for again and again');
    await ctx.a.publish(ctx.f.circle, s);
    await waitFor(() => ctx.atB.ids().includes(s.id), 'B holds a record');
    const raw = rawLinkPeer(ctx.b);
    await raw.handshake([ctx.f.circle]);
    const c = await raw.tokenFor(ctx.f.circle);
    const sent = () =>
      raw.heard.flatMap((m) => (m.t === 'rec' ? m.r.map((r) => r.id) : [])).filter((id) => id === s.id);
    await waitFor(() => raw.heard.some((m) => m.t === 'have'), 'B offers what it holds');
    for (let i = 0; i < 20; i++) raw.send({ t: 'want', c, ids: [s.id as RecordId] });
    await waitFor(() => sent().length > 0, 'the record sent');
    await sleep(300);
    expect(sent()).toEqual([s.id]);
    expect(raw.closed()).toBe(false);
  });

  it('gives nothing to a peer that echoes the phone’s own circle list back', async () => {
    const ctx = await honestPair();
    const s = await sealPoint(ctx.f, 'held by B');
    await ctx.a.publish(ctx.f.circle, s);
    await waitFor(() => ctx.atB.ids().includes(s.id), 'B holds a record');
    const raw = rawLinkPeer(ctx.b);
    await waitFor(() => raw.peerNonce() !== undefined, 'B hello');
    raw.send({ t: 'hello', v: 1, n: raw.nonce });
    await waitFor(() => raw.heard.some((m) => m.t === 'circles'), 'B circles');
    const theirs = raw.heard.find((m) => m.t === 'circles');
    if (theirs?.t !== 'circles') throw new Error('no circles');
    raw.send({ t: 'circles', k: theirs.k });
    // Asking by B's own tokens: B never matched them as the peer's, so these name no shared circle.
    for (const c of theirs.k) raw.send({ t: 'want', c, ids: [s.id as RecordId] });
    await sleep(300);
    expect(raw.heard.filter((m) => m.t === 'rec' || m.t === 'have')).toEqual([]);
    expect(JSON.stringify(raw.heard)).not.toContain(s.id);
  });

  it('cuts a peer that sends anything before its hello, or a second hello', async () => {
    const ctx = await honestPair();
    const raw = rawLinkPeer(ctx.b);
    await waitFor(() => raw.peerNonce() !== undefined, 'B hello');
    raw.send({ t: 'want', c: 'A'.repeat(22), ids: ['A'.repeat(43) as RecordId] });
    await waitFor(() => raw.closed(), 'cut before hello');
    const again = rawLinkPeer(ctx.b);
    await again.handshake([await openCircle()]);
    again.send({ t: 'hello', v: 1, n: again.nonce });
    await waitFor(() => again.closed(), 'cut on a second hello');
    expect(ctx.cuts.map((c) => c.code)).toEqual(['bad-shape', 'bad-shape']);
  });
});
