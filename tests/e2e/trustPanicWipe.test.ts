/**
 * The panic wipe leaves nothing behind: after a visit that installed the
 * service worker, cached tiles and stored a point (plus a stray database,
 * cache and storage items, so "every" is tested, not just Vada's own names),
 * Settings → Panic wipe → confirm lands on about:blank; then a page of the
 * same origin that is NOT the app (a route serves a bare page, so nothing
 * re-creates storage) finds no IndexedDB database, no cache, no service
 * worker registration and empty localStorage / sessionStorage, in the same
 * tab and in a fresh one. Prints the wipe duration measured in the page
 * (confirm tap to the blank page's navigation start).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/browser';
import { closeSheet, proposePoint } from '../fixtures/e2eActions';
import { openPeer, WAIT_MS, type Peer } from '../fixtures/e2ePeer';
import { waitForTilesCached, waitForWorkerControl } from '../fixtures/e2eServiceWorker';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';
import { startTileServer, type TileServer } from '../fixtures/tileServer';

let tiles: TileServer;
let relay: RelayProcess;
let browser: Browser;
let a: Peer;
/** When the confirm button was tapped, by the page's clock (epoch ms). */
let tappedAt: number | undefined;

const PROBE_PATH = '/__wipe-probe';
const PROBE_HTML = '<!doctype html><html><head><title>probe</title></head><body>probe</body></html>';

/** What is left of the origin's storage, read from a page of that origin. */
interface Leftovers {
  title: string;
  controlled: boolean;
  databases: string[];
  caches: string[];
  registrations: number;
  local: number;
  session: number;
}

function leftovers(page: Page): Promise<Leftovers> {
  return page.evaluate(async () => ({
    title: document.title,
    controlled: navigator.serviceWorker.controller !== null,
    databases: (await indexedDB.databases()).map((d) => d.name ?? '?'),
    caches: await caches.keys(),
    registrations: (await navigator.serviceWorker.getRegistrations()).length,
    local: localStorage.length,
    session: sessionStorage.length,
  }));
}

beforeAll(async () => {
  tiles = await startTileServer();
  [relay, browser] = await Promise.all([
    startRelayProcess({ app: true, env: { VADA_TILE_URL: tiles.template } }),
    launchChromium(),
  ]);
  a = await openPeer(browser, 'A', relay.url, {
    beforeLoad: async (page) => {
      // The wipe timed by the page's clocks: the confirm tap's time (reported while the page still
      // lives), then the blank page's navigation start (its timeOrigin), both epoch milliseconds.
      await page.exposeFunction('__wipeTapped', (at: number) => void (tappedAt = at));
      await page.addInitScript(() => {
        document.addEventListener(
          'click',
          (e) => {
            if ((e.target as Element | null)?.closest?.('[data-testid=panic-confirm]'))
              void (window as unknown as { __wipeTapped(at: number): Promise<void> }).__wipeTapped(
                performance.timeOrigin + performance.now(),
              );
          },
          true,
        );
      });
    },
  });
  // The probe page: same origin, not the app. Nothing on it touches storage.
  await a.context.route(`${relay.url}${PROBE_PATH}`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: PROBE_HTML }),
  );
});

afterAll(async () => {
  await browser?.close();
  await relay?.kill();
  await tiles?.stop();
});

describe('panic wipe', () => {
  it('erases every database, cache, registration and storage item, and leaves for about:blank', async () => {
    const page = a.page;
    await waitForWorkerControl(page);
    await waitForTilesCached(page);
    await proposePoint(page, { title: 'Soon to be forgotten' });
    await page.evaluate(async () => {
      localStorage.setItem('stray', '1');
      sessionStorage.setItem('stray', '1');
      await new Promise((ok, fail) => {
        const open = indexedDB.open('stray-db', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('s');
        open.onsuccess = () => {
          open.result.close();
          ok(null);
        };
        open.onerror = () => fail(open.error);
      });
      await (await caches.open('stray-cache')).put('/stray', new Response('x'));
    });
    const before = await leftovers(page);
    expect(before.databases).toEqual(expect.arrayContaining(['vada', 'stray-db']));
    expect(before.caches).toEqual(expect.arrayContaining(['stray-cache']));
    expect(before.caches.length).toBeGreaterThan(1);
    expect(before.registrations).toBe(1);
    expect(before.local).toBeGreaterThan(0);
    expect(before.session).toBeGreaterThan(0);

    await closeSheet(page);
    await page.getByTestId('settings-button').click();
    await page.getByTestId('settings-sheet').waitFor({ timeout: WAIT_MS });
    await page.getByTestId('panic-wipe').click();
    const left = page.waitForURL('about:blank', { timeout: WAIT_MS, waitUntil: 'commit' });
    const tapped = Date.now();
    await page.getByTestId('panic-confirm').click({ noWaitAfter: true });
    await left;
    const fromNode = Date.now() - tapped;
    const blankStarted = await page.evaluate(() => performance.timeOrigin);
    expect(tappedAt, 'the page reported the tap').toBeDefined();
    const inPage = blankStarted - (tappedAt as number);
    console.info(
      `panic wipe: ${inPage.toFixed(0)} ms in the page (tap → blank page navigation), ${fromNode} ms seen from Node`,
    );
    expect(inPage).toBeGreaterThan(0);
    expect(inPage).toBeLessThan(1000);

    // The same tab (sessionStorage is per tab), back on the origin, but not the app.
    await page.goto(`${relay.url}${PROBE_PATH}`, { waitUntil: 'load' });
    const same = await leftovers(page);
    expect(same.title, 'the probe page itself, not the app shell a leftover worker would serve').toBe('probe');
    expect(same).toEqual({
      title: 'probe',
      controlled: false,
      databases: [],
      caches: [],
      registrations: 0,
      local: 0,
      session: 0,
    });

    const fresh = await a.context.newPage();
    await fresh.goto(`${relay.url}${PROBE_PATH}`, { waitUntil: 'load' });
    expect(await leftovers(fresh)).toEqual({
      title: 'probe',
      controlled: false,
      databases: [],
      caches: [],
      registrations: 0,
      local: 0,
      session: 0,
    });
    expect(a.errors).toEqual([]);
  });
});
