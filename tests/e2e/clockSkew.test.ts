/**
 * Clocks that disagree (issue 10) on a real relay: the organizer's phone is
 * 10 min fast, one follower's 10 min fast and another's 10 min slow
 * (Playwright's fake clock, installed off the real time before load, then
 * flowing normally). Each phone learns the relay's time on its GUN link,
 * says how far its clock is off, and uses network time: the organizer's point
 * is accepted by the relay dated by the relay's time (not refused as
 * `future-state`), both followers see it, and the organizer's dispersal
 * raises the banner on both within 5 s.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLOCK_SYNC } from '../../src/domain/clockOffset';
import { parseEnvelope } from '../../src/protocol/envelope';
import { launchChromium } from '../fixtures/browser';
import { openDetails, closeSheet, proposePoint } from '../fixtures/e2eActions';
import { followPoint, raiseDisperse, recordsIn, waitForBanner } from '../fixtures/e2eAlerts';
import { quietGun } from '../fixtures/e2eForgeries';
import { eventually, openPeer, recordFrames, WAIT_MS, type Peer } from '../fixtures/e2ePeer';
import { waitForState, waitForTitle } from '../fixtures/e2ePoints';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';

vi.hoisted(() => {
  const log = console.log;
  console.log = (...args: unknown[]) => {
    if (!/^Hello wonderful person/.test(String(args[0]))) log(...args);
  };
});

const MIN = 60_000;
/** A phone's correction may differ from its skew by the round trip and the moments between installs. */
const SLACK_MS = 5_000;

let relay: RelayProcess;
let browser: Browser;
let org: Peer;
let fast: Peer;
let slow: Peer;
/** Frames the slow follower received from the relay since it loaded. */
let slowFrames: string[] = [];

beforeAll(async () => {
  quietGun();
  [relay, browser] = await Promise.all([startRelayProcess({ app: true }), launchChromium()]);
  [org, fast, slow] = await Promise.all([
    openPeer(browser, 'organizer +10 min', relay.url, { clockSkewMs: 10 * MIN }),
    openPeer(browser, 'follower +10 min', relay.url, { clockSkewMs: 10 * MIN }),
    openPeer(browser, 'follower −10 min', relay.url, {
      clockSkewMs: -10 * MIN,
      beforeLoad: (page) => {
        slowFrames = recordFrames(page, new URL(relay.gunUrl).host);
      },
    }),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await relay?.kill();
});

/** Waits for the bar to say the clock is off, and returns the correction in force (ms). */
async function correctionOf(p: Peer): Promise<number> {
  const note = p.page.getByTestId('clock-skew');
  await note.waitFor({ timeout: WAIT_MS });
  return Number(await note.getAttribute('data-correction-ms'));
}

describe('clocks that disagree by ±10 min', () => {
  it('each phone says how far its clock is off and corrects by the relay’s time', async () => {
    for (const [p, skew] of [
      [org, 10 * MIN],
      [fast, 10 * MIN],
      [slow, -10 * MIN],
    ] as const) {
      expect(Math.abs((await correctionOf(p)) + skew), p.name).toBeLessThan(SLACK_MS);
      expect(CLOCK_SYNC.toleranceMs).toBeLessThan(Math.abs(skew));
    }
    expect(await org.page.getByTestId('clock-skew').textContent()).toBe(
      'Your phone’s clock is 10 min fast — Vada uses the relays’ time',
    );
    expect(await slow.page.getByTestId('clock-skew').textContent()).toBe(
      'Your phone’s clock is 10 min slow — Vada uses the relays’ time',
    );
  });

  it('the fast organizer’s point is accepted dated by network time; its dispersal reaches both followers within 5 s', async () => {
    const point = await proposePoint(org.page, { title: 'Skewed square' });
    // Accepted by the relay: the organizer's own send state says sent, not refused.
    await openDetails(org.page, point.id);
    await org.page
      .locator('[data-testid=details-sheet] [data-testid=send-state][data-send-state=sent]')
      .waitFor({ timeout: WAIT_MS });
    await closeSheet(org.page);

    for (const f of [fast, slow]) {
      await waitForTitle(f.page, 'Skewed square', 'active');
      await followPoint(f.page, point.id);
    }
    // The record as the relay passed it on carries the relay's time, not the phone's (10 min ahead).
    let wire: string | undefined;
    await eventually(
      async () => (wire = recordsIn(slowFrames).get(point.id)) !== undefined,
      'the point’s wire at the slow follower',
    );
    const env = parseEnvelope(wire);
    expect(env.ok).toBe(true);
    if (env.ok) expect(Math.abs(env.value.t - Date.now())).toBeLessThan(MIN);

    // Timed from the start of the organizer's disperse steps (form, reason, confirmation) and from the
    // moment the organizer's own phone shows the point dispersed (published).
    const started = Date.now();
    const arrived: Record<string, number> = {};
    const banners = [fast, slow].map(async (f) => {
      await waitForBanner(f.page, point.id, { kind: 'disperse', trust: 'confirmed' }, 30_000);
      arrived[f.name] = Date.now();
    });
    await raiseDisperse(org.page, point.id, { reason: 'police' });
    const published = Date.now();
    await Promise.all(banners);
    const took = Object.fromEntries(
      Object.entries(arrived).map(([name, at]) => [
        name,
        { fromStart: at - started, fromPublished: Math.max(0, at - published) },
      ]),
    );
    console.info(`dispersal banner after (ms): ${JSON.stringify(took)}`);
    for (const f of [fast, slow]) {
      expect(took[f.name]?.fromStart, f.name).toBeLessThan(5_000);
      await waitForState(f.page, point.id, 'dispersed');
    }
    expect([...org.errors, ...fast.errors, ...slow.errors]).toEqual([]);
  });
});
