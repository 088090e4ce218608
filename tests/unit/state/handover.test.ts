/**
 * Hand-over between two stores that share no hub (no relay between them):
 * A shares a point and its dispersal as text / QR parts; B reads, previews,
 * merges, shows the same trust, and passes the records on once it reaches a
 * relay of its own. Bad bundles are refused by name and lose nothing valid.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordId } from '../../../src/domain';
import { fromB64url, toB64url, sealRecord, encodeEnvelope, parseEnvelope } from '../../../src/protocol';
import { packBundle } from '../../../src/protocol/bundle';
import { bundleToText } from '../../../src/protocol/bundleText';
import { generateIdentity } from '../../../src/protocol/identity';
import { emptyDraft } from '../../../src/state';
import { createMemoryHub } from '../../../src/sync/memoryAdapter';
import { waitFor } from '../../fixtures/records';
import { makeDevice, makeWorld, type Device, type World } from '../../fixtures/vadaHarness';

const devices: Device[] = [];
afterEach(() => {
  for (const d of devices.splice(0)) d.dispose();
});
async function device(world: World): Promise<Device> {
  const d = await makeDevice(world);
  devices.push(d);
  await waitFor(() => d.store.ready(), 'records loaded');
  // The bundle code is its own chunk, loaded on first use (src/state/handoverCode.ts).
  await d.store.handover.load();
  return d;
}
/** Another phone in the same moment and circle, on a network of its own (nothing reaches it from A's hub). */
const elsewhere = (world: World): World => ({ ...world, hub: createMemoryHub() });

async function pointWithDispersal(a: Device): Promise<{ point: RecordId; alert: RecordId }> {
  const p = await a.store.propose({ ...emptyDraft(53.9045, 27.5615), title: 'North steps' });
  if (!p.ok) throw new Error('propose failed');
  const d = await a.store.raiseAlert(p.id, { kind: 'disperse', reason: 'police' });
  if (!d.ok) throw new Error('disperse failed');
  return { point: p.id, alert: d.id };
}

describe('hand-over by text', () => {
  it('carries a point and its dispersal to a phone with no relay, with the same trust, and passes them on later', async () => {
    const world = await makeWorld();
    const a = await device(world);
    const ids = await pointWithDispersal(a);
    await waitFor(() => a.store.point(ids.point)?.state === 'dispersed', 'A sees the dispersal');
    const bundle = a.store.handover.share({ point: ids.point });
    expect(bundle).toMatchObject({ records: 2, points: 1, alerts: 1 });

    const there = elsewhere(world);
    there.hub.setReachable(false);
    const b = await device(there);
    expect(await b.store.handover.readText(`Meet up:\n${bundle?.text}\nsee you`)).toBe('preview');
    const preview = b.store.handover.preview();
    expect(preview?.fresh.map((f) => f.record.id).sort()).toEqual([ids.point, ids.alert].sort());
    expect(preview?.refused).toEqual([]);
    expect(b.store.point(ids.point)).toBeUndefined();

    expect(await b.store.handover.merge()).toBe(2);
    await waitFor(() => b.store.point(ids.point) !== undefined, 'B shows the point');
    const seen = b.store.point(ids.point);
    expect(seen?.state).toBe('dispersed');
    expect(seen?.alerts?.headline).toMatchObject({ kind: 'disperse', trust: 'confirmed' });
    expect(b.store.sendState(ids.point)).toEqual({ state: 'unsent', carried: true });
    expect(b.store.handover.carriedUnsent()).toBe(2);
    expect(b.store.unsentCount()).toBe(0);

    // B walks out of the dead zone: its relay gets both records once, and a third phone there sees them.
    const c = await device(there);
    there.hub.setReachable(true);
    await waitFor(() => b.store.sendState(ids.alert)?.state === 'sent', 'carried records passed on');
    expect(b.store.sendState(ids.point)).toMatchObject({ state: 'sent', carried: true });
    await waitFor(() => c.store.point(ids.point)?.state === 'dispersed', 'C sees what B carried');
    expect([...there.hub.entries(world.circle.id).keys()].sort()).toEqual([ids.point, ids.alert].sort());
  });

  it('says what this phone already has, and adds nothing twice', async () => {
    const world = await makeWorld();
    const a = await device(world);
    const b = await device(world);
    const ids = await pointWithDispersal(a);
    await waitFor(() => b.store.point(ids.point)?.state === 'dispersed', 'B got both from the hub');
    await b.store.handover.readText(a.store.handover.share({ point: ids.point })?.text ?? '');
    expect(b.store.handover.preview()).toMatchObject({ fresh: [], known: 2, refused: [] });
    expect(await b.store.handover.merge()).toBe(0);
    expect(b.store.sendState(ids.point)).toBeUndefined();
  });

  it('refuses a forged record by name and keeps the genuine one in the same bundle', async () => {
    const world = await makeWorld();
    const a = await device(world);
    const ids = await pointWithDispersal(a);
    expect(a.store.handover.share({ point: ids.point })?.records).toBe(2);
    // The dispersal's signature with one bit flipped: still well-formed, no longer the organizer's.
    const alertWire = [...world.hub.entries(world.circle.id).entries()].find(([id]) => id === ids.alert)?.[1]
      .wire as string;
    const pointWire = [...world.hub.entries(world.circle.id).entries()].find(([id]) => id === ids.point)?.[1]
      .wire as string;
    const e = parseEnvelope(alertWire);
    if (!e.ok) throw new Error('bad wire');
    const sig = fromB64url(e.value.s);
    sig[5] = (sig[5] ?? 0) ^ 1;
    const forged = encodeEnvelope({ ...e.value, s: toB64url(sig) });

    const b = await device(elsewhere(world));
    await b.store.handover.readText(bundleToText(packBundle([pointWire, forged])));
    const preview = b.store.handover.preview();
    expect(preview?.fresh.map((f) => f.record.id)).toEqual([ids.point]);
    expect(preview?.refused.map((r) => [r.index, r.code])).toEqual([[2, 'bad-signature']]);
    expect(await b.store.handover.merge()).toBe(1);
    await waitFor(() => b.store.point(ids.point)?.state === 'active', 'the genuine point, not dispersed');
  });

  it('refuses records of a circle this phone is not in, without reading them', async () => {
    const world = await makeWorld();
    const a = await device(world);
    const made = await a.store.circles.create('Affinity group');
    if (!made.ok) throw new Error('circle');
    const p = await a.store.propose({ ...emptyDraft(53.9, 27.56), title: 'Private place', circle: made.circle.id });
    if (!p.ok) throw new Error('propose');
    const b = await device(elsewhere(world));
    await b.store.handover.readText(a.store.handover.share({ point: p.id })?.text ?? '');
    expect(b.store.handover.preview()).toMatchObject({ fresh: [], refused: [{ index: 1, code: 'wrong-circle' }] });
  });

  it('turns a stranger’s flood into quota refusals: 20 points an hour per key at most', async () => {
    const world = await makeWorld();
    const flooder = await generateIdentity();
    const wires: string[] = [];
    for (let i = 0; i < 21; i++) {
      const s = await sealRecord(
        flooder,
        world.circle,
        'point',
        {
          title: `Point ${i}`,
          note: '',
          lat: 53.9,
          lon: 27.56,
          start: world.clock.now(),
          end: world.clock.now() + 3_600_000,
        },
        world.clock.now() + i,
      );
      wires.push(s.wire);
    }
    const b = await device(elsewhere(world));
    await b.store.handover.readText(bundleToText(packBundle(wires)));
    const preview = b.store.handover.preview();
    expect(preview?.fresh).toHaveLength(20);
    expect(preview?.refused.map((r) => [r.index, r.code])).toEqual([[21, 'over-quota']]);
  });

  it('says when a text holds no bundle, and offers to join when it holds an invite', async () => {
    const world = await makeWorld();
    const a = await device(world);
    const made = await a.store.circles.create('Neighbours');
    if (!made.ok) throw new Error('circle');
    const b = await device(elsewhere(world));
    expect(await b.store.handover.readText('see you at the square at 6')).toBe('nothing');
    expect(b.store.handover.preview()).toBeUndefined();
    const link = a.store.circles.inviteLink(made.circle.id) ?? '';
    expect(b.store.handover.scan(link)).toEqual({ kind: 'invite' });
    expect(b.store.circles.pendingInvite()?.name).toBe('Neighbours');
  });
});

describe('hand-over by QR codes', () => {
  it('collects a sequence in any order, with repeats, and previews once complete', async () => {
    const world = await makeWorld();
    const a = await device(world);
    const points: RecordId[] = [];
    for (let i = 0; i < 6; i++) {
      const p = await a.store.propose({
        ...emptyDraft(53.9 + i / 1000, 27.56),
        title: `Gathering point number ${i}`,
        note: 'Bring water and a charged phone.',
      });
      if (!p.ok) throw new Error('propose');
      points.push(p.id);
    }
    const bundle = a.store.handover.share({ circle: world.circle.id });
    const parts = bundle?.qrParts ?? [];
    expect(parts.length).toBeGreaterThan(1);
    const b = await device(elsewhere(world));
    const order = [...parts].reverse();
    const feedback = [order[0], order[0], ...order.slice(1)].map((p) => b.store.handover.scan(p as string));
    expect(feedback[0]).toEqual({ kind: 'part', have: 1, total: parts.length });
    expect(feedback[1]).toEqual({ kind: 'part', have: 1, total: parts.length });
    expect(feedback.at(-1)).toEqual({ kind: 'bundle' });
    await waitFor(() => b.store.handover.preview() !== undefined, 'preview ready');
    expect(
      b.store.handover
        .preview()
        ?.fresh.map((f) => f.record.id)
        .sort(),
    ).toEqual([...points].sort());
  });

  it('says when a scanned code is not from Vada', async () => {
    const world = await makeWorld();
    const b = await device(world);
    expect(b.store.handover.scan('https://example.org/menu')).toEqual({ kind: 'unknown' });
  });
});
