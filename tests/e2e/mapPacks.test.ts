/**
 * Offline map packs (issue 14), end to end in real Chromium contexts against
 * the real relay:
 * - a saved area exported as a .pmtiles file reads back with the pmtiles
 *   library (every tile the tile host's bytes) and imports in another phone,
 *   where its tiles draw with no network;
 * - then, with the tile host stopped and the network off: a pack of a place
 *   the phone never browsed, imported through Settings › Offline maps, draws
 *   its own tiles (their pixels name the tile) at three zooms, and stays
 *   after a reload; deleting it leaves the map with no pack tiles; a file cut
 *   short, one whose header points outside it and a vector-tile pack are
 *   refused with their reason while a kept pack keeps drawing; the panic
 *   wipe leaves no pack in the Origin Private File System;
 * - a relay started with `--tiles-pack` gives a fresh phone the map, with the
 *   pack's attribution shown as text.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TILE_CACHES } from '../../src/domain/tileCaches';
import { viewBounds, type Bounds } from '../../src/domain/tiles';
import { DEFAULT_VIEW } from '../../src/state/createUiState';
import { describeFindings, axeViolations } from '../fixtures/axe';
import { launchChromium } from '../fixtures/browser';
import { closeSheet } from '../fixtures/e2eActions';
import {
  colourPack,
  drawnPackTiles,
  hostileCopies,
  opfsPackFiles,
  packTileColour,
  packTilesAtZoom,
  sameColour,
  type Rgb,
} from '../fixtures/e2ePacks';
import { eventually, openPeer, pageSaysOffline, WAIT_MS, type Peer } from '../fixtures/e2ePeer';
import { waitForWorkerControl } from '../fixtures/e2eServiceWorker';
import { countingTilePng, startCountingTileServer, type CountingTileServer } from '../fixtures/e2eTileServer';
import { setOffline } from '../fixtures/offlineContext';
import { libraryReader } from '../fixtures/packs';
import type { PackOnDisk } from '../fixtures/relayPacks';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';

/** A place the default view (Minsk) is far from: no context here ever browses it. */
const PLACE = { lat: 50.4501, lon: 30.5234, zoom: 13 };
const PACK_ZOOMS = [13, 14, 15] as const;
/** The phone's view at zoom 13 with a margin, so every zoom of PACK_ZOOMS is covered on screen. */
const PACK_BOUNDS: Bounds = viewBounds(PLACE.lat, PLACE.lon, PLACE.zoom, 360 * 1.6, 640 * 1.6);
const PACK_NAME = 'Kyiv centre';
/** HTML in the metadata: shown as plain text, never as markup. */
const PACK_ATTRIBUTION = '<a href="https://pack.example">&copy; Kyiv pack makers</a> &lt;b&gt;';
const ATTRIBUTION_TEXT = '© Kyiv pack makers <b>';

let tiles: CountingTileServer;
let relay: RelayProcess;
let browser: Browser;
let dir: string;
let pack: PackOnDisk;
const peers: Peer[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vada-packs-e2e-'));
  tiles = await startCountingTileServer();
  [relay, browser, pack] = await Promise.all([
    startRelayProcess({ app: true, env: { VADA_TILE_URL: tiles.template, VADA_TILES_BULK_MAX_ZOOM: '19' } }),
    launchChromium(),
    colourPack(dir, 'kyiv-centre.pmtiles', PACK_BOUNDS, PACK_ZOOMS[0], PACK_ZOOMS[2], {
      name: PACK_NAME,
      attribution: PACK_ATTRIBUTION,
    }),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await relay?.kill();
  await tiles?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function newPhone(name: string, base = relay.url, view = PLACE): Promise<Peer> {
  const peer = await openPeer(browser, name, base, { settings: { view } });
  peers.push(peer);
  return peer;
}

async function openOfflineMaps(page: Page): Promise<void> {
  if ((await page.getByTestId('offline-maps').count()) > 0) return;
  await closeSheet(page);
  await page.getByTestId('settings-button').click();
  await page.getByTestId('offline-maps').waitFor({ timeout: WAIT_MS });
}

/** Picks a pack file through the import button's file input. */
async function importFile(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  await openOfflineMaps(page);
  await page.getByTestId('pack-file-input').setInputFiles({
    name,
    mimeType: 'application/vnd.pmtiles',
    buffer: Buffer.from(bytes),
  });
}

const packRows = (page: Page) => page.getByTestId('pack-row');

/** Waits until pack tiles of zoom `z` are drawn (at least `min`) and every one shows its own colour. */
async function waitForPackTiles(page: Page, z: number, min = 2): Promise<void> {
  await eventually(
    async () => {
      const t = await packTilesAtZoom(page, z);
      return t.drawn >= min && t.wrong.length === 0;
    },
    `pack tiles of zoom ${z} drawn in their own colours`,
    () => packTilesAtZoom(page, z),
  );
}

/** Waits until pack tiles (at least 2, any zoom) are drawn, every one in its own colour. */
async function waitForSomePackTiles(page: Page): Promise<void> {
  await eventually(
    async () => {
      const drawn = await drawnPackTiles(page);
      return drawn.length >= 2 && drawn.every((t) => sameColour(t.rgb, packTileColour(t)));
    },
    'pack tiles drawn in their own colours',
    () => drawnPackTiles(page),
  );
}

/** Zooms in one level with the map's button, once the last zoom's animation is over (Leaflet drops a zoom asked during one). */
async function zoomIn(page: Page): Promise<void> {
  await page.locator('.leaflet-container:not(.leaflet-zoom-anim)').waitFor({ timeout: WAIT_MS });
  await page.waitForTimeout(300);
  await page.locator('.leaflet-control-zoom-in').click();
}

/** Draws PACK_ZOOMS in turn (zooming in with the map's button), from the first. */
async function checkThreeZooms(page: Page): Promise<void> {
  await closeSheet(page);
  for (const [i, z] of PACK_ZOOMS.entries()) {
    if (i > 0) await zoomIn(page);
    await waitForPackTiles(page, z);
  }
}

/** The base layer's tiles a pack stood in for, and those it loaded itself (from any source). */
const baseTiles = (page: Page) =>
  page.evaluate(() => {
    const imgs = [...document.querySelectorAll<HTMLImageElement>('img.leaflet-tile')];
    return {
      skipped: imgs.filter((i) => i.dataset.fromPack !== undefined).length,
      loaded: imgs.filter((i) => i.complete && i.naturalWidth > 0).length,
    };
  });

const offlineMapsText = (page: Page) => page.getByTestId('offline-maps').innerText();

describe('a saved area as a map pack', () => {
  it('exports as a .pmtiles file that reads back with the pmtiles library and draws offline on another phone', async () => {
    const g = await newPhone('G', relay.url, DEFAULT_VIEW);
    const page = g.page;
    await waitForWorkerControl(page);
    await page.getByTestId('settings-button').click();
    await page.getByTestId('settings-sheet').waitFor({ timeout: WAIT_MS });
    await page.getByTestId('area-depth').selectOption(String(DEFAULT_VIEW.zoom + 1));
    await page.getByTestId('save-area').click();
    await page.locator('[data-testid=saved-area][data-state=complete]').waitFor({ timeout: 60_000 });
    const saved = await page.evaluate(
      async (name) =>
        (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname.slice(1).replace('.png', '')),
      TILE_CACHES.saved,
    );
    expect(saved.length).toBeGreaterThan(5);

    const started = Date.now();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: WAIT_MS }),
      page.getByTestId('saved-area-export').click(),
    ]);
    const file = join(dir, 'exported.pmtiles');
    await download.saveAs(file);
    console.log(`[mapPacks] saved area of ${saved.length} tiles exported in ${Date.now() - started} ms`);
    expect(download.suggestedFilename()).toMatch(/\.pmtiles$/);
    await expect.poll(() => page.getByTestId('pack-exported').getAttribute('data-outcome')).toBe('downloaded');

    // Read back with the library itself: header, metadata, and every saved tile byte for byte.
    const bytes = new Uint8Array(readFileSync(file));
    const reader = libraryReader(bytes);
    const header = await reader.getHeader();
    expect(header.specVersion).toBe(3);
    expect(header.tileType).toBe(2); // PNG
    expect(header.clustered).toBe(true);
    const savedZooms = saved.map((k) => Number(k.split('/')[0]));
    expect([header.minZoom, header.maxZoom]).toEqual([Math.min(...savedZooms), DEFAULT_VIEW.zoom + 1]);
    expect(header.numAddressedTiles).toBe(saved.length);
    for (const key of saved) {
      const [z, x, y] = key.split('/').map(Number) as [number, number, number];
      const tile = await reader.getZxy(z, x, y);
      expect(tile, `tile ${key}`).toBeDefined();
      expect(Buffer.from(new Uint8Array(tile?.data ?? new ArrayBuffer(0))).equals(countingTilePng(x, y)), key).toBe(
        true,
      );
    }

    // Another phone, which never saw the tile host: imports the file offline and draws its tiles.
    await tiles.stop();
    const h = await newPhone('H', relay.url, DEFAULT_VIEW);
    await waitForWorkerControl(h.page);
    await setOffline(h.context, true);
    await importFile(h.page, download.suggestedFilename(), bytes);
    await packRows(h.page).first().waitFor({ timeout: WAIT_MS });
    await closeSheet(h.page);
    const hostColour = (x: number, y: number): Rgb => [(x * 37) % 256, (y * 53) % 256, 90];
    for (const z of [DEFAULT_VIEW.zoom, DEFAULT_VIEW.zoom + 1]) {
      if (z > DEFAULT_VIEW.zoom) await zoomIn(h.page);
      await eventually(
        async () => {
          const drawn = (await drawnPackTiles(h.page)).filter((t) => t.z === z);
          return drawn.length > 0 && drawn.every((t) => sameColour(t.rgb, hostColour(t.x, t.y)));
        },
        `the exported pack's tiles of zoom ${z} drawn offline`,
        () => drawnPackTiles(h.page),
      );
    }
    expect([...g.errors, ...h.errors]).toEqual([]);
  });
});

describe('map packs with no network and the tile host stopped', () => {
  let a: Peer;

  beforeAll(async () => {
    await tiles.stop(); // stopped already by the export test when it ran; stopping again is harmless
    a = await newPhone('A');
    await waitForWorkerControl(a.page);
    await setOffline(a.context, true);
  });

  it('imports a pack of a never-browsed place through Offline maps and draws its tiles at three zooms', async () => {
    const page = a.page;
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    await openOfflineMaps(page);
    await page.getByTestId('pack-none').waitFor({ timeout: WAIT_MS });
    await importFile(page, 'kyiv-centre.pmtiles', pack.bytes);
    await packRows(page).first().waitFor({ timeout: WAIT_MS });
    expect(await packRows(page).count()).toBe(1);
    const row = (await packRows(page).first().innerText()).replace(/\s+/g, ' ');
    expect(row).toContain(PACK_NAME);
    expect(row).toContain(`zoom ${PACK_ZOOMS[0]}–${PACK_ZOOMS[2]}`);
    expect(row).toContain(`${Math.round(pack.bytes.length / 1000)} kB`);
    expect(row).toMatch(/about [\d.,]+ km × [\d.,]+ km/);
    expect(await opfsPackFiles(page)).toEqual(
      expect.arrayContaining([`${await packRows(page).first().getAttribute('data-id')}.pmtiles`]),
    );

    const findings = await axeViolations(page, '[data-testid=offline-maps]');
    expect(describeFindings(findings)).toEqual([]);

    await checkThreeZooms(page);
    // The base layer left the pack's tiles to the pack: none of its own images loaded (the host is down).
    const base = await baseTiles(page);
    expect(base.skipped).toBeGreaterThan(0);
    expect(base.loaded).toBe(0);
    expect(await page.locator('.leaflet-control-attribution').innerText()).toContain(ATTRIBUTION_TEXT);
  });

  it('keeps the pack across a reload with no network', async () => {
    await a.page.close();
    const page = await a.open();
    await pageSaysOffline(page);
    // The view comes back about where it was left (the last zoom, unless the page closed before saving it).
    await waitForSomePackTiles(page);
    await openOfflineMaps(page);
    expect(await packRows(page).count()).toBe(1);
    expect(await offlineMapsText(page)).toContain(PACK_NAME);
  });

  it('deletes the pack: gone from the list, from storage and from the map', async () => {
    const page = a.page;
    await openOfflineMaps(page);
    await packRows(page).first().getByTestId('pack-delete').click();
    await page.getByTestId('pack-delete-confirm').click();
    await page.getByTestId('pack-none').waitFor({ timeout: WAIT_MS });
    expect(await packRows(page).count()).toBe(0);
    expect(((await opfsPackFiles(page)) ?? []).filter((n) => n.endsWith('.pmtiles'))).toEqual([]);
    await closeSheet(page);
    await eventually(
      async () => (await drawnPackTiles(page)).length === 0 && (await baseTiles(page)).skipped === 0,
      'the map to draw no pack tiles',
      async () => ({ drawn: await drawnPackTiles(page), base: await baseTiles(page) }),
    );
    expect(await page.locator('.leaflet-control-attribution').innerText()).not.toContain(ATTRIBUTION_TEXT);
  });

  it('refuses a file cut short, a header pointing outside the file and vector tiles, while a kept pack keeps drawing', async () => {
    const page = a.page;
    await importFile(page, 'kyiv-centre.pmtiles', pack.bytes);
    await packRows(page).first().waitFor({ timeout: WAIT_MS });
    for (const bad of hostileCopies(pack.bytes)) {
      await importFile(page, bad.name, bad.bytes);
      const problem = page.getByTestId('pack-problem');
      await expect.poll(() => problem.getAttribute('data-code'), { timeout: WAIT_MS }).toBe(bad.code);
      expect(await problem.getAttribute('role')).toBe('alert');
      expect(await problem.innerText()).toContain(bad.name);
      expect(await packRows(page).count(), bad.name).toBe(1);
      expect(
        ((await opfsPackFiles(page)) ?? []).filter((n) => n.endsWith('.pmtiles')),
        bad.name,
      ).toHaveLength(1);
      await page.getByTestId('pack-problem-dismiss').click();
    }
    await closeSheet(page);
    await waitForSomePackTiles(page);
    expect(a.errors).toEqual([]);
  });

  it('panic wipe leaves no pack behind', async () => {
    const page = a.page;
    expect(((await opfsPackFiles(page)) ?? []).filter((n) => n.endsWith('.pmtiles'))).toHaveLength(1);
    await openOfflineMaps(page);
    await page.getByTestId('panic-wipe').click();
    const left = page.waitForURL('about:blank', { timeout: WAIT_MS, waitUntil: 'commit' });
    await page.getByTestId('panic-confirm').click({ noWaitAfter: true });
    await left;
    // Back on the origin (the worker is gone with the wipe, so over the network): the folder is gone.
    await setOffline(a.context, false);
    await page.goto(relay.url, { waitUntil: 'load' });
    expect(await opfsPackFiles(page)).toBeNull();
    await openOfflineMaps(page);
    await page.getByTestId('pack-none').waitFor({ timeout: WAIT_MS });
    expect(((await opfsPackFiles(page)) ?? []).filter((n) => n.endsWith('.pmtiles'))).toEqual([]);
  });

  it('a relay started with --tiles-pack gives a fresh phone the map, with the pack credited as text', async () => {
    const packRelay = await startRelayProcess({
      app: true,
      args: ['--tiles-pack', pack.file],
      env: { VADA_TILE_URL: tiles.template },
    });
    try {
      const f = await newPhone('F', packRelay.url);
      await waitForPackTiles(f.page, PACK_ZOOMS[0]);
      const drawn = await drawnPackTiles(f.page);
      expect(drawn.length).toBeGreaterThan(0);
      expect(
        await f.page.evaluate(() =>
          [...document.querySelectorAll<HTMLImageElement>('img.vada-pack-tile')].every((i) =>
            i.dataset.pack?.startsWith('relay:'),
          ),
        ),
      ).toBe(true);
      const credit = f.page.locator('.leaflet-control-attribution');
      await expect.poll(() => credit.innerText(), { timeout: WAIT_MS }).toContain(ATTRIBUTION_TEXT);
      // Text, not markup: neither the pack's link nor its <b> became elements.
      expect(await credit.locator('a[href="https://pack.example"], b').count()).toBe(0);
      await openOfflineMaps(f.page);
      expect(await f.page.getByTestId('relay-pack-row').innerText()).toContain(PACK_NAME);
      expect(f.errors).toEqual([]);
    } finally {
      await packRelay.kill();
    }
  });
});
