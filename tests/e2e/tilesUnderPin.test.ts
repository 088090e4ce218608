/**
 * Browsed map tiles under the app PIN (a real relay serving the built app,
 * a local tile server, Chromium): without a PIN the worker caches browsed
 * tiles (and Workbox's expiration database lists their URLs); once a PIN is
 * set, the map panned and zoomed after unlocking leaves no browsed-tile cache
 * entry and no `workbox-expiration` database, also on the lock screen after a
 * reload. The Save-area form then says saved areas stay readable when
 * locked. Removing the PIN resumes caching browsed tiles.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TILE_CACHES } from '../../src/domain/tileCaches';
import { launchChromium } from '../fixtures/browser';
import { eventually, openPeer, WAIT_MS, type Peer } from '../fixtures/e2ePeer';
import { decodedTiles, waitForTilesCached, waitForWorkerControl } from '../fixtures/e2eServiceWorker';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';
import { startTileServer, type TileServer } from '../fixtures/tileServer';

const PIN = '482916';

let tiles: TileServer;
let relay: RelayProcess;
let browser: Browser;
let a: Peer;

beforeAll(async () => {
  tiles = await startTileServer();
  [relay, browser] = await Promise.all([
    startRelayProcess({ app: true, env: { VADA_TILE_URL: tiles.template } }),
    launchChromium(),
  ]);
  a = await openPeer(browser, 'A', relay.url);
});

afterAll(async () => {
  await browser?.close();
  await relay?.kill();
  await tiles?.stop();
});

/** Every tile-server URL the page's storage still holds: browsed-tile cache entries and IndexedDB names. */
function trail(page: Page, tileOrigin: string) {
  return page.evaluate(
    async ({ browsed, saved, origin }) => {
      const names = await caches.keys();
      const browsedUrls = names.includes(browsed) ? (await (await caches.open(browsed)).keys()).map((r) => r.url) : [];
      // Any other cache but saved areas holding a tile URL would be a trail too.
      const elsewhere: string[] = [];
      for (const name of names.filter((n) => n !== browsed && n !== saved))
        for (const r of await (await caches.open(name)).keys()) if (r.url.startsWith(origin)) elsewhere.push(r.url);
      const databases = (await indexedDB.databases()).map((d) => d.name ?? '');
      return { caches: names, browsedUrls, elsewhere, databases };
    },
    { browsed: TILE_CACHES.browsed, saved: TILE_CACHES.saved, origin: tileOrigin },
  );
}

/** Drags the map twice, zooms in, then out twice. */
async function panAndZoom(page: Page): Promise<void> {
  const map = page.locator('.leaflet-container').first();
  const box = await map.boundingBox();
  if (!box) throw new Error('no map on screen');
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  for (const { dx, dy } of [
    { dx: 150, dy: 100 },
    { dx: -250, dy: 60 },
  ]) {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx + dx / 2, cy + dy / 2, { steps: 5 });
    await page.mouse.move(cx + dx, cy + dy, { steps: 5 });
    await page.mouse.up();
    await page.waitForTimeout(300);
  }
  await page.locator('.leaflet-control-zoom-in').first().click();
  await page.waitForTimeout(500);
  await page.locator('.leaflet-control-zoom-out').first().click();
  await page.locator('.leaflet-control-zoom-out').first().click();
}

/**
 * Pans and zooms the map, and waits until new tiles came from the tile server
 * and are shown. Starts on a settled map (after an unlock or a reload it is
 * built anew), and pans again if the gestures fetched too few tiles: on a
 * loaded machine a drag made while the map is still busy can move nothing.
 */
async function browse(page: Page): Promise<void> {
  const settled = async () => {
    const t = await decodedTiles(page);
    return t.shown > 0 && t.decoded === t.shown;
  };
  await eventually(settled, 'the map to show decoded tiles before browsing', () => decodedTiles(page));
  const before = tiles.requests();
  for (let round = 1; ; round++) {
    await panAndZoom(page);
    try {
      await eventually(
        async () => tiles.requests() > before + 8 && (await settled()),
        'new tiles fetched and shown while browsing',
        async () => ({ round, requests: tiles.requests() - before, tiles: await decodedTiles(page) }),
      );
      return;
    } catch (e) {
      if (round === 3) throw e;
    }
  }
}

async function openSettings(page: Page): Promise<void> {
  await page.getByTestId('settings-button').click();
  await page.getByTestId('settings-sheet').waitFor({ timeout: WAIT_MS });
}

async function unlock(page: Page): Promise<void> {
  await page.getByTestId('pin-lock').waitFor({ timeout: WAIT_MS });
  await page.getByTestId('pin-input').fill(PIN);
  await page.getByTestId('pin-unlock').click();
  await page.getByTestId('connection-status').waitFor({ timeout: 2 * WAIT_MS });
}

describe('browsed tiles under the app PIN', () => {
  it('keeps no browsed-tile trail while a PIN is set, says so for saved areas, and resumes once it is removed', async () => {
    const page = a.page;
    const tileOrigin = new URL(tiles.template.replace(/\{[a-z]\}/g, '0')).origin;

    // Without a PIN browsing leaves a trail: the baseline the PIN must remove.
    await waitForWorkerControl(page);
    await waitForTilesCached(page);
    await browse(page);
    await waitForTilesCached(page);
    const open = await trail(page, tileOrigin);
    expect(open.browsedUrls.length).toBeGreaterThan(0);
    expect(open.databases).toContain('workbox-expiration');

    // Set the PIN: the app erases its data and reloads into the lock screen.
    await openSettings(page);
    await page.getByTestId('pin-new').fill(PIN);
    await page.getByTestId('pin-confirm').fill(PIN);
    await page.getByTestId('pin-save').click();
    await page.getByTestId('pin-lock').waitFor({ timeout: 2 * WAIT_MS });
    // Told before the lock screen: the trail left from before the PIN is gone without unlocking.
    await eventually(
      async () => {
        const t = await trail(page, tileOrigin);
        return t.browsedUrls.length === 0 && !t.databases.includes('workbox-expiration');
      },
      'the trail from before the PIN to be deleted at the lock screen',
      () => trail(page, tileOrigin),
    );

    await unlock(page);
    await browse(page);
    // The tiles came from the network through the worker, which still controls the page.
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await page.waitForTimeout(1000);
    const browsing = await trail(page, tileOrigin);
    expect(browsing.browsedUrls).toEqual([]);
    expect(browsing.elsewhere).toEqual([]);
    expect(browsing.databases).not.toContain('workbox-expiration');

    // Saved areas are the user's choice: the form says they stay readable when locked.
    await openSettings(page);
    expect(await page.getByTestId('area-pin-note').textContent()).toMatch(
      /Saved map areas stay readable on this phone even while it is locked/,
    );

    // A seized, locked phone: reload to the lock screen and look at what is readable without the PIN.
    await page.reload({ waitUntil: 'load' });
    await page.getByTestId('pin-lock').waitFor({ timeout: WAIT_MS });
    const locked = await trail(page, tileOrigin);
    expect(locked.browsedUrls).toEqual([]);
    expect(locked.elsewhere).toEqual([]);
    expect(locked.databases).not.toContain('workbox-expiration');
    console.log(`locked phone: caches ${JSON.stringify(locked.caches)}, databases ${JSON.stringify(locked.databases)}`);

    // Removing the PIN (erase + reload without a lock): browsing is cached again.
    await unlock(page);
    await openSettings(page);
    await page.getByTestId('pin-remove').click();
    // Listening before the click: the erase can be quick enough for the reload to load while the click returns.
    await Promise.all([
      page.waitForEvent('load', { timeout: 2 * WAIT_MS }),
      page.getByTestId('pin-remove-confirm').click(),
    ]);
    await page.getByTestId('connection-status').waitFor({ timeout: 2 * WAIT_MS });
    expect(await page.getByTestId('pin-lock').count()).toBe(0);
    await browse(page);
    await waitForTilesCached(page);
    expect((await trail(page, tileOrigin)).browsedUrls.length).toBeGreaterThan(0);
    expect(a.errors).toEqual([]);
  });
});
