/**
 * The harness's "no network" (tests/fixtures/offlineContext.ts) is what a
 * phone in airplane mode shows its pages: every page of an offline context,
 * after a reload, a navigation or as a new tab, reports navigator.onLine
 * false (at once or through an `offline` event) and reaches no server; back
 * online, the same pages report true and load again. Guards the other
 * offline tests against the browser changing under them (Chromium 150 began
 * resetting navigator.onLine on navigation: docs/browser-floors.md).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/browser';
import { pageSaysOffline } from '../fixtures/e2ePeer';
import { followOffline, setOffline } from '../fixtures/offlineContext';

/** Notes navigator.onLine as the document's first script saw it, and every online/offline event after. */
const PAGE =
  '<!doctype html><script>window.seen=[navigator.onLine];' +
  'addEventListener("offline",()=>seen.push("offline"));addEventListener("online",()=>seen.push("online"))</script>';

let server: Server;
let url: string;
let browser: Browser;
let context: BrowserContext;
let served = 0;

beforeAll(async () => {
  server = createServer((_req, res) => {
    served++;
    res.setHeader('content-type', 'text/html');
    res.end(PAGE);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((ok) => server?.close(ok));
});

/** The page's document as its scripts saw the network: onLine now, at its first script, and its events. */
function seen(page: Page): Promise<{ now: boolean; atStart: boolean; events: string[] }> {
  return page.evaluate(() => {
    const [atStart, ...events] = (window as unknown as { seen: [boolean, ...string[]] }).seen;
    return { now: navigator.onLine, atStart, events };
  });
}

/** A document loaded offline says so: false at its first script, or an `offline` event since. */
async function expectOfflineDocument(page: Page): Promise<void> {
  await pageSaysOffline(page);
  const s = await seen(page);
  expect(s.atStart === false || s.events.includes('offline'), JSON.stringify(s)).toBe(true);
}

describe('an offline browser context', () => {
  it('keeps every page offline across reloads, navigations and new tabs, and comes back online', async () => {
    context = await browser.newContext();
    // A service worker's cache stands in here: a page route answers the document, no server is asked.
    await context.route(
      (u) => u.href.startsWith(url) && u.pathname === '/cached',
      (route) => route.fulfill({ status: 200, contentType: 'text/html', body: PAGE }),
    );
    const page = await context.newPage();
    await page.goto(`${url}cached`);
    expect((await seen(page)).now).toBe(true);

    await setOffline(context, true);
    await pageSaysOffline(page);
    for (let i = 0; i < 3; i++) {
      await page.reload();
      await expectOfflineDocument(page);
      await page.goto(`${url}cached?${i}`);
      await expectOfflineDocument(page);
    }
    const tab = await context.newPage();
    await followOffline(tab);
    await tab.goto(`${url}cached`);
    await expectOfflineDocument(tab);
    // The network itself stays cut: the server is not reached, only the stand-in cache answers.
    const before = served;
    await expect(tab.goto(url)).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
    expect(served).toBe(before);

    await setOffline(context, false);
    for (const p of [page, tab]) {
      await p.goto(url);
      expect(await seen(p)).toEqual({ now: true, atStart: true, events: [] });
    }
    expect(served).toBe(before + 2);
    await context.close();
  });
});
