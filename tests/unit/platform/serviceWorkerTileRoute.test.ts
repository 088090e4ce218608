/**
 * The worker's tile decision (service-worker/tileRoute.ts) in Node, with a
 * fake CacheStorage and fetch: with the trail kept, a browsed tile goes into
 * the browsed-tile cache; while an app PIN is set (trail off) it comes from
 * the network and nothing is stored, the page's "cache these tiles" message
 * fetches nothing, and saved-area tiles are still served from their cache.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TILE_CACHES } from '../../../src/domain/tileCaches';
import { createTileTrail } from '../../../src/platform/tileTrail';
import { FakeCacheStorage } from '../../fixtures/fakeCacheStorage';
import { fakeEvent, stubWorkerGlobals } from '../../fixtures/workerGlobals';

const TEMPLATE = 'http://127.0.0.1:4321/{z}/{x}/{y}.png';
const TILE = 'http://127.0.0.1:4321/13/4823/2765.png';
const SAVED = 'http://127.0.0.1:4321/12/2411/1382.png';

let caches: FakeCacheStorage;
let fetchFn: ReturnType<typeof vi.fn>;

beforeEach(async () => {
  vi.resetModules();
  caches = new FakeCacheStorage();
  await (await caches.open('vada-config-v1')).put('/vada-config.json', Response.json({ tileUrl: TEMPLATE }));
  await (await caches.open(TILE_CACHES.saved)).put(SAVED, new Response('saved tile', { status: 200 }));
  fetchFn = vi.fn(async () => new Response('network tile', { status: 200 }));
  stubWorkerGlobals(caches, fetchFn, 'http://127.0.0.1:8080');
});

afterEach(() => vi.unstubAllGlobals());

/** The route module, fresh, with a trail over the fake caches (no IndexedDB in Node). */
async function route(keep: boolean) {
  const mod = await import('../../../service-worker/tileRoute');
  mod.useTileTrail(createTileTrail({ caches }));
  await mod.setTileTrail(keep);
  return mod;
}

const browsedUrls = () => [...(caches.named.get(TILE_CACHES.browsed)?.entries.keys() ?? [])];

/** Resolves once the browsed-tile cache holds exactly `urls` (the write runs after the response). */
const browsedHolds = (urls: string[]) => vi.waitFor(() => expect(browsedUrls()).toEqual(urls), { timeout: 2000 });
/** Long enough for a write that would follow the response (it follows within a few ms). */
const aWhile = () => new Promise((r) => setTimeout(r, 100));
const show = (mod: { handleTile: typeof import('../../../service-worker/tileRoute').handleTile }, url: string) =>
  mod.handleTile({ request: new Request(url), event: fakeEvent(), url: new URL(url) });

describe('tile route and the app PIN', () => {
  it('without a PIN stores a browsed tile in the browsed-tile cache', async () => {
    const mod = await route(true);
    expect(await (await show(mod, TILE)).text()).toBe('network tile');
    expect(fetchFn).toHaveBeenCalledOnce();
    await browsedHolds([TILE]);
  });

  it('with a PIN fetches a browsed tile from the network and stores nothing', async () => {
    const mod = await route(false);
    expect(await (await show(mod, TILE)).text()).toBe('network tile');
    expect(fetchFn).toHaveBeenCalledOnce();
    await aWhile();
    expect(await caches.has(TILE_CACHES.browsed)).toBe(false);
  });

  it('with a PIN still serves a saved-area tile from its cache', async () => {
    const mod = await route(false);
    expect(await (await show(mod, SAVED)).text()).toBe('saved tile');
    expect(fetchFn).not.toHaveBeenCalled();
  });

  it('with a PIN ignores the page\'s "cache these tiles" message; without one it caches them', async () => {
    const off = await route(false);
    expect(await off.cacheTiles([TILE], fakeEvent())).toBe(0);
    expect(fetchFn).not.toHaveBeenCalled();
    await aWhile();
    expect(await caches.has(TILE_CACHES.browsed)).toBe(false);
    const on = await route(true);
    expect(await on.cacheTiles([TILE], fakeEvent())).toBe(1);
    await browsedHolds([TILE]);
  });

  it('setting a PIN deletes the browsed tiles already stored; removing it resumes storing', async () => {
    const mod = await route(true);
    await show(mod, TILE);
    await browsedHolds([TILE]);
    await mod.setTileTrail(false);
    expect(await caches.has(TILE_CACHES.browsed)).toBe(false);
    await show(mod, TILE);
    await aWhile();
    expect(await caches.has(TILE_CACHES.browsed)).toBe(false);
    await mod.setTileTrail(true);
    await show(mod, TILE);
    await browsedHolds([TILE]);
  });
});
