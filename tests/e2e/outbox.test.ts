/**
 * The offline send queue in a browser: with no network at all
 * (tests/fixtures/offlineContext.ts, which also cuts WebSockets) device A proposes a point;
 * it shows "not sent yet", still does after a reload, and B does not have it.
 * Back online, B receives it exactly once (the relay stores it once) and A
 * shows when it went out. The connection indicator tells each state apart.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/browser';
import { closeSheet, openDetails, openList, proposePoint } from '../fixtures/e2eActions';
import { serveAppShell } from '../fixtures/e2eOffline';
import { eventually, openPeer, type Peer } from '../fixtures/e2ePeer';
import { mapPoints, waitForTitle } from '../fixtures/e2ePoints';
import { setOffline } from '../fixtures/offlineContext';
import { relayStats, startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';

let relay: RelayProcess;
let browser: Browser;
let a: Peer;
let b: Peer;

beforeAll(async () => {
  [relay, browser] = await Promise.all([startRelayProcess({ app: true }), launchChromium()]);
  [a, b] = await Promise.all([openPeer(browser, 'A', relay.url), openPeer(browser, 'B', relay.url)]);
});

afterAll(async () => {
  await browser?.close();
  await relay?.kill();
});

const mode = (page: Page) => page.getByTestId('connection-status').getAttribute('data-mode');
const waitForMode = (page: Page, want: string) =>
  eventually(
    async () => (await mode(page)) === want,
    `connection mode ${want}`,
    () => mode(page),
  );
/** The send state shown in the list row of point `id` (the list must be open). */
const listSendState = (page: Page, id: string) =>
  page
    .locator(`[data-testid=point-list] [data-point-id="${id}"] [data-testid=send-state]`)
    .getAttribute('data-send-state', { timeout: 15_000 });

describe('offline send queue', () => {
  it('keeps a point proposed offline as "not sent yet" across a reload, then sends it exactly once', async () => {
    await waitForMode(a.page, 'connected');
    expect(await a.page.getByTestId('connection-status').textContent()).toContain('Connected to 1 relay');
    const before = await relayStats(relay);

    await setOffline(a.context, true);
    await waitForMode(a.page, 'offline');
    expect(await a.page.getByTestId('connection-status').textContent()).toContain('Offline');
    const point = await proposePoint(a.page, { title: 'Sent later' });
    await openList(a.page);
    expect(await listSendState(a.page, point.id)).toBe('unsent');
    expect(await a.page.getByTestId('unsent-count').textContent()).toContain('1 not sent yet');
    await closeSheet(a.page);

    // Reload with no network: the app shell comes from a stand-in for the worker's cache.
    await a.page.close();
    const page = await a.open(undefined, (p) => serveAppShell(p, new URL(relay.url).origin));
    await waitForTitle(page, 'Sent later');
    await waitForMode(page, 'offline');
    await openDetails(page, point.id);
    const details = page.locator('[data-testid=details-sheet] [data-testid=send-state]');
    expect(await details.getAttribute('data-send-state', { timeout: 15_000 })).toBe('unsent');
    expect(await details.textContent()).toBe('Not sent yet');
    expect((await mapPoints(b.page)).map((p) => p.title)).not.toContain('Sent later');

    await setOffline(a.context, false);
    await waitForTitle(b.page, 'Sent later');
    await eventually(
      async () => (await details.getAttribute('data-send-state')) === 'sent',
      'A to show it sent',
      () => details.textContent(),
    );
    expect(await details.textContent()).toMatch(/^Sent at \d{1,2}:\d{2}/);
    await waitForMode(page, 'connected');
    await page.waitForTimeout(1500);
    expect((await mapPoints(b.page)).filter((p) => p.title === 'Sent later')).toHaveLength(1);
    const after = await relayStats(relay);
    // Stored once by the relay, however many times A offered it.
    expect(after.accepted - before.accepted).toBe(1);
    expect(after.stored - before.stored).toBe(1);
    expect(await page.getByTestId('unsent-count').count()).toBe(0);
    expect([...a.errors, ...b.errors]).toEqual([]);
  });
});
