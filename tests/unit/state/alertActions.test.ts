/** raiseAlert / addCoorganizer / propose with fallbacks: what reaches the hub, and the fallback reveal end to end. */
import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS, type RecordId, type VerifiedRecord } from '../../../src/domain';
import { openEnvelope, sealRecord } from '../../../src/protocol';
import { emptyDraft, type PointDraft } from '../../../src/state';
import { sleep, waitFor } from '../../fixtures/records';
import { makeWorld, type World } from '../../fixtures/vadaHarness';
import { alertDevice, type AlertDevice } from './alertHarness';

const devices: AlertDevice[] = [];
afterEach(() => {
  for (const d of devices.splice(0)) d.dispose();
});
const device = async (world: World) => {
  const d = await alertDevice(world);
  devices.push(d);
  await waitFor(() => d.store.ready(), 'records to load');
  return d;
};

const draft = (title: string, extra: Partial<PointDraft> = {}): PointDraft => ({
  ...emptyDraft(53.9045, 27.5615),
  title,
  ...extra,
});
const FALLBACKS = [
  { label: 'Park gate', lat: 53.91, lon: 27.57 },
  { label: 'Old bridge', lat: 53.8977, lon: 27.5491 },
];

/** Every record on the hub, opened as a receiver would. */
async function hubRecords(world: World): Promise<Map<string, VerifiedRecord>> {
  const out = new Map<string, VerifiedRecord>();
  for (const [id, e] of world.hub.entries(world.circle.id)) {
    const r = await openEnvelope(e.wire as string, world.circle, { now: world.clock.now() });
    if (r.ok) out.set(id, r.value);
  }
  return out;
}
const order = (world: World) => [...world.hub.entries(world.circle.id).keys()];

async function proposed(d: AlertDevice, title = 'Square', extra: Partial<PointDraft> = {}): Promise<RecordId> {
  const p = await d.store.propose(draft(title, extra));
  if (!p.ok) throw new Error(`propose failed: ${JSON.stringify(p.errors)}`);
  return p.id;
}

describe('raiseAlert', () => {
  it('publishes caution and all clear with nothing but point and kind', async () => {
    const world = await makeWorld();
    const org = await device(world);
    const id = await proposed(org);
    const c = await org.store.raiseAlert(id, { kind: 'caution' });
    const k = await org.store.raiseAlert(id, { kind: 'clear' });
    if (!c.ok || !k.ok) throw new Error('raise failed');
    const recs = await hubRecords(world);
    expect(recs.get(c.id)).toMatchObject({
      kind: 'alert',
      author: org.identity.publicKey,
      payload: { point: id, alert: 'caution' },
    });
    expect(recs.get(c.id)?.payload).toEqual({ point: id, alert: 'caution' });
    expect(recs.get(k.id)?.payload).toEqual({ point: id, alert: 'clear' });
  });

  it('refuses a disperse without a reason, and extras on caution, publishing nothing', async () => {
    const world = await makeWorld();
    const org = await device(world);
    const id = await proposed(org);
    expect(await org.store.raiseAlert(id, { kind: 'disperse' })).toEqual({ ok: false, errors: { reason: 'required' } });
    expect(await org.store.raiseAlert(id, { kind: 'caution', reason: 'police' })).toEqual({
      ok: false,
      errors: { form: 'invalid' },
    });
    expect(
      await org.store.raiseAlert(id, { kind: 'disperse', reason: 'police', reappear: { kind: 'existing', point: id } }),
    ).toEqual({
      ok: false,
      errors: { reappear: 'invalid' },
    });
    expect(world.hub.entries(world.circle.id).size).toBe(1);
    await expect(org.store.raiseAlert('x'.repeat(43) as RecordId, { kind: 'caution' })).rejects.toThrow(
      /no longer known/,
    );
  });

  it('lets anyone report; a disperse names an existing reappear point', async () => {
    const world = await makeWorld();
    const org = await device(world);
    const bob = await device(world);
    const a = await proposed(org, 'A');
    const b = await proposed(org, 'B');
    await waitFor(() => bob.store.points().length === 2, 'both points at bob');
    const r = await bob.store.raiseAlert(a, {
      kind: 'disperse',
      reason: 'kettling',
      reappear: { kind: 'existing', point: b },
    });
    if (!r.ok) throw new Error('raise failed');
    const rec = (await hubRecords(world)).get(r.id);
    expect(rec).toMatchObject({ author: bob.identity.publicKey });
    expect(rec?.payload).toEqual({ point: a, alert: 'disperse', reason: 'kettling', reappear: b });
    // A report never ends the point.
    await waitFor(
      () => org.store.point(a)?.alerts?.statuses[0]?.trust === 'unconfirmed',
      'the report at the organizer',
    );
    expect(org.store.point(a)?.state).toBe('active');
  });

  it('publishes a new reappear point before the disperse that names it', async () => {
    const world = await makeWorld();
    const org = await device(world);
    const bob = await device(world);
    const a = await proposed(org, 'A');
    world.clock.advance(60_000);
    const r = await org.store.raiseAlert(a, {
      kind: 'disperse',
      reason: 'police',
      reappear: { kind: 'new', draft: draft('Next', { lat: 53.92, lon: 27.58 }) },
    });
    if (!r.ok || !r.reappearId) throw new Error('raise failed');
    const recs = await hubRecords(world);
    expect(recs.get(r.reappearId)).toMatchObject({ kind: 'point', payload: { title: 'Next' } });
    expect(recs.get(r.id)?.payload).toEqual({ point: a, alert: 'disperse', reason: 'police', reappear: r.reappearId });
    expect(order(world).indexOf(r.reappearId)).toBeLessThan(order(world).indexOf(r.id));
    await waitFor(() => bob.store.point(a)?.state === 'dispersed', 'the dispersal at bob');
    expect(bob.store.point(a)).toMatchObject({ reappearAt: r.reappearId });
    expect(bob.store.point(r.reappearId)).toMatchObject({ title: 'Next', reappearFrom: a });
    // An invalid new point stops everything.
    const bad = await org.store.raiseAlert(a, {
      kind: 'disperse',
      reason: 'police',
      reappear: { kind: 'new', draft: draft('') },
    });
    expect(bad).toEqual({ ok: false, errors: { title: 'required' } });
  });

  it('keeps the legacy disperse action working', async () => {
    const world = await makeWorld();
    const org = await device(world);
    const id = await proposed(org);
    const d = await org.store.disperse(id);
    if (!d.ok) throw new Error('disperse failed');
    expect((await hubRecords(world)).get(d.id)).toMatchObject({ kind: 'disperse', payload: { point: id } });
    await waitFor(() => org.store.point(id)?.state === 'dispersed', 'dispersed');
  });
});

describe('fallback places', () => {
  it('seals them into the point, keeps keys locally before sending, and reveals only the one named', async () => {
    const world = await makeWorld();
    const org = await device(world);
    const fan = await device(world);
    const id = await proposed(org, 'Square', { fallbacks: FALLBACKS });
    // Kept on the organizer's device, readable back in order.
    expect(await org.store.myFallbacks(id)).toEqual(FALLBACKS);
    const row = await org.fallbacks.get(id);
    expect(row?.keys).toHaveLength(2);
    const point = (await hubRecords(world)).get(id);
    if (point?.kind !== 'point') throw new Error('no point on the hub');
    expect(point.payload.fallbacks).toHaveLength(2);
    // Nothing readable on the wire: neither labels nor keys.
    const wire = String(world.hub.entries(world.circle.id).get(id)?.wire);
    for (const s of ['Park gate', 'Old bridge', ...(row?.keys ?? [])]) expect(wire).not.toContain(s);
    expect(row?.expiresAt).toBe(point.payload.end + LIMITS.lingerMs);

    await waitFor(() => fan.store.point(id) !== undefined, 'the point at the follower');
    expect(fan.store.point(id)?.reappearPlace).toBeUndefined();
    expect(await fan.store.myFallbacks(id)).toEqual([]);
    world.clock.advance(60_000);
    const r = await org.store.raiseAlert(id, {
      kind: 'disperse',
      reason: 'police',
      reappear: { kind: 'fallback', index: 1 },
    });
    if (!r.ok) throw new Error('raise failed');
    expect((await hubRecords(world)).get(r.id)?.payload).toEqual({
      point: id,
      alert: 'disperse',
      reason: 'police',
      fallback: { i: 1, key: row?.keys[1] },
    });
    await waitFor(() => fan.store.point(id)?.reappearPlace !== undefined, 'the revealed place');
    const seen = fan.store.point(id);
    expect(seen?.state).toBe('dispersed');
    expect(seen?.reappearPlace).toEqual(FALLBACKS[1]);
    expect(seen?.alerts?.headline?.fallback).toEqual({ i: 1, place: FALLBACKS[1] });
    expect(JSON.stringify(seen)).not.toContain('Park gate');
  });

  it('refuses a fallback reveal from anyone but the organizer, or an index without a key', async () => {
    const world = await makeWorld();
    const org = await device(world);
    const bob = await device(world);
    const id = await proposed(org, 'Square', { fallbacks: FALLBACKS });
    await waitFor(() => bob.store.point(id) !== undefined, 'the point at bob');
    const choose = (index: number) =>
      ({ kind: 'disperse', reason: 'police', reappear: { kind: 'fallback', index } }) as const;
    expect(await bob.store.raiseAlert(id, choose(0))).toEqual({ ok: false, errors: { reappear: 'invalid' } });
    expect(await org.store.raiseAlert(id, choose(2))).toEqual({ ok: false, errors: { reappear: 'invalid' } });
    expect(world.hub.entries(world.circle.id).size).toBe(1);
  });

  it('reveals nothing when a non-organizer’s alert carries the real key', async () => {
    const world = await makeWorld();
    const org = await device(world);
    const mallory = await device(world);
    const fan = await device(world);
    const id = await proposed(org, 'Square', { fallbacks: FALLBACKS });
    const key = (await org.fallbacks.get(id))?.keys[0] as string;
    await waitFor(() => fan.store.point(id) !== undefined, 'the point at the follower');
    // Mallory learned the key somehow and signs the reveal herself (the app would refuse to; she uses the protocol).
    const forged = await sealRecord(
      mallory.identity,
      world.circle,
      'alert',
      { point: id, alert: 'disperse', reason: 'police', fallback: { i: 0, key } },
      world.clock.now(),
    );
    await mallory.sync.publish(world.circle, forged);
    await waitFor(() => fan.store.point(id)?.alerts !== undefined, 'the forged report at the follower');
    await sleep(60);
    const seen = fan.store.point(id);
    expect(seen?.state).toBe('active');
    expect(seen?.reappearPlace).toBeUndefined();
    expect(seen?.alerts?.statuses).toHaveLength(1);
    expect(seen?.alerts?.statuses[0]).toMatchObject({ trust: 'unconfirmed', reports: 1 });
    expect(seen?.alerts?.statuses[0]?.fallback).toBeUndefined();
    expect(JSON.stringify(seen)).not.toContain('Park gate');
  });
});

describe('addCoorganizer', () => {
  it('lets the named key’s disperse end the point as confirmed', async () => {
    const world = await makeWorld();
    const org = await device(world);
    const co = await device(world);
    const fan = await device(world);
    const id = await proposed(org);
    const named = await org.store.addCoorganizer(id, ` ${co.identity.publicKey} `);
    if (!named.ok) throw new Error('addCoorganizer failed');
    expect((await hubRecords(world)).get(named.id)).toMatchObject({
      kind: 'coorganizer',
      author: org.identity.publicKey,
      payload: { point: id, key: co.identity.publicKey },
    });
    await waitFor(() => co.store.point(id) !== undefined && fan.store.point(id) !== undefined, 'the point');
    world.clock.advance(60_000);
    const r = await co.store.raiseAlert(id, { kind: 'disperse', reason: 'violence' });
    if (!r.ok) throw new Error('raise failed');
    await waitFor(() => fan.store.point(id)?.state === 'dispersed', 'the co-organizer’s dispersal at the follower');
    expect(fan.store.point(id)?.alerts?.headline).toMatchObject({
      kind: 'disperse',
      trust: 'confirmed',
      by: co.identity.publicKey,
    });
  });

  it('refuses a malformed key, the organizer’s own key, and anyone but the author', async () => {
    const world = await makeWorld();
    const org = await device(world);
    const bob = await device(world);
    const id = await proposed(org);
    expect(await org.store.addCoorganizer(id, '')).toEqual({ ok: false, errors: { key: 'required' } });
    expect(await org.store.addCoorganizer(id, 'not a key')).toEqual({ ok: false, errors: { key: 'invalid' } });
    expect(await org.store.addCoorganizer(id, org.identity.publicKey)).toEqual({
      ok: false,
      errors: { key: 'invalid' },
    });
    await waitFor(() => bob.store.point(id) !== undefined, 'the point at bob');
    await expect(bob.store.addCoorganizer(id, org.identity.publicKey)).rejects.toThrow(/author/);
    expect(world.hub.entries(world.circle.id).size).toBe(1);
  });
});
