/**
 * Clocks that disagree (issue 10), on the in-memory hub with a manual clock:
 * the hub tells its time like a relay, each device's clock is the true time
 * shifted by its skew, and the store corrects it. A sender 10 min fast dates
 * its records by network time; followers 10 min fast and 10 min slow both see
 * the point and get the dispersal's banner. Without any network time, a
 * dispersal that arrives after its linger still raises the banner.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CLOCK_SYNC, makeCorrectedClock, type Clock, type RecordId } from '../../../src/domain';
import { parseEnvelope } from '../../../src/protocol/envelope';
import { emptyDraft } from '../../../src/state';
import { createMemoryAdapter } from '../../../src/sync/memoryAdapter';
import { waitFor } from '../../fixtures/records';
import { makeWorld, type World } from '../../fixtures/vadaHarness';
import { alertDevice, type AlertDevice } from './alertHarness';

const MIN = 60_000;
const devices: AlertDevice[] = [];
afterEach(() => {
  for (const d of devices.splice(0)) d.dispose();
});

/** A device whose clock is `skewMs` off the true (hub) time; with `networkTime`, the hub tells its time. */
async function skewed(world: World, skewMs: number, networkTime = true): Promise<AlertDevice> {
  const phone: Clock = { now: () => world.clock.now() + skewMs };
  const clock = makeCorrectedClock(phone);
  const sync = createMemoryAdapter(world.hub, { clock, ...(networkTime ? { hubClock: world.clock } : {}) });
  const d = await alertDevice(world, { overrides: { clock, sync } });
  devices.push(d);
  await waitFor(() => d.store.ready(), 'records to load');
  return d;
}

async function propose(org: AlertDevice, title: string): Promise<RecordId> {
  const p = await org.store.propose({ ...emptyDraft(53.9, 27.56), title });
  if (!p.ok) throw new Error(`propose failed: ${JSON.stringify(p.errors)}`);
  return p.id;
}

describe('clocks that disagree, corrected by the hub’s time', () => {
  it('a sender 10 min fast dates its records by network time; followers ±10 min see the point and the dispersal’s banner', async () => {
    const world = await makeWorld();
    const org = await skewed(world, +10 * MIN);
    const fast = await skewed(world, +10 * MIN);
    const slow = await skewed(world, -10 * MIN);
    for (const [d, skew] of [
      [org, 10 * MIN],
      [fast, 10 * MIN],
      [slow, -10 * MIN],
    ] as const) {
      expect(d.store.networkTime.correction()).toBe(-skew);
      expect(d.store.networkTime.estimate()?.measuredMs).toBe(-skew);
    }

    const id = await propose(org, 'Square');
    // Own records carry the corrected time, not the phone's.
    const wire = world.hub.entries(world.circle.id).get(id)?.wire;
    expect(wire).toBeDefined();
    const env = parseEnvelope(wire!);
    if (!env.ok) throw new Error('unparsable wire');
    expect(Math.abs(env.value.t - world.clock.now())).toBeLessThan(1_000);
    expect(org.store.point(id)?.created).toBe(env.value.t);

    for (const f of [fast, slow]) {
      await waitFor(() => f.store.point(id)?.state === 'active', 'the point at a follower');
      f.store.follows.follow(id);
    }
    world.clock.advance(MIN);
    await org.store.raiseAlert(id, { kind: 'disperse', reason: 'police' });
    for (const f of [fast, slow]) {
      await waitFor(() => f.store.alerts.banners().length === 1, 'the dispersal banner');
      expect(f.store.alerts.banners()[0]?.status).toMatchObject({ point: id, kind: 'disperse', trust: 'confirmed' });
      expect(f.store.point(id)?.state).toBe('dispersed');
    }
  });

  it('a relay lying by hours moves the store’s clock by at most the bound', async () => {
    const world = await makeWorld();
    const liar: Clock = { now: () => world.clock.now() + 5 * 3_600_000 };
    const clock = makeCorrectedClock(world.clock);
    const d = await alertDevice(world, {
      overrides: { clock, sync: createMemoryAdapter(world.hub, { clock, hubClock: liar }) },
    });
    devices.push(d);
    expect(d.store.networkTime.estimate()?.capped).toBe(true);
    expect(d.store.networkTime.correction()).toBe(CLOCK_SYNC.maxCorrectionMs);
    expect(d.store.now() - world.clock.now()).toBeLessThanOrEqual(CLOCK_SYNC.maxCorrectionMs);
  });

  it('with no relay time, nothing is corrected', async () => {
    const world = await makeWorld();
    const d = await skewed(world, 10 * MIN, false);
    expect(d.store.networkTime.estimate()).toBeUndefined();
    expect(d.store.networkTime.correction()).toBe(0);
    expect(d.store.now()).toBe(world.clock.now() + 10 * MIN);
  });
});

describe('a dispersal that arrives after its linger', () => {
  it('still raises the banner for a followed point on a phone 10 min fast with no network time', async () => {
    const world = await makeWorld();
    const org = await skewed(world, 0, false);
    const fast = await skewed(world, 10 * MIN, false);
    const id = await propose(org, 'Bridge');
    await waitFor(() => fast.store.point(id) !== undefined, 'the point at the follower');
    fast.store.follows.follow(id);
    world.clock.advance(MIN);
    await org.store.raiseAlert(id, { kind: 'disperse', reason: 'kettling' });
    // On the fast phone the dispersal is already 10 min old: past its 2-minute linger, gone from the map...
    await waitFor(() => fast.store.alerts.banners().length === 1, 'the dispersal banner');
    expect(fast.store.point(id)).toBeUndefined();
    // ...but the banner says it, confirmed, with its reason.
    expect(fast.store.alerts.banners()[0]?.status).toMatchObject({
      point: id,
      kind: 'disperse',
      trust: 'confirmed',
      reasons: ['kettling'],
    });
    expect(fast.ports.vibrations).toHaveLength(1);
  });

  it('raises no banner for a point nobody here follows', async () => {
    const world = await makeWorld();
    const org = await skewed(world, 0, false);
    const fast = await skewed(world, 10 * MIN, false);
    const id = await propose(org, 'Bridge');
    await waitFor(() => fast.store.point(id) !== undefined, 'the point at the follower');
    world.clock.advance(MIN);
    await org.store.raiseAlert(id, { kind: 'disperse', reason: 'kettling' });
    await waitFor(() => fast.store.point(id) === undefined, 'the point gone at the fast phone');
    expect(fast.store.alerts.banners()).toEqual([]);
  });
});
