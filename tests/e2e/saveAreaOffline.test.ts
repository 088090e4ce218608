/**
 * Saved tiles work offline, end to end: save the current view's area a couple
 * of zoom levels deep, stop the tile server and go offline, reopen the app,
 * then zoom one level in, to a level that was saved but never browsed (so the
 * browsed-tile cache cannot hold it): those tiles must be decoded images,
 * served by the worker from the saved-area cache. The tile URL has a `{s}`
 * subdomain (`*.localhost` is loopback in Chromium): the map asks a, b and c,
 * the download saved every tile under `a` only.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TILE_CACHES } from '../../src/domain/tileCaches';
import { launchChromium } from '../fixtures/browser';
import { startCountingTileServer, type CountingTileServer } from '../fixtures/e2eTileServer';
import { eventually, openPeer, pageSaysOffline, WAIT_MS, type Peer } from '../fixtures/e2ePeer';
import { decodedTiles, waitForWorkerControl } from '../fixtures/e2eServiceWorker';
import { setOffline } from '../fixtures/offlineContext';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';

let tiles: CountingTileServer;
let relay: RelayProcess;
let browser: Browser;
let a: Peer;
/** The tile server behind a Leaflet `{s}` template: a/b/c.localhost, all loopback. */
let template: string;

beforeAll(async () => {
  tiles = await startCountingTileServer();
  template = tiles.template.replace('//127.0.0.1:', '//{s}.localhost:');
  [relay, browser] = await Promise.all([
    startRelayProcess({ app: true, env: { VADA_TILE_URL: template, VADA_TILES_BULK_MAX_ZOOM: '19' } }),
    launchChromium(),
  ]);
  a = await openPeer(browser, 'A', relay.url);
});

afterAll(async () => {
  await browser?.close();
  await relay?.kill();
  await tiles?.stop();
});

/** On-screen tiles of zoom `z` (by URL path): how many, how many are decoded images, from which hosts. */
function tilesAtZoom(page: Page, z: number): Promise<{ shown: number; decoded: number; hosts: string[] }> {
  return page.evaluate((zoom) => {
    const imgs = [...document.querySelectorAll<HTMLImageElement>('img.leaflet-tile')].filter((i) =>
      new URL(i.src).pathname.startsWith(`/${zoom}/`),
    );
    const hosts = [...new Set(imgs.map((i) => new URL(i.src).hostname))].sort();
    return { shown: imgs.length, decoded: imgs.filter((i) => i.complete && i.naturalWidth > 0).length, hosts };
  }, z);
}

/** Keys (URL paths) of a tile cache whose zoom is `z`. */
function cachedAtZoom(page: Page, cache: string, z: number): Promise<number> {
  return page.evaluate(
    async ([name, zoom]) =>
      (await (await caches.open(name)).keys()).filter((r) => new URL(r.url).pathname.startsWith(`/${zoom}/`)).length,
    [cache, z] as const,
  );
}

describe('saved area offline', () => {
  it('shows saved tiles of a never-browsed zoom level with no network', async () => {
    const page = a.page;
    await waitForWorkerControl(page);
    await eventually(
      async () => (await decodedTiles(page)).decoded > 0,
      'the map to show tiles',
      () => decodedTiles(page),
    );
    // The map's zoom, read off its tile URLs ({z}/{x}/{y}.png).
    const zoom = await page.evaluate(() =>
      Number(new URL(document.querySelector<HTMLImageElement>('img.leaflet-tile')?.src ?? '').pathname.split('/')[1]),
    );
    expect(zoom).toBeGreaterThanOrEqual(0);
    const deeper = zoom + 1;

    await page.getByTestId('settings-button').click();
    await page.getByTestId('settings-sheet').waitFor({ timeout: WAIT_MS });
    await page.getByTestId('area-depth').selectOption(String(zoom + 2));
    await page.getByTestId('save-area').click();
    await page.locator('[data-testid=saved-area][data-state=complete]').waitFor({ timeout: 60_000 });
    expect(await cachedAtZoom(page, TILE_CACHES.saved, deeper)).toBeGreaterThan(0);
    expect(
      await page.evaluate(
        async (name) =>
          (await (await caches.open(name)).keys()).every((r) => new URL(r.url).hostname === 'a.localhost'),
        TILE_CACHES.saved,
      ),
    ).toBe(true);
    // The download bypasses the worker's image route, and the map never showed this level.
    expect(await cachedAtZoom(page, TILE_CACHES.browsed, deeper)).toBe(0);

    await tiles.stop();
    const servedOnline = tiles.requests();
    await setOffline(a.context, true);
    await page.close();
    const offline = await a.open();
    await pageSaysOffline(offline);
    await eventually(
      async () => {
        const t = await decodedTiles(offline);
        return t.shown > 0 && t.decoded === t.shown;
      },
      'the reopened map to show decoded tiles',
      () => decodedTiles(offline),
    );

    await offline.locator('.leaflet-control-zoom-in').click();
    await eventually(
      async () => {
        const t = await tilesAtZoom(offline, deeper);
        return t.shown > 0 && t.decoded === t.shown;
      },
      `the never-browsed zoom ${deeper} to show decoded saved tiles`,
      () => tilesAtZoom(offline, deeper),
    );
    // Leaflet spreads tiles over a, b and c; all were saved under a alone.
    expect((await tilesAtZoom(offline, deeper)).hosts).toEqual(['a.localhost', 'b.localhost', 'c.localhost']);
    expect(await cachedAtZoom(offline, TILE_CACHES.browsed, deeper)).toBe(0);
    expect(tiles.requests()).toBe(servedOnline);
    expect(a.errors).toEqual([]);
  });
});
