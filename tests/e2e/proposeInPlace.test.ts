/**
 * Issue 11, "the suggested place creeps south": opening Propose pans the map
 * so the place shows above the sheet. That pan is the app's, not the user's:
 * five proposals in a row through the Propose button, never touching the map,
 * must all start at the same place, and after each sheet closes the map must
 * show exactly the view it showed before. The view is read off the page the
 * way a person sees it: which tile is where on screen.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/browser';
import { waitForTitle } from '../fixtures/e2ePoints';
import { openPeer, WAIT_MS, type Peer } from '../fixtures/e2ePeer';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';
import { startTileServer, type TileServer } from '../fixtures/tileServer';

const ROUNDS = 5;

let tiles: TileServer;
let relay: RelayProcess;
let browser: Browser;
let peer: Peer;

beforeAll(async () => {
  tiles = await startTileServer();
  [relay, browser] = await Promise.all([
    startRelayProcess({ app: true, env: { VADA_TILE_URL: tiles.template } }),
    launchChromium(),
  ]);
  peer = await openPeer(browser, 'phone', relay.url);
});

afterAll(async () => {
  await browser?.close();
  await relay?.kill();
  await tiles?.stop();
});

interface ScreenView {
  zoom: number;
  /** World pixel (at `zoom`) under the middle of the map. */
  x: number;
  y: number;
}

/**
 * The view on screen, from the tiles of the most populated zoom level: a tile
 * z/x/y drawn at `left, top` puts world pixel (x·256 + dx, y·256 + dy) at that
 * offset from it.
 */
function screenView(page: Page): Promise<ScreenView | undefined> {
  return page.evaluate(() => {
    const map = document.querySelector<HTMLElement>('[data-testid=map]');
    if (!map) return undefined;
    const box = map.getBoundingClientRect();
    const cx = box.left + box.width / 2;
    const cy = box.top + box.height / 2;
    const byZoom = new Map<number, { x: number; y: number }[]>();
    for (const img of document.querySelectorAll<HTMLImageElement>('img.leaflet-tile')) {
      const m = /\/(\d+)\/(\d+)\/(\d+)\.png/.exec(img.src);
      const r = img.getBoundingClientRect();
      if (!m || Math.abs(r.width - 256) > 0.5) continue;
      const [z, x, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const list = byZoom.get(z) ?? [];
      list.push({ x: x * 256 + (cx - r.left), y: y * 256 + (cy - r.top) });
      byZoom.set(z, list);
    }
    const best = [...byZoom.entries()].sort((a, b) => b[1].length - a[1].length)[0];
    if (!best) return undefined;
    const [zoom, list] = best;
    return { zoom, x: list[0]!.x, y: list[0]!.y };
  });
}

/** The view once the map has stopped moving (two readings 200 ms apart agree). */
async function settledView(page: Page): Promise<ScreenView> {
  const deadline = Date.now() + WAIT_MS;
  let last = await screenView(page);
  for (;;) {
    await page.waitForTimeout(200);
    const now = await screenView(page);
    if (now && last && now.zoom === last.zoom && Math.hypot(now.x - last.x, now.y - last.y) < 0.01) return now;
    if (Date.now() > deadline) throw new Error(`the map did not settle: ${JSON.stringify({ last, now })}`);
    last = now;
  }
}

/** Lat/lon of a world pixel (Web Mercator, 256 px tiles). */
function toLatLon(v: ScreenView): { lat: number; lon: number } {
  const size = 256 * 2 ** v.zoom;
  const lon = (v.x / size) * 360 - 180;
  const n = Math.PI - (2 * Math.PI * v.y) / size;
  return { lat: (180 / Math.PI) * Math.atan(Math.sinh(n)), lon };
}

function metersBetween(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad * Math.cos(((a.lat + b.lat) / 2) * rad);
  return 6_371_000 * Math.hypot(dLat, dLon);
}

async function placeShown(page: Page): Promise<{ lat: number; lon: number }> {
  const text = (await page.getByTestId('field-place').textContent()) ?? '';
  const m = /(-?\d+(?:\.\d+)?),\s*(-?\d+(?:\.\d+)?)/.exec(text);
  if (!m) throw new Error(`no place in ${JSON.stringify(text)}`);
  return { lat: Number(m[1]), lon: Number(m[2]) };
}

describe('proposing again and again without touching the map', () => {
  it(`keeps ${ROUNDS} proposals at the place the user was looking at and gives the view back`, async () => {
    const { page } = peer;
    const before = await settledView(page);
    const looking = toLatLon(before);
    const places: { lat: number; lon: number }[] = [];
    const returned: number[] = [];
    const centred: { lat: number; lon: number }[] = [];
    let panned = 0;
    for (let i = 0; i < ROUNDS; i++) {
      await page.getByTestId('propose-button').click();
      const sheet = page.getByTestId('propose-sheet');
      await sheet.waitFor({ timeout: WAIT_MS });
      places.push(await placeShown(page));
      // The app does pan to show the ring above the sheet (else this test would prove nothing).
      const open = await settledView(page);
      panned = Math.max(panned, Math.hypot(open.x - before.x, open.y - before.y));
      await page.getByTestId('field-title').fill(`Round ${i + 1}`);
      await page.getByTestId('field-start-now').check();
      await page.getByTestId('use-map-centre').click();
      centred.push(await placeShown(page));
      await page.getByTestId('propose-submit').click();
      await sheet.waitFor({ state: 'detached', timeout: WAIT_MS });
      await waitForTitle(page, `Round ${i + 1}`);
      const after = await settledView(page);
      expect(after.zoom).toBe(before.zoom);
      returned.push(Math.hypot(after.x - before.x, after.y - before.y));
    }
    const drift = Math.max(...places.map((p) => metersBetween(places[0]!, p)));
    console.info(`propose drift over ${ROUNDS} rounds: ${drift.toFixed(1)} m (app pan ${panned.toFixed(0)} px)`);
    expect(panned).toBeGreaterThan(20);
    // "Use map centre" in the open sheet means where the user was looking, not the app's pan.
    expect(centred).toEqual(places);
    // After every close the map shows the view from before, to the pixel.
    expect(returned.filter((px) => px >= 1)).toEqual([]);
    // Coordinates are published to 4 decimals (≈ 11 m): every proposal starts where the user was looking.
    expect(drift).toBeLessThan(1);
    expect(metersBetween(places[0]!, looking)).toBeLessThan(10);
  });
});
