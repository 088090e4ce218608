/**
 * A point disappears by itself when its window ends: B's clock (Playwright's
 * fake clock, installed at the real time, flowing normally) jumps past the
 * end, where the point shows as ended, then past end + linger, where it is
 * gone from B's map and list. A's clock did not move, so A still shows it.
 * Only the reader's clock moves, after the writer published: the relay
 * refuses records dated ahead of its own clock. B's links do not hear the
 * relay's time (withholdRelayTime), or B would correct its moved clock back
 * to the relay's (issue 10) instead of playing time passing.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/domain/limits';
import { launchChromium } from '../fixtures/browser';
import { withholdRelayTime } from '../fixtures/e2eClock';
import { openList, proposePoint } from '../fixtures/e2eActions';
import { eventually, openPeer, type Peer } from '../fixtures/e2ePeer';
import { listPoints, waitForState, waitForTitle } from '../fixtures/e2ePoints';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';

let relay: RelayProcess;
let browser: Browser;
let a: Peer;
let b: Peer;

beforeAll(async () => {
  [relay, browser] = await Promise.all([startRelayProcess({ app: true }), launchChromium()]);
  [a, b] = await Promise.all([
    openPeer(browser, 'A', relay.url),
    openPeer(browser, 'B', relay.url, { fakeClock: true, beforeLoad: withholdRelayTime }),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await relay?.kill();
});

describe('a point whose window ends', () => {
  it('shows as ended after its end, then leaves B’s map and list after the linger; A is unaffected', async () => {
    const durationMs = LIMITS.minDurationMs;
    // Proposed the other way in: a right-click on the map opens the sheet at that place.
    const point = await proposePoint(a.page, {
      title: 'Short stand',
      durationMin: durationMs / 60_000,
      mapSpot: { x: 120, y: 150 },
    });
    await waitForTitle(b.page, 'Short stand', 'active');
    await openList(b.page);
    expect((await listPoints(b.page)).map((p) => [p.id, p.state])).toEqual([[point.id, 'active']]);

    // Past the end, well inside the linger: ended, listed with the ended ones.
    await b.page.clock.fastForward(durationMs + LIMITS.lingerMs / 4);
    await waitForState(b.page, point.id, 'ended');
    await eventually(
      async () =>
        (await b.page
          .locator(`[data-testid=point-list-ended] [data-point-id="${point.id}"][data-state=ended]`)
          .count()) === 1,
      'B lists the point as ended',
      () => listPoints(b.page),
    );
    expect(await b.page.getByTestId('point-list').count()).toBe(0);

    // Past end + linger: gone from the map index and from the list.
    await b.page.clock.fastForward(LIMITS.lingerMs);
    await waitForState(b.page, point.id, undefined);
    await eventually(
      async () => (await listPoints(b.page)).length === 0,
      'B’s list to be empty',
      () => listPoints(b.page),
    );
    expect(await b.page.getByTestId('list-empty').count()).toBe(1);

    // A's clock did not move: the point is still active there.
    await openList(a.page);
    expect((await listPoints(a.page)).map((p) => [p.id, p.state])).toEqual([[point.id, 'active']]);
    expect([...a.errors, ...b.errors]).toEqual([]);
  });
});
