/**
 * Proposing with a header mined ahead (store.premine, and after each proposal
 * for the next): the published point carries the mining time as its created
 * time and opens like any record; a header older than PREMINED_MAX_AGE_MS is
 * not used (the point is created at the click); fallbacks are bound to the
 * header's time, so they still open after dispersal.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { VerifiedRecord } from '../../../src/domain';
import { openEnvelope } from '../../../src/protocol';
import { emptyDraft, type PointDraft } from '../../../src/state';
import { MINE_AFTER_PUBLISH_MS, PREMINED_MAX_AGE_MS } from '../../../src/state/createHeaderStock';
import { loadActionsCode } from '../../../src/state/deferredActions';
import { sleep, waitFor } from '../../fixtures/records';
import { makeDevice, makeWorld, type Device, type World } from '../../fixtures/vadaHarness';

const devices: Device[] = [];
afterEach(() => {
  for (const d of devices.splice(0)) d.dispose();
});
const device = async (world: World) => {
  const d = await makeDevice(world);
  devices.push(d);
  await waitFor(() => d.store.ready(), 'records to load');
  // The publishing code is a chunk of its own, here before the propose sheet opens (lazySheets.ts):
  // premine() then mines at once, as in the app, not whenever the chunk happens to arrive.
  await loadActionsCode();
  return d;
};
const draft = (title: string, extra: Partial<PointDraft> = {}): PointDraft => ({
  ...emptyDraft(53.9045, 27.5615),
  title,
  ...extra,
});

/** The record `id` on the hub, opened as a receiver at `now` would. */
async function onHub(world: World, id: string, now: number): Promise<VerifiedRecord> {
  const wire = world.hub.entries(world.circle.id).get(id)?.wire;
  if (typeof wire !== 'string') throw new Error(`${id} is not on the hub`);
  const r = await openEnvelope(wire, world.circle, { now, expectedId: id });
  if (!r.ok) throw new Error(`refused: ${r.error.code}`);
  return r.value;
}

async function propose(d: Device, title: string, extra: Partial<PointDraft> = {}) {
  const p = await d.store.propose(draft(title, extra));
  if (!p.ok) throw new Error(`propose failed: ${JSON.stringify(p.errors)}`);
  return p.id;
}

describe('proposing with a pre-mined header', () => {
  it('uses the header mined when premine() was called: created at that time, verified by receivers', async () => {
    const world = await makeWorld();
    const org = await device(world);
    const minedAt = world.clock.now();
    org.store.premine();
    await sleep(10);
    world.clock.advance(45_000);
    const id = await propose(org, 'Square');
    const r = await onHub(world, id, world.clock.now());
    expect(r).toMatchObject({ kind: 'point', created: minedAt, payload: { title: 'Square', start: minedAt + 45_000 } });
  });

  it('mines the next header a moment after a proposal, so a second point soon after is created at that time', async () => {
    const world = await makeWorld();
    const org = await device(world);
    world.clock.advance(5_000);
    const firstAt = world.clock.now();
    const first = await propose(org, 'First');
    // Not during the send and the page's update: MINE_AFTER_PUBLISH_MS later.
    await sleep(MINE_AFTER_PUBLISH_MS + 100);
    world.clock.advance(20_000);
    const second = await propose(org, 'Second');
    expect((await onHub(world, first, world.clock.now())).created).toBe(firstAt);
    expect((await onHub(world, second, world.clock.now())).created).toBe(firstAt);
  });

  it('does not use a header older than PREMINED_MAX_AGE_MS: the point is created at the click', async () => {
    const world = await makeWorld();
    const org = await device(world);
    org.store.premine();
    await sleep(10);
    world.clock.advance(PREMINED_MAX_AGE_MS + 1);
    const id = await propose(org, 'Late');
    expect((await onHub(world, id, world.clock.now())).created).toBe(world.clock.now());
  });

  it('binds sealed fallbacks to the pre-mined header’s time: they open after a dispersal', async () => {
    const world = await makeWorld();
    const org = await device(world);
    const viewer = await device(world);
    const minedAt = world.clock.now();
    org.store.premine();
    await sleep(10);
    world.clock.advance(30_000);
    const id = await propose(org, 'With places', {
      fallbacks: [{ label: 'Park gate', lat: 53.91, lon: 27.57 }],
    });
    expect((await onHub(world, id, world.clock.now())).created).toBe(minedAt);
    await waitFor(() => viewer.store.point(id) !== undefined, 'the point at the viewer');
    world.clock.advance(60_000);
    const r = await org.store.raiseAlert(id, {
      kind: 'disperse',
      reason: 'police',
      reappear: { kind: 'fallback', index: 0 },
    });
    expect(r.ok).toBe(true);
    await waitFor(() => viewer.store.point(id)?.reappearPlace !== undefined, 'the revealed place');
    expect(viewer.store.point(id)?.reappearPlace).toEqual({ label: 'Park gate', lat: 53.91, lon: 27.57 });
  });
});
