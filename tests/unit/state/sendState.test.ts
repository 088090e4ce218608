/**
 * The store's view of the offline send queue: a point proposed with no relay
 * reachable is "unsent" and counted, another device gets it once the link is
 * back, and the proposer sees when it went out; the browser's network flag
 * is followed.
 */
import { afterEach, expect, it } from 'vitest';
import { emptyDraft } from '../../../src/state';
import type { NetworkSource } from '../../../src/platform/networkStatus';
import { createMemoryAdapter } from '../../../src/sync/memoryAdapter';
import { createMemoryOutbox } from '../../../src/sync/memoryOutbox';
import { waitFor } from '../../fixtures/records';
import { makeDevice, makeWorld, type Device } from '../../fixtures/vadaHarness';

const devices: Device[] = [];
afterEach(() => {
  for (const d of devices.splice(0)) d.dispose();
});
const track = (d: Device) => (devices.push(d), d);

it('shows a point proposed offline as not sent, then sent at the time a relay took it', async () => {
  const world = await makeWorld();
  const bob = track(await makeDevice(world));
  world.hub.setReachable(false);
  const alice = track(await makeDevice(world));
  const r = await alice.store.propose({ ...emptyDraft(53.9, 27.56), title: 'Offline square' });
  if (!r.ok) throw new Error('proposal refused');
  await waitFor(() => alice.store.sendState(r.id)?.state === 'unsent', 'unsent state');
  expect(alice.store.unsentCount()).toBe(1);
  expect(alice.store.status().connected).toBe(0);
  expect(alice.store.points().map((p) => p.title)).toEqual(['Offline square']);
  expect(bob.store.points()).toEqual([]);

  world.clock.advance(90_000);
  world.hub.setReachable(true);
  await waitFor(() => alice.store.sendState(r.id)?.state === 'sent', 'sent state');
  expect(alice.store.sendState(r.id)).toEqual({ state: 'sent', at: world.clock.now() });
  expect(alice.store.unsentCount()).toBe(0);
  await waitFor(() => bob.store.points().length === 1, 'bob receives it');
  expect(bob.store.sendState(r.id)).toBeUndefined();
});

it('restores "not sent yet" from the outbox after a reload', async () => {
  const world = await makeWorld();
  world.hub.setReachable(false);
  const outbox = createMemoryOutbox();
  const first = track(
    await makeDevice(world, { sync: createMemoryAdapter(world.hub, { clock: world.clock, outbox }) }),
  );
  const r = await first.store.propose({ ...emptyDraft(53.9, 27.56), title: 'Kept' });
  if (!r.ok) throw new Error('proposal refused');
  first.dispose();
  const again = track(
    await makeDevice(world, { sync: createMemoryAdapter(world.hub, { clock: world.clock, outbox }) }),
  );
  await waitFor(() => again.store.sendState(r.id)?.state === 'unsent', 'restored unsent state');
  expect(again.store.unsentCount()).toBe(1);
});

it('follows the browser network flag', async () => {
  let listener: (online: boolean) => void = () => {};
  const network: NetworkSource = { online: () => false, watch: (l) => ((listener = l), () => {}) };
  const world = await makeWorld();
  const d = track(await makeDevice(world, { network }));
  expect(d.store.online()).toBe(false);
  listener(true);
  expect(d.store.online()).toBe(true);
});
