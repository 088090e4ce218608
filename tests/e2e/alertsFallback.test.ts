/**
 * Fallback places travel sealed inside the point: a follower's page holds
 * nothing of them (not in its text, not in its markup) until the organizer's
 * disperse alert names one; then exactly that one is revealed ("Reappear at
 * <label>"), and the other stays sealed.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/browser';
import { closeSheet, openDetails, proposePoint } from '../fixtures/e2eActions';
import { followPoint, raiseDisperse, shownBanners, waitForBanner } from '../fixtures/e2eAlerts';
import { eventually, openPeer, type Peer } from '../fixtures/e2ePeer';
import { waitForState, waitForTitle } from '../fixtures/e2ePoints';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';

const FIRST = 'Bakery corner';
const SECOND = 'Old bridge';

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

/** Everything the page holds as markup (text and attribute values) right now. */
const markup = (page: Page) => page.evaluate(() => document.documentElement.outerHTML);

describe('fallback places', () => {
  it('stay hidden from followers until the organizer’s dispersal reveals the one it names', async () => {
    const point = await proposePoint(a.page, { title: 'Market hall', fallbacks: [FIRST, SECOND] });
    await waitForTitle(b.page, 'Market hall', 'active');
    await followPoint(b.page, point.id);

    // The follower's details (sheet open) show nothing of either fallback.
    await openDetails(b.page, point.id);
    for (const label of [FIRST, SECOND]) expect(await markup(b.page), label).not.toContain(label);
    await closeSheet(b.page);

    await raiseDisperse(a.page, point.id, { reason: 'police', reappear: { kind: 'fallback', index: 1 } });

    const banner = await waitForBanner(b.page, point.id, { kind: 'disperse', trust: 'confirmed' });
    expect(banner.go).toBe(true);
    const reappear = b.page.locator(
      `[data-testid=alert-banner][data-point-id="${point.id}"] [data-testid=alert-banner-reappear]`,
    );
    await eventually(
      async () => (await reappear.count()) === 1,
      'the banner to say where to reappear',
      () => shownBanners(b.page),
    );
    expect(await reappear.textContent()).toContain(`Reappear at ${SECOND}`);
    await waitForState(b.page, point.id, 'dispersed');

    await openDetails(b.page, point.id);
    expect(await b.page.getByTestId('reappear-place').textContent()).toContain(SECOND);
    const page = await markup(b.page);
    expect(page).toContain(SECOND);
    expect(page).not.toContain(FIRST);
    await closeSheet(b.page);
    expect([...a.errors, ...b.errors]).toEqual([]);
  });
});
