/**
 * What a device has seen survives a reload with no relay: B's points come
 * back from IndexedDB (re-verified), states and reappear links included, and
 * the connection indicator says no relay is reachable. The relay is stopped
 * for good here; the app files come from a stand-in for the app-shell cache
 * (tests/fixtures/e2eOffline.ts).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/browser';
import { closeSheet, disperseWithReappear, proposePoint } from '../fixtures/e2eActions';
import { serveAppShell, storedRecordIds } from '../fixtures/e2eOffline';
import { eventually, openPeer, type Peer } from '../fixtures/e2ePeer';
import { mapPoints, waitForState, waitForTitle } from '../fixtures/e2ePoints';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';

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

describe('reload without a relay', () => {
  it('shows the points B knew, from IndexedDB, and says no relay is reachable', async () => {
    const stays = await proposePoint(a.page, { title: 'Stays put' });
    const moves = await proposePoint(a.page, { title: 'Moves on' });
    await disperseWithReappear(a.page, moves.id, 'Moved here');
    await closeSheet(a.page);
    const target = await waitForTitle(b.page, 'Moved here');
    await waitForState(b.page, moves.id, 'dispersed');
    await waitForState(b.page, stays.id, 'active');
    const before = (await mapPoints(b.page)).map((p) => [p.id, p.title, p.state, p.reappearTarget]).sort();
    expect(before).toHaveLength(3);
    // 3 points and 1 dispersal: B has written all four records before it goes away.
    await eventually(
      async () => (await storedRecordIds(b.page)).length === 4,
      'B to store 4 records',
      () => storedRecordIds(b.page),
    );

    await b.page.close();
    await relay.stop();
    const page = await b.open(undefined, (p) => serveAppShell(p, new URL(relay.url).origin));

    await eventually(
      async () => (await mapPoints(page)).length === 3,
      'B to show its 3 stored points',
      () => mapPoints(page),
    );
    expect((await mapPoints(page)).map((p) => [p.id, p.title, p.state, p.reappearTarget]).sort()).toEqual(before);
    expect(before.find(([id]) => id === target.id)?.[3]).toBe(true);

    const status = page.getByTestId('connection-status');
    // Give the dead link time to be noticed; it must never count as connected.
    await page.waitForTimeout(1000);
    expect(await status.getAttribute('data-connected')).toBe('0');
    expect(await status.getAttribute('data-configured')).toBe('1');
    expect(await status.textContent()).toContain('No relay reachable');
    expect(b.errors).toEqual([]);
  });
});
