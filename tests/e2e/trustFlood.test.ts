/**
 * A flood from one key does not drown an honest point: a Node device with its
 * own key pushes thousands of genuine, valid points (work included) into the
 * relay as fast as its socket takes them; the relay's per-key quota refuses
 * all but the first LIMITS.quotaPointsPerHour (the acks say `over-quota`).
 * The flood then goes on (the same records again, as fast as the relay
 * answers) while B proposes a point through the app; follower C shows it
 * within 5 s, its list opens within 1 s of a tap during the flood, and C
 * shows at most the quota's worth of flood points. Prints the figures.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LIMITS } from '../../src/domain/limits';
import { launchChromium } from '../fixtures/browser';
import { closeSheet, proposePoint } from '../fixtures/e2eActions';
import { quietGun } from '../fixtures/e2eForgeries';
import { eventually, openPeer, type Peer } from '../fixtures/e2ePeer';
import { mapPoints } from '../fixtures/e2ePoints';
import { blast, sealFlood, type Flood } from '../fixtures/floodPeer';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';

vi.hoisted(() => {
  const log = console.log;
  console.log = (...args: unknown[]) => {
    if (!/^Hello wonderful person/.test(String(args[0]))) log(...args);
  };
});

const FLOOD = 2000;
const PREFIX = 'Flood';
const HONEST = 'Honest gathering at the bridge';

let relay: RelayProcess;
let browser: Browser;
let b: Peer;
let c: Peer;
let flood: Flood;

beforeAll(async () => {
  quietGun();
  [relay, browser, flood] = await Promise.all([
    startRelayProcess({ app: true }),
    launchChromium(),
    sealFlood(FLOOD, PREFIX),
  ]);
  [b, c] = await Promise.all([openPeer(browser, 'B', relay.url), openPeer(browser, 'C', relay.url)]);
  for (const p of [b, c])
    await eventually(
      async () => (await p.page.getByTestId('connection-status').getAttribute('data-connected')) === '1',
      `${p.name} connected`,
    );
});

afterAll(async () => {
  await browser?.close();
  await relay?.kill();
});

describe('a flood from one key', () => {
  it('is refused over quota by the relay, and an honest point still arrives within 5 s', async () => {
    const shot = await blast(relay.gunUrl, flood.records);
    // The flood goes on (the same records again) until the honest point is seen and the list tested.
    let over = false;
    const sustained = shot.sustain(() => over);
    try {
      // Propose once the flood is well under way (the relay is busy refusing it).
      await eventually(
        async () => shot.acked() >= 200,
        'the relay to be answering the flood',
        async () => shot.acked(),
      );
      const ackedAtPropose = shot.acked();
      const sentAtPropose = shot.sent();

      const proposed = Date.now();
      await proposePoint(b.page, { title: HONEST });
      let seenAfter = 0;
      await eventually(
        async () => {
          const seen = (await mapPoints(c.page)).some((p) => p.title === HONEST);
          if (seen) seenAfter = Date.now() - proposed;
          return seen;
        },
        'C to show the honest point',
        async () => shot.acked(),
        5000,
      );

      // The page answers a tap at once, flood or not.
      const tapped = Date.now();
      await c.page.getByTestId('list-button').click();
      await c.page.getByTestId('list-sheet').waitFor({ timeout: 1000 });
      const listMs = Date.now() - tapped;
      const sentDuring = shot.sent();
      over = true;
      const resent = await sustained;
      await closeSheet(c.page);

      const acks = await shot.done;
      const counts = new Map<string, number>();
      for (const a of acks.values()) counts.set(a, (counts.get(a) ?? 0) + 1);
      console.info(
        `flood: ${FLOOD} records sealed in ${flood.sealMs} ms, acked in ${shot.elapsedMs()} ms ` +
          `(${ackedAtPropose} acked when B proposed); acks ${JSON.stringify(Object.fromEntries(counts))}; ` +
          `honest point on C after ${seenAfter} ms; list opened in ${listMs} ms; ` +
          `${resent} re-sent meanwhile (${sentDuring - sentAtPropose} PUTs from the proposal to the open list), ` +
          `their acks ` +
          `${JSON.stringify(Object.fromEntries(shot.resendAcks()))}`,
      );
      expect(acks.size, 'every PUT was answered').toBe(FLOOD);
      expect(counts.get('ok')).toBe(LIMITS.quotaPointsPerHour);
      expect([...acks.values()].filter((a) => /over-quota/.test(a)).length).toBe(FLOOD - LIMITS.quotaPointsPerHour);
      // The flood went on, at volume, from B's proposal until the list was open.
      expect(sentDuring - sentAtPropose, 'PUTs sent between the proposal and the open list').toBeGreaterThan(1000);
      expect(resent).toBeGreaterThan(0);
      // A refused record sent again is refused again; the 20 it holds are duplicates ("ok").
      expect([...shot.resendAcks().keys()].every((k) => k === 'ok' || /over-quota/.test(k))).toBe(true);
      expect(seenAfter).toBeLessThan(5000);
      expect(listMs).toBeLessThan(1000);

      // What C shows of the flood: the quota's worth at most (the relay forwarded no more).
      await new Promise((r) => setTimeout(r, 1000));
      const floodShown = (await mapPoints(c.page)).filter((p) => p.title.startsWith(`${PREFIX} `)).length;
      expect(floodShown).toBeLessThanOrEqual(LIMITS.quotaPointsPerHour);
      expect([...b.errors, ...c.errors]).toEqual([]);
    } finally {
      shot.close();
    }
  });
});
