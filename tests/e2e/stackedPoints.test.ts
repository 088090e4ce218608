/**
 * Issue 11, items 7 and 8: points stacked on one spot, and picking a place
 * on a marker, on a 360×640 touch phone through a real relay. Another key
 * publishes five points into the relay: three on exactly the same spot, one
 * 12 px away at the opening zoom (different coordinates, overlapping hit
 * areas) and one 100 px away. A tap on the spot must offer all four under
 * the finger (and not the far one), choosing one opens its details, and a
 * tap on the far one opens it directly. While a place is being picked, a tap
 * on a marker picks that marker's place and opens nothing.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PointPayload } from '../../src/domain/records';
import { openCircle } from '../../src/protocol/circle';
import { generateIdentity } from '../../src/protocol/identity';
import { sealRecord, type Sealed } from '../../src/protocol/sealRecord';
import { closeSheet } from '../fixtures/e2eActions';
import { launchChromium } from '../fixtures/browser';
import { openPeer, WAIT_MS, type Peer } from '../fixtures/e2ePeer';
import { mapPoints, waitForTitle } from '../fixtures/e2ePoints';
import { blast } from '../fixtures/floodPeer';
import { screenAt, tapAt } from '../fixtures/e2eMap';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';
import { startTileServer, type TileServer } from '../fixtures/tileServer';

/** The app's first view (DEFAULT_VIEW): Minsk at zoom 13, where 1 px is 0.000172° of longitude. */
const VIEW = { lat: 53.9045, lon: 27.5615, zoom: 13 };

const SPOT = { lat: VIEW.lat, lon: VIEW.lon };
/** 12 px east of the spot: other coordinates, but within one finger of it. */
const NEAR = { lat: VIEW.lat, lon: 27.5636 };
/** 100 px east: a point of its own. */
const FAR = { lat: VIEW.lat, lon: 27.5787 };
const STACKED = ['Stack A', 'Stack B', 'Stack C'] as const;

let tiles: TileServer;
let relay: RelayProcess;
let browser: Browser;
let peer: Peer;
const ids = new Map<string, string>();

async function sealPoints(): Promise<Sealed[]> {
  const [who, circle] = await Promise.all([generateIdentity(), openCircle()]);
  const now = Date.now();
  const at = (title: string, place: { lat: number; lon: number }): PointPayload => ({
    title,
    note: '',
    ...place,
    start: now - 60_000,
    end: now + 3_600_000,
  });
  const payloads = [...STACKED.map((t) => at(t, SPOT)), at('Stack near', NEAR), at('Far away', FAR)];
  return Promise.all(payloads.map((p) => sealRecord(who, circle, 'point', p, now)));
}

beforeAll(async () => {
  tiles = await startTileServer();
  [relay, browser] = await Promise.all([
    startRelayProcess({ app: true, env: { VADA_TILE_URL: tiles.template } }),
    launchChromium(),
  ]);
  const shot = await blast(relay.gunUrl, await sealPoints());
  const acks = await shot.done;
  shot.close();
  expect([...acks.values()]).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
  peer = await openPeer(browser, 'phone', relay.url);
  for (const title of [...STACKED, 'Stack near', 'Far away']) ids.set(title, (await waitForTitle(peer.page, title)).id);
});

afterAll(async () => {
  await browser?.close();
  await relay?.kill();
  await tiles?.stop();
});

/** A tap `dx`, `dy` pixels off `at`, never within Chromium's double-tap time of the last one (e2eMap.ts). */
const tap = (page: Page, at: { x: number; y: number }, dx = 0, dy = 0) => tapAt(page, { x: at.x + dx, y: at.y + dy });

/** The latitude `px` screen pixels south of `lat` at `zoom` (Web Mercator, 256 px tiles). */
function latBelow(lat: number, px: number, zoom: number): number {
  const size = 256 * 2 ** zoom;
  const s = Math.sin((lat * Math.PI) / 180);
  const y = (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * size + px;
  return (180 / Math.PI) * Math.atan(Math.sinh(Math.PI - (2 * Math.PI * y) / size));
}

/** The titles listed by the open stack chooser, in order. */
function chooserTitles(page: Page): Promise<string[]> {
  return page.getByTestId('stack-list').locator('[data-point-id] .point-title').allTextContents();
}

async function placeShown(page: Page): Promise<{ lat: number; lon: number }> {
  const text = (await page.getByTestId('field-place').textContent()) ?? '';
  const m = /(-?\d+(?:\.\d+)?),\s*(-?\d+(?:\.\d+)?)/.exec(text);
  if (!m) throw new Error(`no place in ${JSON.stringify(text)}`);
  return { lat: Number(m[1]), lon: Number(m[2]) };
}

/** Leaflet tooltips on screen (a marker's title); a closed one fades out for 200 ms at opacity 0 before it leaves. */
const tooltips = (page: Page) =>
  page.evaluate(
    () =>
      [...document.querySelectorAll<HTMLElement>('.leaflet-tooltip')].filter((el) => el.style.opacity !== '0').length,
  );

describe('points stacked on one spot', () => {
  it('a tap offers every point under the finger; choosing one opens its details', async () => {
    const { page } = peer;
    expect((await mapPoints(page)).length).toBe(5);
    const spot = await screenAt(page, SPOT);
    expect(spot.zoom).toBe(VIEW.zoom);
    await tap(page, spot);
    const sheet = page.getByTestId('stack-sheet');
    await sheet.waitFor({ timeout: WAIT_MS });
    const listed = await chooserTitles(page);
    expect([...listed].sort()).toEqual([...STACKED, 'Stack near'].sort());
    // Nearest the tap first: the three on the spot, then the one 12 px away.
    expect(listed[3]).toBe('Stack near');
    await expect(sheet.locator('h2').textContent()).resolves.toBe('4 points here');
    await expect(page.getByTestId('stack-list').getAttribute('aria-label')).resolves.toBe('Points at this spot');
    const rows = page.getByTestId('stack-list').locator('button[data-point-id]');
    expect(await rows.count()).toBe(4);
    for (const text of await rows.allTextContents()) expect(text).toMatch(/Active now.*\d{1,2}:\d{2}/);
    // Open-circle points: no circle named in the rows.
    expect(await page.getByTestId('stack-circle').count()).toBe(0);
    // The one tooltip Leaflet opened named just one of the four: it is gone.
    expect(await tooltips(page)).toBe(0);
    // Nothing wider than the 360 px screen.
    expect(await page.evaluate(() => document.querySelector('.sheet')!.scrollWidth)).toBeLessThanOrEqual(360);

    await rows.filter({ hasText: 'Stack B' }).click();
    await page
      .locator(`[data-testid=details-state][data-point-id="${ids.get('Stack B')}"]`)
      .waitFor({ timeout: WAIT_MS });
    await sheet.waitFor({ state: 'detached', timeout: WAIT_MS });
    await closeSheet(page);
  });

  it('Escape dismisses the chooser, and a tap on a lone marker opens it directly', async () => {
    const { page } = peer;
    await tap(page, await screenAt(page, SPOT));
    const sheet = page.getByTestId('stack-sheet');
    await sheet.waitFor({ timeout: WAIT_MS });
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached', timeout: WAIT_MS });
    expect(await page.locator('[role=dialog]').count()).toBe(0);

    await tap(page, await screenAt(page, FAR), 3, -4);
    await page
      .locator(`[data-testid=details-state][data-point-id="${ids.get('Far away')}"]`)
      .waitFor({ timeout: WAIT_MS });
    expect(await sheet.count()).toBe(0);
    await closeSheet(page);
  });
});

describe('picking a place on a marker', () => {
  it('picks the marker’s place and opens neither details, chooser nor tooltip', async () => {
    const { page } = peer;
    await page.getByTestId('propose-button').click();
    await page.getByTestId('propose-sheet').waitFor({ timeout: WAIT_MS });

    const pick = async (place: { lat: number; lon: number }, dx: number, dy: number) => {
      await page.getByTestId('pick-on-map').click();
      await page.getByTestId('pick-banner').waitFor({ timeout: WAIT_MS });
      // The app pans a draft's place up above the sheet, under the pick banner: drag it down first, as a person would.
      const before = await screenAt(page, place);
      await page.mouse.move(60, 260);
      await page.mouse.down();
      await page.mouse.move(60, 260 + (340 - before.y), { steps: 8 });
      await page.waitForTimeout(200); // held still before letting go: no inertia
      await page.mouse.up();
      const at = await screenAt(page, place);
      expect(at.zoom).toBe(VIEW.zoom);
      // The finger lands on the map, not on the banner or a control above it.
      const under = await page.evaluate(
        ([x, y]) => document.elementFromPoint(x!, y!)?.closest('[data-testid=map]') !== null,
        [at.x + dx, at.y + dy],
      );
      expect(under, `the map under ${JSON.stringify(at)}`).toBe(true);
      await tap(page, at, dx, dy);
      await page.getByTestId('pick-banner').waitFor({ state: 'detached', timeout: WAIT_MS });
      expect(await page.getByTestId('details-sheet').count()).toBe(0);
      expect(await page.getByTestId('stack-sheet').count()).toBe(0);
      expect(await tooltips(page)).toBe(0);
      await page.getByTestId('propose-sheet').waitFor({ timeout: WAIT_MS });
      return placeShown(page);
    };

    // 5 px off the far marker's centre (≈ 0.0009° of longitude): still on its disc, so its own place.
    expect(await pick(FAR, 4, 3)).toEqual(FAR);
    // On the stack: the nearest marker's place, no chooser.
    expect(await pick(SPOT, -2, 2)).toEqual(SPOT);
    // Beside every marker (60 px below the spot): the spot tapped, as before.
    const beside = await pick(SPOT, 0, 60);
    expect(beside.lon).toBeCloseTo(SPOT.lon, 3);
    expect(beside.lat).toBeCloseTo(latBelow(SPOT.lat, 60, VIEW.zoom), 3);
    await closeSheet(page);
    expect(peer.errors).toEqual([]);
  });
});
