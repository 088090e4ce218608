/**
 * Try again after a chunk failed to load, in a real Chromium against the
 * built app with no service worker (a first visit, or a hotspot relay's
 * self-signed certificate): Chromium remembers a failed dynamic import for the
 * page's lifetime, so the app must fetch the chunk anew itself
 * (docs/decisions/code-splitting.md, "Trying a chunk again").
 * - the rest of English failed at start: a sheet's Try again fetches it under
 *   a fresh URL, with no reload;
 * - a sheet's own chunk failed: Try again keeps the alert while offline or
 *   while the app's address does not answer, and once it answers reloads the
 *   page, after which the sheet opens.
 * A chunk is made to fail by aborting its request as a dropped network does
 * (deterministic, unlike racing the half-second idle preload with setOffline).
 * With the worker in control, a retry's URL is served from its precache
 * offline, like the chunk's own. The language picker's own retry is
 * tests/e2e/languageSwitch.test.ts.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHUNK_RETRY_PARAM } from '../../src/domain/chunkRetryParam';
import { launchChromium } from '../fixtures/browser';
import { firstRunHintDismissed, openPeer, PHONE, WAIT_MS } from '../fixtures/e2ePeer';
import { waitForWorkerControl } from '../fixtures/e2eServiceWorker';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';

let relay: RelayProcess;
let browser: Browser;

beforeAll(async () => {
  [relay, browser] = await Promise.all([startRelayProcess({ app: true }), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await relay?.kill();
});

/** A phone with no service worker whose requests for `chunk` (a file in assets/) fail as a dropped network's do. */
async function phoneWithout(
  chunk: RegExp,
): Promise<{ context: BrowserContext; page: Page; restore: () => Promise<void> }> {
  const context = await browser.newContext({
    ...PHONE,
    serviceWorkers: 'block',
    storageState: firstRunHintDismissed(relay.url),
  });
  const fail = (route: { abort: (code: string) => Promise<void> }) => route.abort('internetdisconnected');
  await context.route(chunk, fail);
  const page = await context.newPage();
  await page.goto(relay.url, { waitUntil: 'load' });
  await page.getByTestId('connection-status').waitFor({ timeout: WAIT_MS });
  // Survives only as long as this page does: gone after a reload.
  await page.evaluate(() => Object.assign(window, { vadaSamePage: true }));
  return { context, page, restore: () => context.unroute(chunk, fail) };
}

const samePage = (page: Page) =>
  page.evaluate(() => (window as unknown as { vadaSamePage?: boolean }).vadaSamePage === true);

describe('Try again after a chunk failed to load, without a service worker', () => {
  it('the rest of English that failed at start comes under a fresh URL, and the sheet opens with no reload', async () => {
    const { context, page, restore } = await phoneWithout(/\/assets\/enRest-[\w-]+\.js(\?|$)/);
    const retried: string[] = [];
    page.on('response', (r) => {
      if (/\/assets\/enRest-/.test(r.url()) && r.ok()) retried.push(r.url());
    });
    await page.getByTestId('list-button').click();
    const failed = page.getByTestId('sheet-load-failed');
    await failed.waitFor({ timeout: WAIT_MS });
    expect(await failed.getAttribute('role')).toBe('alert');

    await restore();
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByTestId('list-sheet').waitFor({ timeout: WAIT_MS });
    expect(await failed.count()).toBe(0);
    expect(await samePage(page), 'no reload').toBe(true);
    // Fetched once, under a fresh URL (its number counts the failed attempts before: at start, while idle, on opening).
    expect(retried).toHaveLength(1);
    expect(new URL(retried[0] ?? relay.url).searchParams.get(CHUNK_RETRY_PARAM)).toMatch(/^\d+$/);
    await context.close();
  });

  it("a sheet's chunk that failed: Try again keeps the alert offline or while the app does not answer, then reloads and the sheet opens", async () => {
    const { context, page, restore } = await phoneWithout(/\/assets\/SettingsSheet-[\w-]+\.js(\?|$)/);
    await page.getByTestId('settings-button').click();
    const failed = page.getByTestId('sheet-load-failed');
    await failed.waitFor({ timeout: WAIT_MS });
    await restore();
    const tryAgain = page.getByRole('button', { name: 'Try again' });

    // Offline: nothing to reload from, the alert stays (a reload would lose the app).
    await context.setOffline(true);
    await tryAgain.click();
    await failed.waitFor({ timeout: WAIT_MS });
    await context.setOffline(false);

    // Online, but the relay serving the app is out of reach (the browser still says online): the same.
    const page404 = (route: { abort: (code: string) => Promise<void> }) => route.abort('addressunreachable');
    const pageUrl = new URL('/', relay.url).href;
    await context.route(pageUrl, page404);
    await tryAgain.click();
    await failed.waitFor({ timeout: WAIT_MS });
    expect(await samePage(page), 'no reload while the app does not answer').toBe(true);
    await context.unroute(pageUrl, page404);

    // Back: Try again reloads the page (the browser remembers the failed chunk until then), and the sheet opens.
    await Promise.all([page.waitForEvent('load', { timeout: WAIT_MS }), tryAgain.click()]);
    await page.getByTestId('connection-status').waitFor({ timeout: WAIT_MS });
    expect(await samePage(page)).toBe(false);
    await page.getByTestId('settings-button').click();
    await page.getByTestId('settings-sheet').waitFor({ timeout: WAIT_MS });
    expect(await page.getByTestId('sheet-load-failed').count()).toBe(0);
    await context.close();
  });

  it("with the worker in control, a chunk's retry URL comes from its precache offline", async () => {
    const peer = await openPeer(browser, 'Precache', relay.url);
    await waitForWorkerControl(peer.page);
    await peer.context.setOffline(true);
    const answered = await peer.page.evaluate(async (param) => {
      const entry = document.querySelector<HTMLScriptElement>('script[type="module"][src]')?.src;
      if (!entry) return 'no entry script';
      const url = new URL(entry);
      url.searchParams.set(param, '3');
      const response = await fetch(url).catch((e: unknown) => String(e));
      return typeof response === 'string' ? response : response.status;
    }, CHUNK_RETRY_PARAM);
    expect(answered).toBe(200);
    await peer.context.close();
  });
});
