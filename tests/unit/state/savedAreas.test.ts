/** Saved-areas slice (plan, save, cancel, resume, delete) and the storage slice's warning levels. */
import { createRoot } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { countTiles } from '../../../src/domain/tiles';
import { createMemorySavedAreaStore } from '../../../src/platform/savedAreaStore';
import { downloadTiles } from '../../../src/platform/tileDownloader';
import { createSavedAreas } from '../../../src/state/createSavedAreas';
import { createStorage } from '../../../src/state/createStorage';
import { fakeCache, fakeTileHost } from '../../fixtures/fakeTileCache';

const bounds = { south: 52.5, west: 13.38, north: 52.53, east: 13.42 };
const own = { tileUrl: 'https://tiles.example.org/{z}/{x}/{y}.png', bulkMaxZoom: 16 };
const settle = () => new Promise((r) => setTimeout(r, 0));

function setup(policy = own, delayMs = 1) {
  const host = fakeTileHost({ bytes: 10, delayMs });
  const c = fakeCache();
  const store = createMemorySavedAreaStore();
  let persistAsks = 0;
  const download: typeof downloadTiles = (o) =>
    downloadTiles({ ...o, fetchFn: host.fetchFn, openCache: async () => c.cache });
  const deleteArea = async (s: typeof store, id: string) => {
    await s.remove(id);
    return 0;
  };
  const slice = createRoot(() =>
    createSavedAreas({ store, policy, now: () => 1000, download, deleteArea, onFirstSave: () => persistAsks++ }),
  );
  return { slice, host, c, store, persistAsks: () => persistAsks };
}

describe('createSavedAreas', () => {
  it('plans with the policy: refused on OSM, count and estimate otherwise', () => {
    const osm = setup({ tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', bulkMaxZoom: 19 });
    expect(osm.slice.plan({ bounds, minZoom: 12, maxZoom: 14 }).decision).toEqual({ ok: false, reason: 'osm' });
    const p = setup().slice.plan({ bounds, minZoom: 12, maxZoom: 14 });
    expect(p.decision).toEqual({ ok: true, count: countTiles(bounds, 12, 14) });
    expect(p.estimateBytes).toBeGreaterThan(0);
  });

  it('does not start a refused download', async () => {
    const s = setup();
    await s.slice.save({ bounds, minZoom: 12, maxZoom: 17, name: 'deep' });
    expect(s.host.total()).toBe(0);
    expect(s.slice.areas()).toEqual([]);
  });

  it('saves, asks for persistence once, and records the size', async () => {
    const s = setup();
    await s.slice.save({ bounds, minZoom: 12, maxZoom: 14, name: 'centre' });
    const n = countTiles(bounds, 12, 14);
    expect(s.slice.areas()).toMatchObject([
      { name: 'centre', state: 'complete', tileCount: n, doneCount: n, bytes: 10 * n },
    ]);
    expect(s.persistAsks()).toBe(1);
    await s.slice.save({ bounds, minZoom: 13, maxZoom: 14, name: 'again' });
    expect(s.persistAsks()).toBe(1);
  });

  it('cancels to paused and resumes to complete without re-fetching', async () => {
    const s = setup(own, 5);
    const running = s.slice.save({ bounds, minZoom: 12, maxZoom: 15, name: 'x' });
    while ((s.slice.active()?.progress.done ?? 0) < 4) await settle();
    s.slice.cancel();
    await running;
    const [paused] = s.slice.areas();
    expect(paused?.state).toBe('paused');
    expect(s.slice.error()).toBeUndefined();
    const requestsBefore = s.host.total();
    const savedBefore = s.c.urls().length;
    await s.slice.resume(paused?.id ?? '');
    const total = countTiles(bounds, 12, 15);
    expect(s.slice.areas()[0]).toMatchObject({ state: 'complete', doneCount: total, bytes: 10 * total });
    // Only the tiles not saved before the cancel are requested again (the ones in flight were aborted).
    expect(savedBefore).toBeLessThan(total);
    expect(s.host.total() - requestsBefore).toBe(total - savedBefore);
    await s.slice.remove(paused?.id ?? '');
    expect(s.slice.areas()).toEqual([]);
  });
});

describe('createSavedAreas problems', () => {
  it('a progress report that comes after a cancel does not bring the download back: Resume is offered', async () => {
    const store = createMemorySavedAreaStore();
    let report: ((done: number) => void) | undefined;
    const download: typeof downloadTiles = (o) =>
      new Promise((_, reject) => {
        report = (done) => o.onProgress?.({ done, total: 10, bytes: done, fetched: done });
        report(1);
        o.signal.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')));
      });
    const slice = createRoot(() => createSavedAreas({ store, policy: own, now: () => 1000, download }));
    const saving = slice.save({ bounds, minZoom: 12, maxZoom: 14, name: 'late' });
    await settle();
    expect(slice.active()?.progress.done).toBe(1);
    slice.cancel();
    await saving;
    expect(slice.active()).toBeUndefined();
    report?.(2);
    expect(slice.active()).toBeUndefined();
    expect(slice.areas()).toMatchObject([{ name: 'late', state: 'paused' }]);
  });

  it('pauses with the reason when a tile fails, and refuses a resume the policy no longer allows', async () => {
    const store = createMemorySavedAreaStore();
    const c = fakeCache();
    const failing = fakeTileHost({ status: 500 });
    const slice = createRoot(() =>
      createSavedAreas({
        store,
        policy: own,
        now: () => 1,
        download: (o) => downloadTiles({ ...o, fetchFn: failing.fetchFn, openCache: async () => c.cache }),
      }),
    );
    await slice.save({ bounds, minZoom: 12, maxZoom: 13, name: 'f' });
    expect(slice.areas()).toMatchObject([{ state: 'paused' }]);
    expect(slice.error()).toMatchObject({
      kind: 'failed',
      detail: expect.stringMatching(/Tile request failed \(500\)/),
    });
    const osm = createRoot(() =>
      createSavedAreas({ store, policy: { tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png' }, now: () => 2 }),
    );
    await settle();
    await osm.resume(slice.areas()[0]?.id ?? '');
    expect(osm.error()).toEqual({ kind: 'refused', refusal: { ok: false, reason: 'osm' } });
    expect(osm.active()).toBeUndefined();
  });
});

describe('createStorage', () => {
  it('warns nearly full and full from the estimate, unknown without one', async () => {
    for (const [usage, level] of [
      [10, 'ok'],
      [85, 'nearlyFull'],
      [99, 'full'],
    ] as const) {
      const slice = createRoot(() =>
        createStorage({
          persist: async () => true,
          persisted: async () => false,
          estimate: async () => ({ usage, quota: 100 }),
        }),
      );
      await settle();
      expect(slice.level()).toBe(level);
      expect(slice.persisted()).toBe(false);
      await slice.requestPersistence();
      expect(slice.persisted()).toBe(true);
    }
    const none = createRoot(() =>
      createStorage({
        persist: async () => undefined,
        persisted: async () => undefined,
        estimate: async () => undefined,
      }),
    );
    await settle();
    expect(none.level()).toBe('unknown');
  });
});
