/**
 * Linking two stores' phones (src/state/createPhoneLinks.ts) over a fake
 * WebRTC (tests/fixtures/fakePhoneLink.ts) and the real link adapter, with no
 * relay reachable: the pairing flow A offers → B answers → linked, records
 * then pass both ways; refusals keep the scanner going; codes expire and are
 * cancelled; a failed connection says so; a cut link is reported; the panic
 * wipe closes every link; records kept from before a reload are offered.
 * The page's link adapter is loaded on the first pairing (deferredLinkAdapter):
 * what a relay brought before still reaches the linked phone, and a link code
 * that cannot be loaded ends the pairing 'unsupported'.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { emptyDraft } from '../../../src/state';
import { createMemoryRecordStore } from '../../../src/platform/recordStore';
import { bridgeAdapters } from '../../../src/sync/bridgeAdapter';
import { deferredLinkAdapter } from '../../../src/sync/deferredLinkAdapter';
import { createLinkAdapter } from '../../../src/sync/linkAdapter';
import { createMemoryAdapter, createMemoryHub } from '../../../src/sync/memoryAdapter';
import { fakeLinkNet, type FakeLinkNet } from '../../fixtures/fakePhoneLink';
import { linkChannelPair } from '../../fixtures/linkChannelPair';
import { waitFor } from '../../fixtures/records';
import { makeDevice, makeWorld, type Device, type World } from '../../fixtures/vadaHarness';

const devices: Device[] = [];
afterEach(() => {
  for (const d of devices.splice(0)) d.dispose();
});

/** A phone with no relay reachable, on the fake link network; its relay adapter bridged with its links. */
async function phone(world: World, net: FakeLinkNet, records = createMemoryRecordStore()) {
  const hub = createMemoryHub();
  hub.setReachable(false);
  const adapter = createLinkAdapter({ clock: world.clock });
  const d = await makeDevice(world, {
    sync: bridgeAdapters(createMemoryAdapter(hub, { clock: world.clock }), adapter),
    records,
    links: { port: net.port(), adapter },
  });
  devices.push(d);
  await waitFor(() => d.store.ready(), 'records loaded');
  return Object.assign(d, { adapter });
}

const settled = () => new Promise((r) => setTimeout(r, 30));

async function pair(a: Device, b: Device): Promise<void> {
  a.store.links.start();
  await waitFor(() => a.store.links.flow().state === 'offering', 'A shows its code');
  const offer = a.store.links.flow();
  if (offer.state !== 'offering') throw new Error('no offer');
  b.store.links.join();
  b.store.links.offerScanned(offer.code);
  await waitFor(() => b.store.links.flow().state === 'answering', 'B shows its answer');
  const answer = b.store.links.flow();
  if (answer.state !== 'answering') throw new Error('no answer');
  a.store.links.scanAnswer();
  a.store.links.answerScanned(answer.code);
  await waitFor(() => a.store.links.flow().state === 'linked' && b.store.links.flow().state === 'linked', 'linked');
}

describe('linking nearby phones', () => {
  it('pairs two phones in two scans, counts the link, and passes points both ways with no relay', async () => {
    const world = await makeWorld();
    const net = fakeLinkNet(() => world.clock.now());
    const a = await phone(world, net);
    const b = await phone(world, net);
    expect(a.store.links.count()).toBe(0);
    await pair(a, b);
    await waitFor(() => a.store.links.count() === 1 && b.store.links.count() === 1, 'both count one link');
    expect(a.store.status().links).toBe(1);

    const p = await a.store.propose({ ...emptyDraft(53.9, 27.56), title: 'North steps' });
    if (!p.ok) throw new Error('propose failed');
    await waitFor(() => b.store.point(p.id) !== undefined, 'B sees A’s point');
    const q = await b.store.propose({ ...emptyDraft(53.9, 27.56), title: 'South gate' });
    if (!q.ok) throw new Error('propose failed');
    await waitFor(() => a.store.point(q.id) !== undefined, 'A sees B’s point');
  });

  it('shows the time left on the code and expires it, cancelling the offer', async () => {
    const world = await makeWorld();
    const net = fakeLinkNet(() => world.clock.now(), 120_000);
    const a = await phone(world, net);
    a.store.links.start();
    await waitFor(() => a.store.links.flow().state === 'offering', 'offering');
    expect(a.store.links.remainingMs()).toBe(120_000);
    a.store.links.scanAnswer();
    expect(a.store.links.flow().state).toBe('scanning');
    world.clock.advance(120_000);
    await waitFor(() => a.store.links.flow().state === 'expired', 'the code expires', 3000);
    expect(a.store.links.remainingMs()).toBeUndefined();
    expect(net.cancelled()).toBe(1);
  });

  it('refuses a points code, another text and a wrong code while scanning, and keeps scanning', async () => {
    const world = await makeWorld();
    const net = fakeLinkNet(() => world.clock.now());
    const a = await phone(world, net);
    const b = await phone(world, net);
    const c = await phone(world, net);
    a.store.links.start();
    await waitFor(() => a.store.links.flow().state === 'offering', 'offering');
    const offer = a.store.links.flow();
    if (offer.state !== 'offering') throw new Error('no offer');
    a.store.links.scanAnswer();
    a.store.links.answerScanned('VADA:ABCDEF');
    expect(a.store.links.refusal()).toBe('bundle');
    a.store.links.answerScanned('https://example.org/');
    expect(a.store.links.refusal()).toBe('not-link');
    // Its own offer instead of an answer.
    a.store.links.answerScanned(offer.code);
    await waitFor(() => a.store.links.refusal() === 'wrong-code', 'an offer is not an answer');
    expect(a.store.links.flow().state).toBe('scanning');

    // B scanning an answer code instead of an offer.
    c.store.links.start();
    await waitFor(() => c.store.links.flow().state === 'offering', 'C offers');
    const other = c.store.links.flow();
    if (other.state !== 'offering') throw new Error('no offer');
    b.store.links.join();
    b.store.links.offerScanned(other.code);
    await waitFor(() => b.store.links.flow().state === 'answering', 'B answers C');
    const answerForC = b.store.links.flow();
    if (answerForC.state !== 'answering') throw new Error('no answer');
    // A is handed the answer meant for C: another link's code.
    a.store.links.answerScanned(answerForC.code);
    await waitFor(() => a.store.links.refusal() === 'wrong-code', 'another link’s answer is refused');
    expect(a.store.links.flow().state).toBe('scanning');
    b.store.links.reset();
    b.store.links.join();
    b.store.links.offerScanned(answerForC.code);
    await waitFor(() => b.store.links.refusal() === 'wrong-code', 'an answer is not an offer');
    expect(b.store.links.flow().state).toBe('scanning-offer');
  });

  it('says a connection failed, and a fresh start works', async () => {
    const world = await makeWorld();
    const net = fakeLinkNet(() => world.clock.now());
    const a = await phone(world, net);
    const b = await phone(world, net);
    net.failNext();
    a.store.links.start();
    await waitFor(() => a.store.links.flow().state === 'offering', 'offering');
    const offer = a.store.links.flow();
    if (offer.state !== 'offering') throw new Error('no offer');
    b.store.links.join();
    b.store.links.offerScanned(offer.code);
    await waitFor(() => b.store.links.flow().state === 'answering', 'answering');
    const answer = b.store.links.flow();
    if (answer.state !== 'answering') throw new Error('no answer');
    a.store.links.scanAnswer();
    a.store.links.answerScanned(answer.code);
    await waitFor(() => a.store.links.flow().state === 'failed', 'A fails');
    expect(a.store.links.flow()).toEqual({ state: 'failed', reason: 'connect-failed' });
    await waitFor(() => b.store.links.flow().state === 'failed', 'B fails');
    a.store.links.reset();
    b.store.links.reset();
    await pair(a, b);
    expect(a.store.links.count()).toBe(1);
  });

  it('without WebRTC, linking ends unsupported', async () => {
    const world = await makeWorld();
    const d = await makeDevice(world);
    devices.push(d);
    d.store.links.start();
    await waitFor(() => d.store.links.flow().state === 'failed', 'failed');
    expect(d.store.links.flow()).toEqual({ state: 'failed', reason: 'unsupported' });
  });

  it('reset cancels a pending offer and a pending answer; open links stay', async () => {
    const world = await makeWorld();
    const net = fakeLinkNet(() => world.clock.now());
    const a = await phone(world, net);
    const b = await phone(world, net);
    await pair(a, b);
    a.store.links.start();
    await waitFor(() => a.store.links.flow().state === 'offering', 'offering');
    const offer = a.store.links.flow();
    if (offer.state !== 'offering') throw new Error('no offer');
    b.store.links.reset();
    b.store.links.join();
    b.store.links.offerScanned(offer.code);
    await waitFor(() => b.store.links.flow().state === 'answering', 'answering');
    a.store.links.reset();
    b.store.links.reset();
    expect(net.cancelled()).toBe(2);
    expect(a.store.links.flow().state).toBe('idle');
    await settled();
    expect(a.store.links.count()).toBe(1);
  });

  it('the panic wipe closes every link and cancels the pending code', async () => {
    const world = await makeWorld();
    const net = fakeLinkNet(() => world.clock.now());
    const a = await phone(world, net);
    const b = await phone(world, net);
    await pair(a, b);
    a.store.links.start();
    await waitFor(() => a.store.links.flow().state === 'offering', 'offering');
    a.store.links.wipe();
    expect(a.store.links.flow().state).toBe('idle');
    expect(net.cancelled()).toBe(1);
    await waitFor(() => a.store.links.count() === 0 && b.store.links.count() === 0, 'both see the link gone');
  });

  it('Disconnect all closes the links; a link the other phone closes is no longer counted', async () => {
    const world = await makeWorld();
    const net = fakeLinkNet(() => world.clock.now());
    const a = await phone(world, net);
    const b = await phone(world, net);
    const c = await phone(world, net);
    await pair(a, b);
    b.store.links.reset();
    a.store.links.reset();
    await pair(a, c);
    await waitFor(() => a.store.links.count() === 2, 'A has two links');
    c.store.links.disconnectAll();
    await waitFor(() => a.store.links.count() === 1 && c.store.links.count() === 0, 'C left');
    a.store.links.disconnectAll();
    await waitFor(() => a.store.links.count() === 0 && b.store.links.count() === 0, 'all gone');
  });

  it('reports a link cut for bad data, until dismissed', async () => {
    const world = await makeWorld();
    const net = fakeLinkNet(() => world.clock.now());
    const a = await phone(world, net);
    const [mine, theirs] = linkChannelPair();
    theirs.listen(
      () => {},
      () => {},
    );
    a.adapter.attach(mine);
    theirs.send('this is not a frame');
    await waitFor(() => a.store.links.lastCut() !== undefined, 'the cut is reported');
    a.store.links.dismissCut();
    expect(a.store.links.lastCut()).toBeUndefined();
  });

  it('offers records kept from before a reload to a newly linked phone', async () => {
    const world = await makeWorld();
    const net = fakeLinkNet(() => world.clock.now());
    const records = createMemoryRecordStore();
    const before = await phone(world, net, records);
    const p = await before.store.propose({ ...emptyDraft(53.9, 27.56), title: 'Kept' });
    if (!p.ok) throw new Error('propose failed');
    await waitFor(() => before.store.point(p.id) !== undefined, 'kept');
    devices.splice(devices.indexOf(before), 1);
    before.dispose();
    const after = await phone(world, net, records);
    const b = await phone(world, net);
    await waitFor(() => after.store.point(p.id) !== undefined, 'loaded after the reload');
    await pair(after, b);
    await waitFor(() => b.store.point(p.id) !== undefined, 'the linked phone gets the stored point');
  });

  it('loads the link code on the first pairing; what a relay brought before reaches the linked phone', async () => {
    const world = await makeWorld();
    const net = fakeLinkNet(() => world.clock.now());
    let loads = 0;
    const adapter = deferredLinkAdapter(async () => {
      loads++;
      return createLinkAdapter({ clock: world.clock });
    });
    // A reaches the relay (the world's hub), where someone published a point; B reaches none.
    const someone = await makeDevice(world);
    devices.push(someone);
    const p = await someone.store.propose({ ...emptyDraft(53.9, 27.56), title: 'From the relay' });
    if (!p.ok) throw new Error('propose failed');
    const a = await makeDevice(world, {
      sync: bridgeAdapters(createMemoryAdapter(world.hub, { clock: world.clock }), adapter),
      links: { port: net.port(), adapter },
    });
    devices.push(a);
    await waitFor(() => a.store.point(p.id) !== undefined, 'A has the relay’s point');
    const q = await a.store.propose({ ...emptyDraft(53.9, 27.56), title: 'A’s own' });
    if (!q.ok) throw new Error('propose failed');
    await settled();
    expect(loads).toBe(0);
    expect(a.store.links.count()).toBe(0);

    const b = await phone(world, net);
    await pair(a, b);
    expect(loads).toBe(1);
    await waitFor(() => b.store.point(p.id) !== undefined, 'B gets the point A had from the relay');
    await waitFor(() => b.store.point(q.id) !== undefined, 'B gets A’s own point published before the link');
    await waitFor(() => a.store.links.count() === 1, 'A counts the link');
    // The panic wipe still closes the link made through the stand-in.
    a.store.links.wipe();
    await waitFor(() => a.store.links.count() === 0 && b.store.links.count() === 0, 'the link is closed');
  });

  it('a link code that cannot be loaded ends the pairing unsupported, and a later try works', async () => {
    const world = await makeWorld();
    const net = fakeLinkNet(() => world.clock.now());
    let offline = true;
    const adapter = deferredLinkAdapter(async () => {
      if (offline) throw new Error('Failed to fetch dynamically imported module');
      return createLinkAdapter({ clock: world.clock });
    });
    const hub = createMemoryHub();
    hub.setReachable(false);
    const a = await makeDevice(world, {
      sync: bridgeAdapters(createMemoryAdapter(hub, { clock: world.clock }), adapter),
      links: { port: net.port(), adapter },
    });
    devices.push(a);
    a.store.links.start();
    await waitFor(() => a.store.links.flow().state === 'failed', 'failed');
    expect(a.store.links.flow()).toEqual({ state: 'failed', reason: 'unsupported' });
    offline = false;
    a.store.links.reset();
    const b = await phone(world, net);
    await pair(a, b);
    expect(a.store.links.count()).toBe(1);
  });
});
