/**
 * The store's slices whose code loads on first use (deferredSavedAreas,
 * deferredMapPacks, deferredHandover, deferredPhoneLinks): a store is built,
 * its map packs listed and the bar's counts answered without the offline-maps
 * code, the pairing flow or the hand-over code; the first use loads each and
 * works as before; a chunk that cannot be fetched gives a typed refusal (an
 * import refused as unreadable, a pairing ended 'unsupported'), never a crash,
 * and the next try loads it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PackRecord } from '../../../src/platform/packStore';
import { createMemorySavedAreaStore } from '../../../src/platform/savedAreaStore';
import type { PhoneLinkPort } from '../../../src/state';
import { deferredLinkAdapter } from '../../../src/sync/deferredLinkAdapter';
import { createLinkAdapter } from '../../../src/sync/linkAdapter';
import { fakePackStore, packRecord } from '../../fixtures/fakePackStore';
import { sleep, waitFor } from '../../fixtures/records';
import { makeWorld, type Device } from '../../fixtures/vadaHarness';

const MODULES = {
  offlineMaps: '../../../src/state/offlineMapsModules',
  phoneLinks: '../../../src/state/createPhoneLinks',
  handover: '../../../src/state/handoverBundles',
} as const;

const devices: Device[] = [];
afterEach(() => {
  for (const d of devices.splice(0)) d.dispose();
  for (const path of Object.values(MODULES)) vi.doUnmock(path);
  vi.resetModules();
});

const relayPack = {
  url: 'https://relay.test/packs/minsk.pmtiles',
  name: 'Minsk',
  attribution: '© Relay',
  tileType: 'png' as const,
  minZoom: 8,
  maxZoom: 15,
  bounds: { west: 27.4, south: 53.8, east: 27.7, north: 54 },
  bytes: 9_000_000,
};
const bounds = { south: 53.9, west: 27.55, north: 53.91, east: 27.57 };
const policy = { tileUrl: 'https://t.example/{z}/{x}/{y}.png', bulkMaxZoom: 16 };
/** A WebRTC port whose offer never comes: the flow stays 'preparing' once it started. */
const slowPort: PhoneLinkPort = { offerLink: () => new Promise(() => {}), answerLink: () => new Promise(() => {}) };

/** Counts loads of each lazily loaded module; `offline` ones fail as a chunk fetch does offline. */
function watchModules(offline: Set<keyof typeof MODULES>) {
  const loads = { offlineMaps: 0, phoneLinks: 0, handover: 0 };
  for (const [name, path] of Object.entries(MODULES) as [keyof typeof MODULES, string][]) {
    vi.doMock(path, async (original) => {
      if (offline.has(name)) throw new TypeError('Failed to fetch dynamically imported module');
      loads[name]++;
      return original();
    });
  }
  return loads;
}

async function freshDevice(packs: PackRecord[] = []) {
  const { makeDevice } = await import('../../fixtures/vadaHarness');
  const world = await makeWorld();
  const packStore = fakePackStore(packs);
  const adapter = deferredLinkAdapter(async () => createLinkAdapter({ clock: world.clock }));
  const d = await makeDevice(world, {
    packs: { store: packStore, relayPacks: [relayPack] },
    tiles: { policy, store: createMemorySavedAreaStore() },
    links: { port: slowPort, adapter },
  });
  devices.push(d);
  await waitFor(() => d.store.ready(), 'records loaded');
  return { d, packStore };
}

describe('slices loaded on first use', () => {
  it('lists the packs on the map and answers the bar without loading any of their code', async () => {
    vi.resetModules();
    const loads = watchModules(new Set());
    const { d } = await freshDevice([packRecord('aaaaaaaa')]);
    await waitFor(() => d.store.mapPacks.onMap().length === 2, 'device and relay packs listed');
    expect(d.store.mapPacks.onMap().map((p) => p.where)).toEqual(['device', 'relay']);
    expect(d.store.links.count()).toBe(0);
    expect(d.store.links.flow()).toEqual({ state: 'idle' });
    expect(d.store.handover.carriedUnsent()).toBe(0);
    expect(d.store.handover.ready()).toBe(false);
    expect(d.store.savedAreas.areas()).toEqual([]);
    // The panic wipe's calls need none of it either.
    d.store.links.wipe();
    await sleep(20);
    expect(loads).toEqual({ offlineMaps: 0, phoneLinks: 0, handover: 0 });
  });

  it('the first use loads the code and works as before', async () => {
    vi.resetModules();
    const loads = watchModules(new Set());
    const { d, packStore } = await freshDevice();
    // Saving an area plans nothing before its code is here; the settings sheet waits for it.
    expect(d.store.savedAreas.plan({ bounds, minZoom: 12, maxZoom: 14 }).decision.ok).toBe(false);
    const importing = d.store.mapPacks.importFile(new Blob([new Uint8Array(4)]), 'city.pmtiles');
    await waitFor(() => packStore.imports.length === 1, 'the import reached the pack store');
    expect(loads.offlineMaps).toBe(1);
    expect(d.store.mapPacks.task()?.name).toBe('city.pmtiles');
    packStore.imports[0]?.finish(packRecord('bbbbbbbb'));
    expect((await importing)?.id).toBe('bbbbbbbb');
    expect(d.store.mapPacks.onMap().map((p) => p.id)).toContain('bbbbbbbb');
    expect(d.store.savedAreas.plan({ bounds, minZoom: 12, maxZoom: 14 }).decision.ok).toBe(true);
    d.store.links.start();
    await waitFor(() => d.store.links.flow().state === 'preparing', 'the pairing started');
    expect(loads.phoneLinks).toBe(1);
    await d.store.handover.load();
    expect(d.store.handover.ready()).toBe(true);
    expect(d.store.handover.scan('hello')).toEqual({ kind: 'unknown' });
    expect(loads.handover).toBe(1);
  });

  it('a chunk that cannot be fetched gives a typed refusal; the next try loads it', async () => {
    vi.resetModules();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const offline = new Set<keyof typeof MODULES>(['offlineMaps', 'phoneLinks']);
    watchModules(offline);
    const { d, packStore } = await freshDevice();
    expect(await d.store.mapPacks.importFile(new Blob([new Uint8Array(4)]), 'city.pmtiles')).toBeUndefined();
    expect(d.store.mapPacks.refusal()).toEqual({ name: 'city.pmtiles', code: 'read-failed' });
    await expect(d.store.savedAreas.remove('area-1')).rejects.toThrow(/not on this phone yet/);
    d.store.links.start();
    await waitFor(() => d.store.links.flow().state === 'failed', 'the pairing ended');
    expect(d.store.links.flow()).toEqual({ state: 'failed', reason: 'unsupported' });
    d.store.links.reset();
    expect(d.store.links.flow()).toEqual({ state: 'idle' });
    offline.clear();
    vi.resetModules();
    const importing = d.store.mapPacks.importFile(new Blob([new Uint8Array(4)]), 'city.pmtiles');
    await waitFor(() => packStore.imports.length === 1, 'the import reached the pack store');
    expect(d.store.mapPacks.refusal()).toBeUndefined();
    packStore.imports[0]?.finish(packRecord('cccccccc'));
    expect((await importing)?.id).toBe('cccccccc');
    d.store.links.start();
    await waitFor(() => d.store.links.flow().state === 'preparing', 'the pairing started');
    warn.mockRestore();
  });

  it('a panic wipe before the code came forgets the packs and refuses nothing after', async () => {
    vi.resetModules();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    watchModules(new Set(['offlineMaps']));
    const { d } = await freshDevice([packRecord('aaaaaaaa')]);
    await waitFor(() => d.store.mapPacks.packs().length === 1, 'the pack listed');
    d.store.mapPacks.forget();
    expect(d.store.mapPacks.packs()).toEqual([]);
    expect(await d.store.mapPacks.importFile(new Blob([new Uint8Array(4)]), 'late.pmtiles')).toBeUndefined();
    expect(d.store.mapPacks.refusal()).toBeUndefined();
    warn.mockRestore();
  });
});
