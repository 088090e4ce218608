/** Downloader: polite concurrency, cancel then resume without re-fetching, opaque refused, byte sums, delete. */
import { describe, expect, it } from 'vitest';
import { tilesInBounds, savedTileUrl } from '../../../src/domain/tiles';
import { createMemorySavedAreaStore, deleteSavedArea, type SavedAreaRow } from '../../../src/platform/savedAreaStore';
import { downloadTiles, MAX_CONCURRENT_TILE_REQUESTS, type TileProgress } from '../../../src/platform/tileDownloader';
import { fakeCache, fakeTileHost } from '../../fixtures/fakeTileCache';

const TEMPLATE = 'https://tiles.example.org/{z}/{x}/{y}.png';
const bounds = { south: 52.5, west: 13.38, north: 52.53, east: 13.42 };
const tiles = [...tilesInBounds(bounds, 12, 15)];

describe('downloadTiles', () => {
  it('fetches every tile once, at most two at a time, summing bytes', async () => {
    const host = fakeTileHost({ bytes: 123 });
    const c = fakeCache();
    const seen: TileProgress[] = [];
    const end = await downloadTiles({
      template: TEMPLATE,
      tiles,
      signal: new AbortController().signal,
      fetchFn: host.fetchFn,
      openCache: async () => c.cache,
      onProgress: (p) => seen.push(p),
    });
    expect(end).toEqual({ done: tiles.length, total: tiles.length, bytes: 123 * tiles.length, fetched: tiles.length });
    expect(host.maxInFlight()).toBe(MAX_CONCURRENT_TILE_REQUESTS);
    expect([...host.requests.values()].every((n) => n === 1)).toBe(true);
    expect(c.urls().sort()).toEqual(tiles.map((t) => savedTileUrl(TEMPLATE, t)).sort());
    expect(seen.map((p) => p.done)).toEqual(tiles.map((_, i) => i + 1));
  });

  it('stops on cancel and a resume fetches only the tiles not yet saved', async () => {
    const host = fakeTileHost({ bytes: 50, delayMs: 5 });
    const c = fakeCache();
    const ctrl = new AbortController();
    const first = downloadTiles({
      template: TEMPLATE,
      tiles,
      signal: ctrl.signal,
      fetchFn: host.fetchFn,
      openCache: async () => c.cache,
      onProgress: (p) => p.done === 6 && ctrl.abort(),
    });
    await expect(first).rejects.toThrow(/abort/i);
    const saved = c.urls().length;
    expect(saved).toBeGreaterThanOrEqual(6);
    expect(saved).toBeLessThan(tiles.length);
    const before = host.total();
    const end = await downloadTiles({
      template: TEMPLATE,
      tiles,
      signal: new AbortController().signal,
      fetchFn: host.fetchFn,
      openCache: async () => c.cache,
    });
    expect(end.fetched).toBe(tiles.length - saved);
    expect(host.total() - before).toBe(tiles.length - saved);
    expect(end.bytes).toBe(50 * tiles.length);
    expect(c.urls().length).toBe(tiles.length);
  });

  it('after a cancel, settles only once the tile in flight landed, and reports nothing after', async () => {
    const host = fakeTileHost({ bytes: 50, delayMs: 1 });
    const c = fakeCache();
    // Storing a tile takes a while: the other request is still being stored when the cancel comes.
    const slowCache = {
      ...c.cache,
      put: async (r: RequestInfo | URL, res: Response) => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        return c.cache.put(r, res);
      },
    } as unknown as Cache;
    const ctrl = new AbortController();
    let ended = false;
    const late: number[] = [];
    const run = downloadTiles({
      template: TEMPLATE,
      tiles,
      signal: ctrl.signal,
      fetchFn: host.fetchFn,
      openCache: async () => slowCache,
      onProgress: (p) => {
        if (ended) late.push(p.done);
        if (p.done === 3) ctrl.abort();
      },
    });
    await expect(run.finally(() => (ended = true))).rejects.toThrow(/abort/i);
    const savedAtEnd = c.urls().length;
    await new Promise((r) => setTimeout(r, 60));
    expect(late).toEqual([]);
    // Nothing was still being stored once it settled.
    expect(c.urls().length).toBe(savedAtEnd);
  });

  it('stops the other request after a failed tile, and reports nothing after the failure', async () => {
    const c = fakeCache();
    let calls = 0;
    const fetchFn = (async () => {
      calls++;
      await new Promise((r) => setTimeout(r, calls === 4 ? 1 : 10));
      return new Response(new Uint8Array(10), { status: calls === 4 ? 500 : 200 });
    }) as unknown as typeof fetch;
    let ended = false;
    const late: number[] = [];
    const run = downloadTiles({
      template: TEMPLATE,
      tiles,
      signal: new AbortController().signal,
      fetchFn,
      openCache: async () => c.cache,
      onProgress: (p) => void (ended && late.push(p.done)),
    });
    await expect(run.finally(() => (ended = true))).rejects.toThrow(/Tile request failed \(500\)/);
    const requested = calls;
    await new Promise((r) => setTimeout(r, 40));
    expect(late).toEqual([]);
    expect(calls).toBe(requested);
    expect(calls).toBeLessThan(tiles.length);
  });

  it('refuses opaque and failed responses and stores nothing for them', async () => {
    for (const opts of [{ type: 'opaque' as const, status: 200 }, { status: 404 }]) {
      const c = fakeCache();
      const host = fakeTileHost(opts);
      await expect(
        downloadTiles({
          template: TEMPLATE,
          tiles: tiles.slice(0, 3),
          signal: new AbortController().signal,
          fetchFn: host.fetchFn,
          openCache: async () => c.cache,
        }),
      ).rejects.toThrow(/Tile request failed/);
      expect(c.urls()).toEqual([]);
    }
  });
});

describe('deleteSavedArea', () => {
  const row = (id: string, b: typeof bounds, createdAt: number): SavedAreaRow => ({
    id,
    name: id,
    bounds: b,
    minZoom: 14,
    maxZoom: 15,
    tileCount: 0,
    doneCount: 0,
    bytes: 0,
    createdAt,
    state: 'complete',
  });

  it('removes the row and only the tiles no other area uses', async () => {
    const store = createMemorySavedAreaStore();
    const a = row('a', bounds, 1);
    const b = row('b', { ...bounds, west: 13.41, east: 13.45 }, 2);
    await store.put(a);
    await store.put(b);
    const c = fakeCache();
    const host = fakeTileHost();
    for (const r of [a, b]) {
      await downloadTiles({
        template: TEMPLATE,
        tiles: [...tilesInBounds(r.bounds, 14, 15)],
        signal: new AbortController().signal,
        fetchFn: host.fetchFn,
        openCache: async () => c.cache,
      });
    }
    const urlsB = new Set([...tilesInBounds(b.bounds, 14, 15)].map((t) => savedTileUrl(TEMPLATE, t)));
    const onlyA = [...tilesInBounds(a.bounds, 14, 15)]
      .map((t) => savedTileUrl(TEMPLATE, t))
      .filter((u) => !urlsB.has(u));
    expect(onlyA.length).toBeGreaterThan(0);
    // The areas overlap: some of a's tiles are b's too and must survive.
    expect(onlyA.length).toBeLessThan([...tilesInBounds(a.bounds, 14, 15)].length);
    const removed = await deleteSavedArea(store, 'a', TEMPLATE, async () => c.cache);
    expect(removed).toBe(onlyA.length);
    expect(new Set(c.urls())).toEqual(urlsB);
    expect((await store.list()).map((r) => r.id)).toEqual(['b']);
  });
});
