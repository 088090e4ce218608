/**
 * The panic wipe with Vada open in a second tab (people leave tabs open): the
 * wipe in one tab must still erase the database — which a connection held by
 * the other tab would block — and the other tab must leave for a blank page
 * rather than go on showing what was erased. Checked in the second tab and
 * from a same-origin page that is not the app (a route serves a bare page).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/browser';
import { closeSheet, proposePoint } from '../fixtures/e2eActions';
import { eventually, openPeer, WAIT_MS, type Peer } from '../fixtures/e2ePeer';
import { mapPoints, waitForTitle } from '../fixtures/e2ePoints';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';

const TITLE = 'Seen in two tabs';
const PROBE_PATH = '/__wipe-probe';

let relay: RelayProcess;
let browser: Browser;
let a: Peer;

/** What the second tab still shows: whether it is still the app, and the titles on its map. */
async function secondTabShows(page: Page): Promise<{ url: string; titles: string[] }> {
  const url = page.url();
  if (url === 'about:blank') return { url, titles: [] };
  return { url, titles: (await mapPoints(page).catch(() => [])).map((p) => p.title) };
}

beforeAll(async () => {
  [relay, browser] = await Promise.all([startRelayProcess({ app: true }), launchChromium()]);
  a = await openPeer(browser, 'A', relay.url);
  await a.context.route(`${relay.url}${PROBE_PATH}`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>probe</title>probe' }),
  );
});

afterAll(async () => {
  await browser?.close();
  await relay?.kill();
});

describe('panic wipe with a second tab open', () => {
  it('erases the database the other tab holds open, and the other tab leaves for a blank page', async () => {
    const first = a.page;
    await proposePoint(first, { title: TITLE });
    const second = await a.context.newPage();
    await second.goto(relay.url, { waitUntil: 'load' });
    await waitForTitle(second, TITLE);

    await closeSheet(first);
    await first.getByTestId('settings-button').click();
    await first.getByTestId('settings-sheet').waitFor({ timeout: WAIT_MS });
    await first.getByTestId('panic-wipe').click();
    const gone = first.waitForURL('about:blank', { timeout: WAIT_MS, waitUntil: 'commit' });
    await first.getByTestId('panic-confirm').click({ noWaitAfter: true });
    await gone;

    // The other tab lets go of the database and leaves too: nothing erased stays on its screen.
    await eventually(
      async () => second.url() === 'about:blank',
      'the second tab to leave for about:blank',
      () => secondTabShows(second),
      3000,
    );
    const probe = await a.context.newPage();
    await probe.goto(`${relay.url}${PROBE_PATH}`, { waitUntil: 'load' });
    const left = await probe.evaluate(async () => ({
      title: document.title,
      databases: (await indexedDB.databases()).map((d) => d.name ?? '?'),
      caches: await caches.keys(),
      local: localStorage.length,
    }));
    expect(left).toEqual({ title: 'probe', databases: [], caches: [], local: 0 });
  });
});
