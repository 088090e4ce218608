/**
 * The pack step of the worker's tile route (service-worker/tileRoute.ts and
 * tilePacks.ts) in Node, with a fake CacheStorage, fetch and OPFS: a tile a
 * pack on this phone covers comes from the pack (never stored in a cache),
 * before a relay pack, before the saved area and the network; a hole in a
 * pack falls through; a changed or wiped pack list is read again; with an
 * app PIN packs still serve. The device pack is imported by the page's real
 * pack store into the fake OPFS, so the worker reads what the page wrote.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TILE_CACHES } from '../../../src/domain/tileCaches';
import { latToTileY, lonToTileX, savedTileUrl, type Tile } from '../../../src/domain/tiles';
import { openPackStore, type PackStore } from '../../../src/platform/packStore';
import { createTileTrail } from '../../../src/platform/tileTrail';
import { FakeCacheStorage } from '../../fixtures/fakeCacheStorage';
import { fakeEvent, stubWorkerGlobals } from '../../fixtures/workerGlobals';
import { FakeOpfsDirectory } from '../../fixtures/fakeOpfs';
import { pngTile, testPack } from '../../fixtures/testPacks';

const ORIGIN = 'http://127.0.0.1:8080';
const TEMPLATE = 'http://127.0.0.1:4321/{z}/{x}/{y}.png';
const MINSK = { west: 27.5, south: 53.85, east: 27.6, north: 53.95 };
const WIDER = { west: 27.3, south: 53.7, east: 27.8, north: 54.05 };
const at = (z: number, lat = 53.9, lon = 27.55): Tile => ({ z, x: lonToTileX(lon, z), y: latToTileY(lat, z) });
const urlOf = (t: Tile) => `http://127.0.0.1:4321/${t.z}/${t.x}/${t.y}.png`;

// The device pack lacks one tile (a hole): that tile must come from the next step.
const HOLE = at(13, 53.88, 27.52);
const device = testPack('device', MINSK, 10, 13, { omit: (t) => t.z === HOLE.z && t.x === HOLE.x && t.y === HOLE.y });
// The relay's pack is wider and deeper.
const relay = testPack('relay', WIDER, 10, 14);
const RELAY_PACK = {
  url: '/packs/wider.pmtiles',
  name: 'Wider',
  attribution: '© relay',
  tileType: 'png',
  minZoom: 10,
  maxZoom: 14,
  bounds: WIDER,
  bytes: relay.blob.size,
  etag: '"w1"',
};

let caches: FakeCacheStorage;
let root: FakeOpfsDirectory;
let fetchFn: ReturnType<typeof vi.fn<typeof fakeFetch>>;
let relayRanges: number;

/** The tile host answers 'network tile'; the relay answers range requests for its pack. */
async function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (url === `${ORIGIN}${RELAY_PACK.url}`) {
    relayRanges++;
    const [, a, b] = /bytes=(\d+)-(\d+)/.exec(new Headers(init?.headers).get('Range') ?? '') ?? [];
    const part = relay.blob.slice(Number(a), Number(b) + 1);
    return new Response(part, { status: 206, headers: { ETag: RELAY_PACK.etag } });
  }
  return new Response('network tile', { status: 200 });
}

beforeEach(async () => {
  vi.resetModules();
  caches = new FakeCacheStorage();
  root = new FakeOpfsDirectory();
  relayRanges = 0;
  fetchFn = vi.fn<typeof fakeFetch>(fakeFetch);
  stubWorkerGlobals(caches, fetchFn, ORIGIN);
});

afterEach(() => vi.unstubAllGlobals());

/** The page's pack store over the same fake OPFS. */
function pageStore(): PackStore {
  let n = 0;
  return openPackStore({
    root: async () => root,
    estimate: async () => undefined,
    fetch: () => Promise.reject(new Error('unused')),
    changed: async () => undefined,
    now: () => 1,
    newId: () => `devicepack${++n}`,
  });
}

/**
 * The worker's modules, fresh, with a config (tile URL, relay packs), the fake OPFS and a trail: by
 * default none (as with an app PIN), so no browsed-tile write outlives its test.
 */
async function worker(opts: { keep?: boolean; relayPacks?: unknown[] } = {}) {
  await (
    await caches.open('vada-config-v1')
  ).put('/vada-config.json', Response.json({ tileUrl: TEMPLATE, tilePacks: opts.relayPacks ?? [] }));
  const route = await import('../../../service-worker/tileRoute');
  const packs = await import('../../../service-worker/tilePacks');
  packs.usePackRoot(async () => root);
  route.useTileTrail(createTileTrail({ caches }));
  await route.setTileTrail(opts.keep ?? false);
  const show = async (t: Tile) => {
    const url = urlOf(t);
    const event = fakeEvent();
    const res = await route.handleTile({ request: new Request(url), event, url: new URL(url) });
    return { res, body: new Uint8Array(await res.arrayBuffer()) };
  };
  return { show, packs };
}

const text = (s: string) => new TextEncoder().encode(s);
const tileHostCalls = () =>
  fetchFn.mock.calls.filter(([u]) => (u instanceof Request ? u.url : String(u)).startsWith('http://127.0.0.1:4321/'))
    .length;

describe('the pack step of the tile route', () => {
  it('serves a tile a pack on this phone covers from the pack, uncached, without the network', async () => {
    const imported = await pageStore().importFile(device.blob, 'minsk.pmtiles', () => undefined).done;
    expect(imported.id).toBe('devicepack1');
    const { show } = await worker({ keep: true });
    const t = at(12);
    const { res, body } = await show(t);
    expect(body).toEqual(pngTile('device', t));
    expect(res.headers.get('Content-Type')).toBe('image/png');
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(tileHostCalls()).toBe(0);
    await new Promise((r) => setTimeout(r, 50));
    expect(await caches.has(TILE_CACHES.browsed)).toBe(false);
  });

  it('outside the pack (place or zoom) and in a hole of the pack, the next steps answer', async () => {
    await pageStore().importFile(device.blob, 'minsk.pmtiles', () => undefined).done;
    await (await caches.open(TILE_CACHES.saved)).put(savedTileUrl(TEMPLATE, HOLE), new Response('saved tile'));
    const { show } = await worker();
    expect((await show(HOLE)).body).toEqual(text('saved tile'));
    expect((await show(at(15))).body).toEqual(text('network tile'));
    expect((await show(at(12, 48.85, 2.35))).body).toEqual(text('network tile'));
    expect(tileHostCalls()).toBe(2);
  });

  it('prefers the pack on this phone to the relay pack, and uses the relay pack where only it covers', async () => {
    await pageStore().importFile(device.blob, 'minsk.pmtiles', () => undefined).done;
    const { show } = await worker({ relayPacks: [RELAY_PACK] });
    const inBoth = at(12);
    expect((await show(inBoth)).body).toEqual(pngTile('device', inBoth));
    expect(relayRanges).toBe(0);
    // Deeper than the device pack, and outside its box: the relay's.
    for (const t of [at(14), at(12, 54.0, 27.75)]) expect((await show(t)).body).toEqual(pngTile('relay', t));
    expect(relayRanges).toBeGreaterThan(0);
    // The hole in the device pack is filled by the relay pack before the network.
    expect((await show(HOLE)).body).toEqual(pngTile('relay', HOLE));
    expect(tileHostCalls()).toBe(0);
  });

  it('a relay pack out of reach falls through to the network, and is tried again for the next tile', async () => {
    const { show } = await worker({ relayPacks: [RELAY_PACK] });
    fetchFn.mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).startsWith(`${ORIGIN}/packs/`)) throw new TypeError('relay gone');
      return fakeFetch(input, init);
    });
    expect((await show(at(14))).body).toEqual(text('network tile'));
    fetchFn.mockImplementation(fakeFetch);
    expect((await show(at(14))).body).toEqual(pngTile('relay', at(14)));
  });

  it('after PACKS_CHANGED a deleted pack is no longer served; a new one is', async () => {
    const store = pageStore();
    const a = await store.importFile(device.blob, 'minsk.pmtiles', () => undefined).done;
    const { show, packs } = await worker();
    expect((await show(at(12))).body).toEqual(pngTile('device', at(12)));
    await store.remove(a.id);
    packs.forgetPacks();
    expect((await show(at(12))).body).toEqual(text('network tile'));
    await store.importFile(device.blob, 'again.pmtiles', () => undefined).done;
    packs.forgetPacks();
    expect((await show(at(12))).body).toEqual(pngTile('device', at(12)));
  });

  it('after a panic wipe no pack is read, not even one still open', async () => {
    await pageStore().importFile(device.blob, 'minsk.pmtiles', () => undefined).done;
    const { show, packs } = await worker({ relayPacks: [RELAY_PACK] });
    expect((await show(at(12))).body).toEqual(pngTile('device', at(12)));
    packs.stopServingPacks();
    expect((await show(at(12))).body).toEqual(text('network tile'));
    expect((await show(at(14))).body).toEqual(text('network tile'));
  });

  it('with an app PIN (no trail) packs still serve, and other tiles come from the network unstored', async () => {
    await pageStore().importFile(device.blob, 'minsk.pmtiles', () => undefined).done;
    const { show } = await worker({ keep: false });
    expect((await show(at(11))).body).toEqual(pngTile('device', at(11)));
    expect((await show(at(15))).body).toEqual(text('network tile'));
    await new Promise((r) => setTimeout(r, 50));
    expect(await caches.has(TILE_CACHES.browsed)).toBe(false);
  });

  it('a damaged pack file is skipped: the next step answers', async () => {
    const imported = await pageStore().importFile(device.blob, 'minsk.pmtiles', () => undefined).done;
    const dir = await root.getDirectoryHandle('vada-packs');
    (await dir.getFileHandle(`${imported.id}.pmtiles`)).content = new Blob(['garbage']);
    const { show } = await worker();
    expect((await show(at(12))).body).toEqual(text('network tile'));
  });
});
