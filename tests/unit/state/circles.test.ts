/**
 * Private circles end to end on one memory hub: members read, outsiders see
 * nothing, organizers confirm, re-key locks out the old key for new records,
 * leaving deletes, and the map filter narrows visiblePoints.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CircleId, RecordId, VerifiedRecord } from '../../../src/domain';
import type { Rejection } from '../../../src/domain/result';
import { createMemoryCircleStore, type CircleStore } from '../../../src/platform/circleStore';
import { generateIdentity, sealRecord, importCircleB64 } from '../../../src/protocol';
import { parseInvite } from '../../../src/domain/circleInvite';
import { emptyDraft, loadCircles, type PointDraft } from '../../../src/state';
import { createMemoryAdapter } from '../../../src/sync/memoryAdapter';
import { sleep, waitFor } from '../../fixtures/records';
import { makeDevice, makeWorld, type Device, type World } from '../../fixtures/vadaHarness';

const ORIGIN = 'https://vada.test';
const devices: Device[] = [];
afterEach(() => {
  for (const d of devices.splice(0)) d.dispose();
});

async function device(world: World, store: CircleStore = createMemoryCircleStore()) {
  const d = await makeDevice(world, { circles: { store, origin: ORIGIN } });
  devices.push(d);
  return d;
}
const draft = (title: string, circle?: CircleId): PointDraft => ({
  ...emptyDraft(53.9045, 27.5616),
  title,
  ...(circle ? { circle } : {}),
});
/** The key inside an invite link. */
function inviteKey(link: string | undefined): string {
  const r = parseInvite(link?.split('#join=')[1]);
  if (!r.ok) throw new Error('bad invite');
  return r.value.key;
}
const titles = (d: Device) =>
  d.store
    .points()
    .map((p) => p.title)
    .sort();

/** A circle made by `creator`, joined by each of `members` from its invite link. */
async function circleWith(creator: Device, members: Device[], name = 'Affinity') {
  const made = await creator.store.circles.create(name);
  if (!made.ok) throw new Error(`create failed: ${made.reason}`);
  const link = creator.store.circles.inviteLink(made.circle.id);
  if (!link) throw new Error('no invite link');
  for (const m of members) expect(await m.store.circles.join(link)).toMatchObject({ ok: true });
  return { id: made.circle.id, link };
}

describe('private circles', () => {
  it('lists the open circle first as public, then private circles', async () => {
    const world = await makeWorld();
    const alice = await device(world);
    await alice.store.circles.create('Zebra');
    await alice.store.circles.create('Apple');
    const list = alice.store.circles.list();
    expect(list.map((c) => [c.name, c.isPublic])).toEqual([
      ['Public (anyone can read)', true],
      ['Apple', false],
      ['Zebra', false],
    ]);
    expect(list[0]?.id).toBe(world.circle.id);
    expect(list[1]).toMatchObject({ creator: alice.identity.publicKey, amOrganizer: true });
    expect(alice.store.circles.inviteLink(world.circle.id)).toBeUndefined();
    expect(await alice.store.circles.create('two\nlines')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('a member sees the circle point; an outsider sees nothing and its receiver refuses the record as wrong-circle', async () => {
    const world = await makeWorld();
    const alice = await device(world);
    const bob = await device(world);
    const eve = await device(world);
    const { id } = await circleWith(alice, [bob]);
    const r = await alice.store.propose(draft('Secret square', id));
    if (!r.ok) throw new Error('propose failed');
    await waitFor(() => titles(bob).includes('Secret square'), 'bob to see the circle point');
    expect(bob.store.point(r.id)).toMatchObject({ circle: id, title: 'Secret square' });
    // The hub (a relay) holds only the random circle id and ciphertext.
    const entry = world.hub.entries(id).get(r.id);
    const wire = entry?.wire as string;
    expect(wire).toBeDefined();
    expect(wire).not.toContain('Secret');
    expect(world.hub.entries(world.circle.id).size).toBe(0);
    await sleep(50);
    expect(eve.store.points()).toEqual([]);
    // A hostile relay moving it into the open circle: the outsider's receiver refuses it.
    const rejections: Rejection[] = [];
    const got: VerifiedRecord[] = [];
    const probe = createMemoryAdapter(world.hub, { clock: world.clock });
    const off = probe.subscribe(world.circle, {
      onRecord: (rec) => got.push(rec),
      onReject: (e) => rejections.push(e),
    });
    world.hub.inject(world.circle.id, r.id, wire, entry?.bucket);
    await waitFor(() => rejections.length > 0, 'the refusal');
    expect(rejections.map((e) => e.code)).toEqual(['wrong-circle']);
    expect(got).toEqual([]);
    off();
    await probe.close();
    await sleep(50);
    expect(eve.store.points()).toEqual([]);
  });

  it('ignores an organizer record from a non-creator; the creator names one; a circle organizer confirms and ends a point', async () => {
    const world = await makeWorld();
    const alice = await device(world);
    const bob = await device(world);
    const carol = await device(world);
    const { id } = await circleWith(alice, [bob, carol]);
    // Bob is a member, not the creator: the store refuses, and a hand-sealed record is ignored by everyone.
    await expect(bob.store.circles.addOrganizer(id, carol.identity.publicKey)).rejects.toThrow(/creator/);
    const key = inviteKey(alice.store.circles.inviteLink(id));
    const bobsCopy = await importCircleB64(id, key);
    const forged = await sealRecord(
      bob.identity,
      bobsCopy,
      'organizer',
      { key: bob.identity.publicKey },
      world.clock.now(),
    );
    await bob.sync.publish(bobsCopy, forged);
    // The record is delivered and kept (it is valid), it just names nobody.
    await waitFor(
      () => [...alice.store.points()].length === 0 && world.hub.entries(id).has(forged.id),
      'the forged record on the hub',
    );
    await sleep(50);
    expect(alice.store.circles.get(id)?.organizers.has(bob.identity.publicKey)).toBe(false);
    expect(carol.store.circles.get(id)?.organizers.has(bob.identity.publicKey)).toBe(false);
    expect(bob.store.circles.get(id)?.amOrganizer).toBe(false);

    expect(await alice.store.circles.addOrganizer(id, '')).toEqual({ ok: false, errors: { key: 'required' } });
    expect(await alice.store.circles.addOrganizer(id, 'not a key')).toEqual({ ok: false, errors: { key: 'invalid' } });
    expect(await alice.store.circles.addOrganizer(id, carol.identity.publicKey)).toMatchObject({ ok: true });
    await waitFor(() => carol.store.circles.get(id)?.amOrganizer === true, 'carol to learn she organizes');
    await waitFor(
      () => bob.store.circles.get(id)?.organizers.has(carol.identity.publicKey) === true,
      'bob to learn it',
    );

    const p = await bob.store.propose(draft('March', id));
    if (!p.ok) throw new Error('propose failed');
    await waitFor(() => carol.store.point(p.id) !== undefined, 'carol to see the point');
    world.clock.advance(60_000);
    const a = await carol.store.raiseAlert(p.id, { kind: 'disperse', reason: 'police' });
    expect(a.ok).toBe(true);
    await waitFor(() => bob.store.point(p.id)?.state === 'dispersed', 'the point to end at bob');
    expect(bob.store.point(p.id)?.alerts?.headline).toMatchObject({
      kind: 'disperse',
      trust: 'confirmed',
      by: carol.identity.publicKey,
    });
    // The alert went to the point's own circle.
    expect(world.hub.entries(id).has(a.ok ? a.id : '')).toBe(true);
  });

  it('re-key: the old key reads nothing written after; a member of the new invite does; nothing goes to the old circle', async () => {
    const world = await makeWorld();
    const alice = await device(world);
    const bob = await device(world);
    const carol = await device(world);
    const { id: old } = await circleWith(alice, [bob]);
    alice.store.circles.setPublishTo(old);
    const before = await alice.store.propose(draft('Before'));
    if (!before.ok) throw new Error('propose failed');
    await waitFor(() => titles(bob).includes('Before'), 'bob to see the first point');
    const oldCount = world.hub.entries(old).size;

    const rk = await alice.store.circles.rekey(old);
    if (!rk.ok) throw new Error(`rekey failed: ${rk.reason}`);
    const next = rk.circle.id;
    expect(next).not.toBe(old);
    expect(rk.circle).toMatchObject({ name: 'Affinity', creator: alice.identity.publicKey, amOrganizer: true });
    expect(alice.store.circles.get(old)?.replacedBy).toBe(next);
    expect(alice.store.circles.publishTo()).toBe(next);
    expect(alice.store.circles.inviteLink(old)).toBeUndefined();
    expect(await bob.store.circles.rekey(old)).toEqual({ ok: false, reason: 'invalid' });
    const link = alice.store.circles.inviteLink(next);
    expect(link).toBeDefined();
    expect(await carol.store.circles.join(link!)).toMatchObject({ ok: true });

    const after = await alice.store.propose(draft('After'));
    if (!after.ok) throw new Error('propose failed');
    await waitFor(() => titles(carol).includes('After'), 'carol (new invite) to see the new point');
    await sleep(50);
    expect(titles(bob)).toEqual(['Before']);
    expect(world.hub.entries(old).size).toBe(oldCount);
    expect(world.hub.entries(next).has(after.id)).toBe(true);
    // Writing to a replaced circle is refused outright.
    await expect(alice.store.propose(draft('Old again', old))).rejects.toThrow(/replaced/);

    // Bob gets the new invite: he reads the new circle, and the old one is marked replaced on his device.
    expect(await bob.store.circles.join(link!)).toMatchObject({ ok: true });
    await waitFor(() => titles(bob).includes('After'), 'bob to see the new point');
    expect(bob.store.circles.get(old)?.replacedBy).toBe(next);
    expect(bob.store.circles.list().at(-1)?.id).toBe(old);
  });

  it('a re-key invite from someone who does not organize the old circle does not retire it', async () => {
    const world = await makeWorld();
    const alice = await device(world);
    const bob = await device(world);
    const mallory = await device(world);
    const { id: old } = await circleWith(alice, [bob, mallory]);
    // Mallory (a member, e.g. a seized phone) forges a "re-key" with her own circle.
    const made = await mallory.store.circles.create('Affinity');
    if (!made.ok) throw new Error('create failed');
    const forged = parseInvite(mallory.store.circles.inviteLink(made.circle.id)!.split('#join=')[1]);
    if (!forged.ok) throw new Error('bad invite');
    const { encodeInvite } = await import('../../../src/domain/circleInvite');
    expect(await bob.store.circles.join(`#join=${encodeInvite({ ...forged.value, replaces: old })}`)).toMatchObject({
      ok: true,
    });
    expect(bob.store.circles.get(old)?.replacedBy).toBeUndefined();
  });

  it('leave deletes the circle key and its records from the device', async () => {
    const world = await makeWorld();
    const alice = await device(world);
    const store = createMemoryCircleStore();
    const bob = await device(world, store);
    const { id, link } = await circleWith(alice, [bob]);
    await alice.store.propose(draft('Circle point', id));
    await alice.store.propose(draft('Public point'));
    await waitFor(() => bob.store.points().length === 2, 'bob to see both');
    for (let i = 0; i < 100 && (await bob.records.all()).length < 2; i++) await sleep(10);
    expect(await bob.records.all()).toHaveLength(2);
    bob.store.circles.setFilter(id);
    bob.store.circles.setPublishTo(id);
    expect((await store.all()).rows.map((r) => r.id)).toEqual([id]);

    await bob.store.circles.leave(id);
    await waitFor(() => bob.store.points().length === 1, 'the circle point to go');
    expect(titles(bob)).toEqual(['Public point']);
    expect(bob.store.circles.get(id)).toBeUndefined();
    expect(bob.store.circles.filter()).toBe('all');
    expect(bob.store.circles.publishTo()).toBe(world.circle.id);
    expect((await store.all()).rows).toEqual([]);
    expect(await bob.records.all()).toHaveLength(1);
    // New records of the left circle no longer arrive.
    await alice.store.propose(draft('Later', id));
    await sleep(50);
    expect(titles(bob)).toEqual(['Public point']);
    // The public circle cannot be left; an old link joins again.
    await bob.store.circles.leave(world.circle.id);
    expect(bob.store.circles.list()).toHaveLength(1);
    expect(await bob.store.circles.join(link)).toMatchObject({ ok: true });
    await waitFor(() => titles(bob).includes('Later'), 'rejoined history');
  });

  it('filter narrows visiblePoints; points() keeps every circle', async () => {
    const world = await makeWorld();
    const alice = await device(world);
    const { id } = await circleWith(alice, []);
    await alice.store.propose(draft('In circle', id));
    await alice.store.propose(draft('In public'));
    await waitFor(() => alice.store.points().length === 2, 'both points');
    const visible = () =>
      alice.store
        .visiblePoints()
        .map((p) => p.title)
        .sort();
    expect(visible()).toEqual(['In circle', 'In public']);
    alice.store.circles.setFilter(id);
    expect(visible()).toEqual(['In circle']);
    alice.store.circles.setFilter(world.circle.id);
    expect(visible()).toEqual(['In public']);
    expect(alice.store.points()).toHaveLength(2);
    alice.store.circles.setFilter('nonsense' as CircleId);
    expect(alice.store.circles.filter()).toBe('all');
    expect(visible()).toHaveLength(2);
  });

  it('keeps circles across a restart, and a pending invite waits for a yes', async () => {
    const world = await makeWorld();
    const store = createMemoryCircleStore();
    const alice = await device(world, store);
    const { id, link } = await circleWith(alice, []);
    const loaded = await loadCircles(store);
    expect(loaded.joined.map((j) => j.row.id)).toEqual([id]);
    const again = await makeDevice(world, { identity: alice.identity, circles: { store, joined: loaded.joined } });
    devices.push(again);
    expect(again.store.circles.get(id)).toMatchObject({ name: 'Affinity', amOrganizer: true });

    const invite = parseInvite(link.split('#join=')[1]);
    if (!invite.ok) throw new Error('bad invite');
    const bob = await makeDevice(world, { circles: { store: createMemoryCircleStore(), pendingInvite: invite.value } });
    devices.push(bob);
    expect(bob.store.circles.pendingInvite()?.name).toBe('Affinity');
    expect(bob.store.circles.get(id)).toBeUndefined();
    expect(await bob.store.circles.acceptInvite()).toMatchObject({
      ok: true,
      circle: { id, name: 'Affinity', isPublic: false },
    });
    expect(bob.store.circles.pendingInvite()).toBeUndefined();
    expect(await bob.store.circles.join(link)).toEqual({ ok: false, reason: 'already-member' });
    expect(await bob.store.circles.join('https://vada.test/#join=nope')).toEqual({
      ok: false,
      reason: 'invalid',
      problem: 'not-invite',
    });

    const carol = await makeDevice(world, {
      circles: { store: createMemoryCircleStore(), pendingInvite: invite.value },
    });
    devices.push(carol);
    carol.store.circles.declineInvite();
    expect(carol.store.circles.pendingInvite()).toBeUndefined();
    expect(carol.store.circles.list()).toHaveLength(1);
  });

  it('alerts and reappear points go to the point circle, never the default one', async () => {
    const world = await makeWorld();
    const alice = await device(world);
    const { id } = await circleWith(alice, []);
    const p = await alice.store.propose(draft('Here', id));
    if (!p.ok) throw new Error('propose failed');
    world.clock.advance(60_000);
    const d = await alice.store.disperse(p.id, draft('There'));
    if (!d.ok) throw new Error('disperse failed');
    expect(world.hub.entries(id).has(d.id)).toBe(true);
    expect(world.hub.entries(id).has(d.reappearId as RecordId)).toBe(true);
    expect(world.hub.entries(world.circle.id).size).toBe(0);
    const other = await generateIdentity();
    expect(other.publicKey).not.toBe(alice.identity.publicKey);
  });
});
