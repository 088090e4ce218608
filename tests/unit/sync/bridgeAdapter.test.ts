/**
 * The bridge between relays and nearby-phone links (src/sync/bridgeAdapter.ts):
 * phone B reaches a relay (a memory hub) and is linked to phone A, which
 * reaches none. What A's link brings reaches the relay once; what the relay
 * brings reaches A; a record arriving both ways is delivered once; closing
 * the bridge (a relay-list change) keeps the links.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryAdapter, createMemoryHub, type MemoryHub } from '../../../src/sync/memoryAdapter';
import { bridgeAdapters } from '../../../src/sync/bridgeAdapter';
import { createLinkAdapter, type LinkAdapter } from '../../../src/sync/linkAdapter';
import type { CarriedRecord, SyncAdapter, SyncStatus } from '../../../src/sync/SyncAdapter';
import type { VerifiedRecord } from '../../../src/domain/records';
import { linkChannelPair } from '../../fixtures/linkChannelPair';
import { makeFixture, sealPoint, waitFor, type Fixture } from '../../fixtures/records';

const toClose: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of toClose.splice(0).reverse()) await c();
});

/** A relay adapter on `hub` whose forward calls are counted. */
function countingRelay(hub: MemoryHub): { adapter: SyncAdapter; forwarded: string[] } {
  const inner = createMemoryAdapter(hub);
  const forwarded: string[] = [];
  const adapter: SyncAdapter = {
    ...inner,
    forward(record: CarriedRecord) {
      forwarded.push(record.id);
      return inner.forward(record);
    },
  };
  return { adapter, forwarded };
}

function linkAdapter(): LinkAdapter {
  const a = createLinkAdapter();
  toClose.push(() => a.close());
  return a;
}

/** Records a subscriber heard, by id, with how often. */
function heard(adapter: SyncAdapter, f: Fixture): Map<string, number> {
  const seen = new Map<string, number>();
  const off = adapter.subscribe(f.circle, {
    onRecord: (r: VerifiedRecord) => void seen.set(r.id, (seen.get(r.id) ?? 0) + 1),
  });
  toClose.push(off);
  return seen;
}

async function setup() {
  const f = await makeFixture();
  const hub = createMemoryHub();
  const relay = countingRelay(hub);
  const linksA = linkAdapter();
  const linksB = linkAdapter();
  const bridge = bridgeAdapters(relay.adapter, linksB);
  toClose.push(() => bridge.close());
  const atA = heard(linksA, f);
  const atB = heard(bridge, f);
  const [ca, cb] = linkChannelPair();
  linksA.attach(ca);
  linksB.attach(cb);
  await waitFor(() => linksA.status().connected === 1 && linksB.status().connected === 1, 'the link opens');
  return { f, hub, relay, linksA, linksB, bridge, atA, atB };
}

describe('bridgeAdapters', () => {
  it('carries a record from a linked phone to the relay once, and delivers it once', async () => {
    const { f, hub, relay, linksA, atB } = await setup();
    const sealed = await sealPoint(f, 'North steps');
    await linksA.publish(f.circle, sealed);
    await waitFor(() => hub.entries(f.circle.id).has(sealed.id), 'the relay has it');
    expect(atB.get(sealed.id)).toBe(1);
    // The same record offered again over the link changes nothing on the relay side.
    linksA.offer({ id: sealed.id, circle: f.circle.id, wire: sealed.wire, created: sealed.envelope.t });
    await new Promise((r) => setTimeout(r, 50));
    expect(relay.forwarded).toEqual([sealed.id]);
    expect(atB.get(sealed.id)).toBe(1);
  });

  it('passes what the relay delivers on to linked phones, and never carries it back to the relay', async () => {
    const { f, hub, relay, atA, atB } = await setup();
    const other = createMemoryAdapter(hub);
    toClose.push(() => other.close());
    const sealed = await sealPoint(f, 'South gate');
    await other.publish(f.circle, sealed);
    await waitFor(() => atA.has(sealed.id), 'the linked phone gets it');
    expect(atB.get(sealed.id)).toBe(1);
    expect(relay.forwarded).toEqual([]);
  });

  it('delivers a record that arrives from both sides once, and does not carry it to the relay that had it', async () => {
    const { f, hub, relay, linksA, atB } = await setup();
    const sealed = await sealPoint(f, 'Both ways');
    const other = createMemoryAdapter(hub);
    toClose.push(() => other.close());
    await other.publish(f.circle, sealed);
    await waitFor(() => atB.has(sealed.id), 'B hears it from the relay');
    await linksA.publish(f.circle, sealed);
    await new Promise((r) => setTimeout(r, 50));
    expect(atB.get(sealed.id)).toBe(1);
    expect(relay.forwarded).toEqual([]);
  });

  it('publishes to the relay and the links; send states are the relay’s', async () => {
    const { f, hub, bridge, atA } = await setup();
    const sealed = await sealPoint(f, 'Mine');
    await bridge.publish(f.circle, sealed);
    await waitFor(() => atA.has(sealed.id), 'the linked phone gets it');
    expect(hub.entries(f.circle.id).has(sealed.id)).toBe(true);
    expect(bridge.sendState(sealed.id)).toMatchObject({ state: 'sent' });
  });

  it('offers a stored record to the links only', async () => {
    const { f, hub, relay, bridge, atA } = await setup();
    const sealed = await sealPoint(f, 'From storage');
    bridge.offer?.({ id: sealed.id, circle: f.circle.id, wire: sealed.wire, created: sealed.envelope.t });
    await waitFor(() => atA.has(sealed.id), 'the linked phone gets it');
    expect(hub.entries(f.circle.id).has(sealed.id)).toBe(false);
    expect(relay.forwarded).toEqual([]);
  });

  it('counts the links in its status and tells when they change', async () => {
    const { bridge, linksB } = await setup();
    expect(bridge.status()).toMatchObject({ connected: 1, configured: 1, links: 1 });
    const told: SyncStatus[] = [];
    toClose.push(bridge.onStatus((s) => told.push(s)));
    const [cx, cy] = linkChannelPair();
    const other = linkAdapter();
    heard(other, await makeFixture());
    other.attach(cx);
    linksB.attach(cy);
    await waitFor(() => told.some((s) => s.links === 2), 'a second link is counted');
    cx.close();
    await waitFor(() => bridge.status().links === 1, 'a closed link is no longer counted');
  });

  it('closing it closes the relay side only: the links stay and a new bridge carries their records', async () => {
    const { f, hub, relay, linksA, linksB, bridge } = await setup();
    await bridge.close();
    expect(linksB.status().connected).toBe(1);
    const next = countingRelay(hub);
    const again = bridgeAdapters(next.adapter, linksB);
    toClose.push(() => again.close());
    heard(again, f);
    const sealed = await sealPoint(f, 'After the relay list changed');
    await linksA.publish(f.circle, sealed);
    await waitFor(() => hub.entries(f.circle.id).has(sealed.id), 'the relay has it');
    expect(next.forwarded).toEqual([sealed.id]);
    expect(relay.forwarded).toEqual([]);
  });
});
