/**
 * After one visit online, Vada opens with no network at all: the worker
 * serves the shell and config, the map's tiles come from the worker's cache
 * (decoded images, the tile server is gone), and the points the device knew
 * (its own and another device's) come back from IndexedDB, and the sheets,
 * each a chunk of its own, open from the worker's precache. Also prints the
 * offline start-to-usable-map time (median of 5 reloads in new tabs).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/browser';
import { closeSheet, proposePoint } from '../fixtures/e2eActions';
import { storedRecordIds } from '../fixtures/e2eOffline';
import { eventually, openPeer, type Peer } from '../fixtures/e2ePeer';
import { mapPoints, waitForTitle } from '../fixtures/e2ePoints';
import { decodedTiles, waitForTilesCached, waitForWorkerControl } from '../fixtures/e2eServiceWorker';
import { setOffline } from '../fixtures/offlineContext';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';
import { startTileServer, type TileServer } from '../fixtures/tileServer';

let tiles: TileServer;
let relay: RelayProcess;
let browser: Browser;
let a: Peer;
let b: Peer;

beforeAll(async () => {
  tiles = await startTileServer();
  [relay, browser] = await Promise.all([
    startRelayProcess({ app: true, env: { VADA_TILE_URL: tiles.template } }),
    launchChromium(),
  ]);
  [a, b] = await Promise.all([openPeer(browser, 'A', relay.url), openPeer(browser, 'B', relay.url)]);
});

afterAll(async () => {
  await browser?.close();
  await relay?.kill();
  await tiles?.stop();
});

/** Opens the app in a new tab and returns ms until shell, every tile and `points` titles are shown. */
/** Opens the bar's sheets one by one in a tab started offline: each shows, its heading focused. */
async function openSheetsOffline(page: Page): Promise<void> {
  for (const [button, sheet] of [
    ['list-button', 'list-sheet'],
    ['circles-button', 'circles-sheet'],
    ['settings-button', 'settings-sheet'],
    ['propose-button', 'propose-sheet'],
  ] as const) {
    await page.getByTestId(button).click();
    await page.getByTestId(sheet).waitFor({ timeout: 10_000 });
    await eventually(
      () => page.evaluate((id) => document.activeElement === document.querySelector(`[data-testid=${id}] h2`), sheet),
      `focus on the heading of ${sheet}`,
    );
    expect(await page.getByTestId('sheet-load-failed').count()).toBe(0);
    await closeSheet(page);
  }
}

async function openUsable(peer: Peer, titles: readonly string[]): Promise<{ page: Page; ms: number }> {
  const started = Date.now();
  const page = await peer.open();
  await eventually(
    async () => {
      const shown = new Set((await mapPoints(page)).map((p) => p.title));
      const t = await decodedTiles(page);
      return titles.every((x) => shown.has(x)) && t.shown > 0 && t.decoded === t.shown;
    },
    'shell, tiles and known points offline',
    async () => ({ points: await mapPoints(page), tiles: await decodedTiles(page) }),
  );
  return { page, ms: Date.now() - started };
}

describe('offline reload', () => {
  it("caches only this origin's shell and config and the configured host's tiles, never opaque responses", async () => {
    const page = b.page;
    await waitForWorkerControl(page);
    await waitForTilesCached(page);
    const entries = await page.evaluate(async () => {
      const out: Array<{ cache: string; url: string; type: string }> = [];
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const req of await cache.keys()) {
          const res = await cache.match(req);
          out.push({ cache: name, url: req.url, type: res?.type ?? 'missing' });
        }
      }
      return out;
    });
    const appOrigin = new URL(relay.url).origin;
    const tileOrigin = new URL(tiles.template.replace(/\{[a-z]\}/g, '0')).origin;
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.some((e) => new URL(e.url).origin === tileOrigin)).toBe(true);
    for (const e of entries) {
      const origin = new URL(e.url).origin;
      expect([appOrigin, tileOrigin], `${e.cache}: ${e.url}`).toContain(origin);
      expect(e.type, `${e.cache}: ${e.url}`).not.toBe('opaque');
      if (origin === tileOrigin) expect(new URL(e.url).pathname, e.url).toMatch(/^\/\d+\/\d+\/\d+\.png$/);
    }
  });

  it('shows the shell, cached tiles and known points with no network', async () => {
    await waitForWorkerControl(a.page);
    // The first visit's tiles loaded before the worker took control: the page hands them over.
    await waitForTilesCached(a.page);
    expect(tiles.requests()).toBeGreaterThan(0);

    await proposePoint(a.page, { title: 'Mine offline' });
    await proposePoint(b.page, { title: 'Theirs offline' });
    await waitForTitle(a.page, 'Theirs offline');
    await eventually(async () => (await storedRecordIds(a.page)).length === 2, 'A to store 2 records');

    await tiles.stop();
    const servedOnline = tiles.requests();
    await setOffline(a.context, true);
    await a.page.close();

    const times: number[] = [];
    for (let run = 0; run < 5; run++) {
      const { page, ms } = await openUsable(a, ['Mine offline', 'Theirs offline']);
      times.push(ms);
      // Leaflet may swap a tile <img> for a new one right after the first paint (the view settling);
      // what matters is that cached tiles are drawn again, not that the same elements survive.
      await eventually(async () => (await decodedTiles(page)).decoded > 0, 'cached tiles still drawn');
      expect(await page.evaluate(() => navigator.onLine)).toBe(false);
      // Every sheet is a chunk of its own (src/ui/shell/lazySheets.ts): offline, the worker serves them.
      if (run === 0) await openSheetsOffline(page);
      await page.close();
    }
    times.sort((x, y) => x - y);
    console.log(`offline start to usable map (ms, 5 runs in new tabs): median ${times[2]}; all ${times.join(', ')}`);
    expect(tiles.requests()).toBe(servedOnline);
    expect(a.errors).toEqual([]);
  });
});
