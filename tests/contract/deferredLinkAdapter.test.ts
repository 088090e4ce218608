/**
 * The page's link adapter before its code is loaded (src/sync/deferredLinkAdapter.ts):
 * the whole SyncAdapter contract over phone links still holds when each phone
 * is a stand-in whose real adapter comes only when a link is attached; and
 * what is kept meanwhile (records offered, published and carried, subscriptions,
 * cut listeners) reaches the real adapter and the first link, while nothing is
 * loaded before a pairing or a link needs it. The contract's durable-outbox
 * cases load at once: before its load the stand-in keeps sends in memory, as
 * the page's link adapter does anyway. A load that fails closes the
 * link and is tried again.
 */
import { describe, expect, it } from 'vitest';
import type { VerifiedRecord } from '../../src/domain/records';
import { LINK_WIRE } from '../../src/protocol/linkWire';
import { deferredLinkAdapter, OFFERED_BEFORE_LOAD } from '../../src/sync/deferredLinkAdapter';
import { createLinkAdapter, type LinkAdapter, type LinkCutReason } from '../../src/sync/linkAdapter';
import { linkChannelPair } from '../fixtures/linkChannelPair';
import { linkedPhones } from '../fixtures/linkedPhones';
import { rawLinkPeer } from '../fixtures/rawLinkPeer';
import { makeFixture, sealPoint, sleep, waitFor } from '../fixtures/records';
import { runSyncAdapterContract } from './syncAdapterContract';

const later = <T>(value: T, ms = 5) => new Promise<T>((done) => setTimeout(() => done(value), ms));

runSyncAdapterContract('phone links, each phone loading its link code on its first link', () =>
  linkedPhones(async (opts) => {
    const phone = deferredLinkAdapter(() => later(createLinkAdapter(opts?.outbox ? { outbox: opts.outbox } : {})));
    // A durable outbox is read by the real adapter only: a phone given one loads at once (the page's
    // link outbox is in memory, so it has nothing to read before its first link).
    if (opts?.outbox) await phone.load();
    return phone;
  }),
);

/** A stand-in whose loads are counted; `fail` makes the next loads reject. */
function counted() {
  let loads = 0;
  let failing = false;
  const adapter = deferredLinkAdapter(async () => {
    loads++;
    if (failing) throw new Error('offline: the chunk is not cached');
    return later(createLinkAdapter());
  });
  return {
    adapter,
    loads: () => loads,
    fail: (on: boolean) => void (failing = on),
  };
}

/** Ids a subscriber heard. */
function heard(adapter: LinkAdapter, circle: Parameters<LinkAdapter['subscribe']>[0]): string[] {
  const ids: string[] = [];
  adapter.subscribe(circle, { onRecord: (r: VerifiedRecord) => void ids.push(r.id) });
  return ids;
}

describe('deferredLinkAdapter before its code is loaded', () => {
  it('loads nothing for subscriptions, listeners, offers, publishes and forwards, and reports no link', async () => {
    const f = await makeFixture();
    const c = counted();
    c.adapter.subscribe(f.circle, { onRecord: () => undefined });
    c.adapter.onStatus(() => undefined);
    c.adapter.onCut(() => undefined);
    c.adapter.onSend(() => undefined);
    const offered = await sealPoint(f, 'offered');
    c.adapter.offer({ id: offered.id, circle: f.circle.id, wire: offered.wire, created: offered.envelope.t });
    const mine = await sealPoint(f, 'mine');
    await c.adapter.publish(f.circle, mine);
    const carried = await sealPoint(f, 'carried', f.mallory);
    await c.adapter.forward({ id: carried.id, circle: f.circle.id, wire: carried.wire, created: carried.envelope.t });
    await sleep(20);
    expect(c.loads()).toBe(0);
    expect(c.adapter.status()).toEqual({ connected: 0, configured: 0 });
    expect(c.adapter.sendState(mine.id)).toEqual({ state: 'unsent' });
    expect(c.adapter.sendState(carried.id)).toEqual({ state: 'unsent', carried: true });
    expect(c.adapter.sendState(offered.id)).toBeUndefined();
    await c.adapter.close();
  });

  it('hands what it kept to the first link: offered, published and carried records, both ways', async () => {
    const f = await makeFixture();
    const c = counted();
    const here = heard(c.adapter, f.circle);
    const offered = await sealPoint(f, 'from a relay');
    c.adapter.offer({ id: offered.id, circle: f.circle.id, wire: offered.wire, created: offered.envelope.t });
    const mine = await sealPoint(f, 'mine');
    await c.adapter.publish(f.circle, mine);
    const carried = await sealPoint(f, 'carried', f.mallory);
    await c.adapter.forward({ id: carried.id, circle: f.circle.id, wire: carried.wire, created: carried.envelope.t });
    const sent: string[] = [];
    c.adapter.onSend((id, s) => s.state === 'sent' && sent.push(id));
    const statuses: number[] = [];
    c.adapter.onStatus((s) => statuses.push(s.connected));

    const other = createLinkAdapter();
    const there = heard(other, f.circle);
    const [a, b] = linkChannelPair();
    other.attach(a);
    await c.adapter.load();
    expect(c.loads()).toBe(1);
    c.adapter.attach(b);
    await waitFor(
      () => [offered.id, mine.id, carried.id].every((id) => there.includes(id)),
      'the linked phone has all three',
    );
    // Acknowledged by the linked phone: the outbox kept before the load is the real one's now.
    await waitFor(() => sent.includes(mine.id) && sent.includes(carried.id), 'both acknowledged');
    expect(statuses.at(-1)).toBe(1);
    expect(c.adapter.status().connected).toBe(1);

    const theirs = await sealPoint(f, 'theirs', f.mallory);
    await other.publish(f.circle, theirs);
    await waitFor(() => here.includes(theirs.id), 'a subscription made before the load hears the link');
    await c.adapter.close();
    await other.close();
  });

  it('loads on a channel attached before any load, holding its frames until then', async () => {
    const f = await makeFixture();
    const c = counted();
    const other = createLinkAdapter();
    const mine = await sealPoint(f, 'mine');
    await other.publish(f.circle, mine);
    const here = heard(c.adapter, f.circle);
    const [a, b] = linkChannelPair();
    other.attach(a);
    c.adapter.attach(b);
    expect(c.loads()).toBe(1);
    await waitFor(() => here.includes(mine.id), 'the record crossed the link');
    await c.adapter.close();
    await other.close();
  });

  it('tells cut listeners made before the load', async () => {
    const c = counted();
    const cuts: LinkCutReason[] = [];
    c.adapter.onCut((r) => cuts.push(r));
    await c.adapter.load();
    const raw = rawLinkPeer(c.adapter);
    raw.end.send('this is not a frame');
    await waitFor(() => cuts.length === 1, 'the cut is told');
    await c.adapter.close();
  });

  it('a failed load closes the waiting link and is tried again on the next use', async () => {
    const c = counted();
    c.fail(true);
    await expect(c.adapter.load()).rejects.toThrow(/offline/);
    const [a, b] = linkChannelPair();
    c.adapter.attach(b);
    await waitFor(() => a.closed(), 'the link is closed, not left hanging');
    c.fail(false);
    await c.adapter.load();
    expect(c.loads()).toBe(3);
    await c.adapter.close();
  });

  it('dropping a link before the load closes it and never attaches it', async () => {
    const c = counted();
    const [a, b] = linkChannelPair();
    const drop = c.adapter.attach(b);
    drop();
    await waitFor(() => a.closed(), 'closed');
    await c.adapter.load();
    expect(c.adapter.status().connected).toBe(0);
    await c.adapter.close();
  });

  it('closed before the load: refuses sends, and a load or a link afterwards', async () => {
    const f = await makeFixture();
    const c = counted();
    await c.adapter.close();
    await expect(c.adapter.publish(f.circle, await sealPoint(f, 'late'))).rejects.toThrow(/closed/);
    await expect(c.adapter.load()).rejects.toThrow(/closed/);
    const [a, b] = linkChannelPair();
    c.adapter.attach(b);
    await waitFor(() => a.closed(), 'the link is refused');
    expect(c.loads()).toBe(0);
  });

  it('keeps at most as many offered records as the real adapter holds', () => {
    expect(OFFERED_BEFORE_LOAD).toBe(LINK_WIRE.heldRecords);
  });
});
