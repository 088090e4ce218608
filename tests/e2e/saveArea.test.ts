/**
 * "Save this area for offline" against a local tile server that allows bulk
 * downloads (relay: VADA_TILES_BULK_MAX_ZOOM): the estimate shows before
 * anything starts, an area over the cap is refused with the reason, the
 * download never has more than 2 requests in flight, a cancelled download
 * resumes without re-fetching saved tiles, the area is listed with its size,
 * and delete removes it and its tiles. Prints tiles/s and max concurrency.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/browser';
import { startCountingTileServer, type CountingTileServer } from '../fixtures/e2eTileServer';
import { eventually, openPeer, WAIT_MS, type Peer } from '../fixtures/e2ePeer';
import { waitForTilesCached, waitForWorkerControl } from '../fixtures/e2eServiceWorker';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';

let tiles: CountingTileServer;
let relay: RelayProcess;
let browser: Browser;
let a: Peer;

beforeAll(async () => {
  tiles = await startCountingTileServer();
  [relay, browser] = await Promise.all([
    startRelayProcess({ app: true, env: { VADA_TILE_URL: tiles.template, VADA_TILES_BULK_MAX_ZOOM: '19' } }),
    launchChromium(),
  ]);
  a = await openPeer(browser, 'A', relay.url);
});

afterAll(async () => {
  await browser?.close();
  await relay?.kill();
  await tiles?.stop();
});

const savedTileCount = (page: Page) =>
  page.evaluate(async () => (await (await caches.open('vada-tiles-saved-v1')).keys()).length);

/** Waits until the map's own tile loads are over, so counters measure the download alone. */
async function quiet(): Promise<void> {
  let last = -1;
  while (tiles.requests() !== last) {
    last = tiles.requests();
    await new Promise((r) => setTimeout(r, 1000));
  }
}

const areaRow = (page: Page, state: string) => page.locator(`[data-testid=saved-area][data-state=${state}]`);

describe('save this area', () => {
  it('estimates, refuses over the cap, downloads politely, cancels, resumes, lists and deletes', async () => {
    const page = a.page;
    await page.getByTestId('settings-button').click();
    await page.getByTestId('settings-sheet').waitFor({ timeout: WAIT_MS });

    await page.getByTestId('area-depth').selectOption('19');
    await expect
      .poll(() => page.getByTestId('area-refusal').textContent())
      .toMatch(/Too big: [\d,]+ tiles, the limit is 5,000/);
    expect(await page.getByTestId('save-area').isDisabled()).toBe(true);

    await page.getByTestId('area-depth').selectOption('15');
    const estimate = (await page.getByTestId('area-estimate').textContent()) ?? '';
    expect(estimate).toMatch(/^[\d,]+ tiles, about [\d.]+ (kB|MB)$/);
    const count = Number(/^([\d,]+)/.exec(estimate)?.[1]?.replace(/,/g, ''));
    expect(count).toBeGreaterThan(30);
    expect(await areaRow(page, 'complete').count()).toBe(0);

    // Phase 1: slow tiles, cancel after a few. Once the worker controls the page it fetches the tiles
    // the first visit loaded before it (the page hands them over): done before counting, as the
    // map's own loads are. On a loaded machine that hand-over can come seconds after the map went quiet.
    await waitForWorkerControl(page);
    await waitForTilesCached(page);
    await quiet();
    tiles.reset();
    tiles.setDelay(80);
    await page.getByTestId('save-area').click();
    await eventually(
      async () => Number(await page.getByTestId('area-progress').getAttribute('value')) >= 10,
      'ten tiles saved',
    );
    await page.getByTestId('cancel-download').click();
    await areaRow(page, 'paused').waitFor({ timeout: WAIT_MS });
    const savedAtCancel = await savedTileCount(page);
    expect(savedAtCancel).toBeGreaterThanOrEqual(10);
    expect(savedAtCancel).toBeLessThan(count);
    expect(tiles.requests()).toBeLessThanOrEqual(savedAtCancel + 2);
    const maxFirst = tiles.maxConcurrency();

    // Phase 2: resume; only the missing tiles are requested.
    tiles.reset();
    tiles.setDelay(10);
    const started = Date.now();
    await page.getByTestId('resume-area').click();
    await areaRow(page, 'complete').waitFor({ timeout: 60_000 });
    const seconds = (Date.now() - started) / 1000;
    const resumed = tiles.requests();
    expect(resumed).toBeGreaterThan(0);
    expect(resumed).toBeLessThanOrEqual(count - savedAtCancel);
    expect(await savedTileCount(page)).toBe(count);
    expect(Math.max(maxFirst, tiles.maxConcurrency())).toBeLessThanOrEqual(2);
    console.log(
      `[saveArea] ${count} tiles; resume fetched ${resumed} in ${seconds.toFixed(1)} s = ${(resumed / seconds).toFixed(1)} tiles/s (10 ms server delay); max concurrency ${maxFirst} then ${tiles.maxConcurrency()}`,
    );

    const row = areaRow(page, 'complete');
    expect(await row.textContent()).toMatch(new RegExp(`: ${count.toLocaleString('en-US')} tiles, [\\d.]+ (kB|MB)`));

    await row.getByTestId('delete-area').click();
    await page.getByTestId('saved-area').waitFor({ state: 'detached', timeout: WAIT_MS });
    expect(await savedTileCount(page)).toBe(0);
    expect(a.errors).toEqual([]);
  });
});
