import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS, type RecordId } from '../../../src/domain';
import { createMemoryRecordStore } from '../../../src/platform/recordStore';
import { sealRecord } from '../../../src/protocol';
import { emptyDraft, type PointDraft } from '../../../src/state';
import { failingSync } from '../../fixtures/offlineSync';
import { waitFor } from '../../fixtures/records';
import { makeDevice, makeWorld, type Device } from '../../fixtures/vadaHarness';

const devices: Device[] = [];
afterEach(() => {
  for (const d of devices.splice(0)) d.dispose();
});
const track = (d: Device) => (devices.push(d), d);

const draft = (title: string, extra: Partial<PointDraft> = {}): PointDraft => ({
  ...emptyDraft(53.90451234, 27.56159876),
  title,
  ...extra,
});
const titles = (d: Device) => d.store.points().map((p) => `${p.title}:${p.state}`);

describe('createVadaStore', () => {
  it('publishes a valid proposal that another store on the hub sees, coordinates rounded', async () => {
    const world = await makeWorld();
    const alice = track(await makeDevice(world));
    const bob = track(await makeDevice(world));
    const r = await alice.store.propose(draft('Square'));
    expect(r.ok).toBe(true);
    await waitFor(() => bob.store.points().length === 1, 'bob to see the point');
    const seen = bob.store.points()[0];
    expect(seen).toMatchObject({
      title: 'Square',
      state: 'active',
      lat: 53.9045,
      lon: 27.5616,
      author: alice.identity.publicKey,
    });
    expect(bob.store.isMine(seen!)).toBe(false);
    expect(alice.store.isMine(alice.store.points()[0]!)).toBe(true);
  });

  it('refuses an invalid draft with field codes and publishes nothing', async () => {
    const world = await makeWorld();
    const alice = track(await makeDevice(world));
    const r = await alice.store.propose({ ...draft(''), note: 'x'.repeat(LIMITS.noteChars + 1), lat: undefined });
    expect(r).toEqual({ ok: false, errors: { title: 'required', note: 'tooLong', place: 'required' } });
    expect(world.hub.entries(world.circle.id).size).toBe(0);
  });

  it('disperses with a reappear point in one step: both states show on the other store', async () => {
    const world = await makeWorld();
    const alice = track(await makeDevice(world));
    const bob = track(await makeDevice(world));
    const p = await alice.store.propose(draft('First'));
    if (!p.ok) throw new Error('propose failed');
    await waitFor(() => bob.store.points().length === 1, 'the point at bob');
    world.clock.advance(60_000);
    const d = await alice.store.disperse(p.id, draft('Second', { lat: 53.91, lon: 27.57 }));
    if (!d.ok) throw new Error('disperse failed');
    await waitFor(() => bob.store.points().some((x) => x.state === 'dispersed'), 'the dispersal at bob');
    await waitFor(() => bob.store.points().length === 2, 'the reappear point at bob');
    const first = bob.store.point(p.id);
    const second = bob.store.point(d.reappearId as RecordId);
    expect(first).toMatchObject({ state: 'dispersed', reappearAt: d.reappearId });
    expect(second).toMatchObject({ title: 'Second', state: 'active', reappearFrom: p.id });
    // The reappear point was published before the record that names it.
    const order = [...world.hub.entries(world.circle.id).keys()];
    expect(order.indexOf(d.reappearId as string)).toBeLessThan(order.indexOf(d.id));
  });

  it('hides a point after end + linger as the clock moves, and prunes it from storage', async () => {
    const world = await makeWorld();
    const alice = track(await makeDevice(world));
    await alice.store.propose(draft('Short', { durationMin: 15 }));
    await waitFor(() => alice.store.points().length === 1, 'own point');
    expect(await alice.records.all()).toHaveLength(1);
    world.clock.advance(LIMITS.minDurationMs);
    alice.store.refresh();
    expect(titles(alice)).toEqual(['Short:ended']);
    world.clock.advance(LIMITS.lingerMs);
    alice.store.refresh();
    expect(titles(alice)).toEqual([]);
    expect(await alice.records.prune(world.clock.now())).toBe(1);
  });

  it('cancels only the author’s own points', async () => {
    const world = await makeWorld();
    const alice = track(await makeDevice(world));
    const bob = track(await makeDevice(world));
    const p = await alice.store.propose(draft('Mine'));
    if (!p.ok) throw new Error('propose failed');
    await waitFor(() => bob.store.points().length === 1, 'bob to see it');
    await expect(bob.store.cancel(p.id)).rejects.toThrow(/author/);
    await alice.store.cancel(p.id);
    await waitFor(() => bob.store.points()[0]?.state === 'cancelled', 'the cancel at bob');
  });

  it('surfaces a publish failure and shows nothing it could not send', async () => {
    const world = await makeWorld();
    const broken = failingSync('relay said no');
    const alice = track(await makeDevice(world, { sync: broken }));
    await expect(alice.store.propose(draft('Lost'))).rejects.toThrow('relay said no');
    expect(alice.store.points()).toEqual([]);
    expect(alice.store.status()).toEqual({ connected: 0, configured: 1 });
  });

  it('reloads persisted records after re-verifying them and drops tampered ones', async () => {
    const world = await makeWorld();
    const records = createMemoryRecordStore();
    const first = track(await makeDevice(world, { records }));
    await first.store.propose(draft('Kept'));
    const sealed = await sealRecord(
      first.identity,
      world.circle,
      'point',
      { title: 'Forged', note: '', lat: 1, lon: 1, start: world.clock.now(), end: world.clock.now() + 3_600_000 },
      world.clock.now(),
    );
    const tampered = sealed.wire.replace(/"t":\d+/, `"t":${world.clock.now() + 1}`);
    await records.put('x'.repeat(43), tampered, world.clock.now() + 3_600_000);
    await records.put('y'.repeat(43), 'not json', world.clock.now() + 3_600_000);
    first.dispose();

    // A new session on an empty hub: only storage can supply the point.
    const offline = await makeWorld(world.clock.now());
    const again = track(await makeDevice({ ...offline, circle: world.circle }, { records }));
    await waitFor(() => again.store.ready(), 'storage to load');
    expect(titles(again)).toEqual(['Kept:active']);
  });

  it('dedupes a record that arrives twice', async () => {
    const world = await makeWorld();
    const alice = track(await makeDevice(world));
    const p = await alice.store.propose(draft('Once'));
    if (!p.ok) throw new Error('propose failed');
    const wire = world.hub.entries(world.circle.id).get(p.id)?.wire;
    world.hub.inject(world.circle.id, p.id, wire);
    await new Promise((r) => setTimeout(r, 20));
    expect(titles(alice)).toEqual(['Once:active']);
  });
});
