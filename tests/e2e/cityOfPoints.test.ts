/**
 * A city of points (issue 15) on a 360×640 touch phone through a real
 * relay: three keys publish 56 points — 45 in a tight square at the centre
 * of the opening view, 10 on exactly one spot 60 px east of it, and one
 * lone point far away. At the opening zoom the square is one cluster: a tap
 * zooms the map in to where it splits. The ten on one spot never split: a
 * tap lists all ten in the chooser. The accessible index shows 20 at a time
 * with the count, pages through all 56, and finds the lone point by
 * searching its title; Enter on it opens its details. The list view holds
 * only the rows in view, each knowing its place among all 56; scrolling and
 * the arrow keys reach the last one.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PointPayload } from '../../src/domain/records';
import { openCircle } from '../../src/protocol/circle';
import { generateIdentity } from '../../src/protocol/identity';
import { sealRecord, type Sealed } from '../../src/protocol/sealRecord';
import { launchChromium } from '../fixtures/browser';
import { closeSheet, openList } from '../fixtures/e2eActions';
import { screenAt, tapAt } from '../fixtures/e2eMap';
import { openPeer, WAIT_MS, type Peer } from '../fixtures/e2ePeer';
import { mapPoints } from '../fixtures/e2ePoints';
import { blast } from '../fixtures/floodPeer';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';
import { startTileServer, type TileServer } from '../fixtures/tileServer';

/** The app's first view (DEFAULT_VIEW): Minsk at zoom 13, where 1 px is 0.000172° of longitude. */
const VIEW = { lat: 53.9045, lon: 27.5615, zoom: 13 };
/** 60 px east of the centre at zoom 13. */
const SPOT = { lat: VIEW.lat, lon: VIEW.lon + 0.0103 };
const LONE = { lat: VIEW.lat + 0.03, lon: VIEW.lon - 0.04 };

let tiles: TileServer;
let relay: RelayProcess;
let browser: Browser;
let peer: Peer;

async function sealCity(): Promise<Sealed[]> {
  const circle = await openCircle();
  const keys = await Promise.all([generateIdentity(), generateIdentity(), generateIdentity()]);
  const now = Date.now();
  const at = (title: string, place: { lat: number; lon: number }): PointPayload => ({
    title,
    note: '',
    ...place,
    start: now - 60_000,
    end: now + 3_600_000,
  });
  // 45 points on a 9×5 grid 0.0002° apart (about 1 px at zoom 13, 16 px at zoom 17): one cluster at first.
  const square = Array.from({ length: 45 }, (_, i) =>
    at(`Square ${String(i).padStart(2, '0')}`, {
      lat: VIEW.lat + (Math.floor(i / 9) - 2) * 0.0002,
      lon: VIEW.lon + ((i % 9) - 4) * 0.0002,
    }),
  );
  const spot = Array.from({ length: 10 }, (_, i) => at(`Spot ${i}`, SPOT));
  const payloads = [...square, ...spot, at('Lone lighthouse', LONE)];
  // The per-key quota is 20 points an hour: spread them over the three keys.
  return Promise.all(payloads.map((p, i) => sealRecord(keys[Math.floor(i / 20)]!, circle, 'point', p, now)));
}

beforeAll(async () => {
  tiles = await startTileServer();
  [relay, browser] = await Promise.all([
    startRelayProcess({ app: true, env: { VADA_TILE_URL: tiles.template } }),
    launchChromium(),
  ]);
  const shot = await blast(relay.gunUrl, await sealCity());
  const acks = await shot.done;
  shot.close();
  expect([...acks.values()].filter((a) => a === 'ok')).toHaveLength(56);
  peer = await openPeer(browser, 'phone', relay.url);
  await page().locator('[data-testid=map-index][data-total="56"]').waitFor({ state: 'attached', timeout: WAIT_MS });
});

afterAll(async () => {
  await browser?.close();
  await relay?.kill();
  await tiles?.stop();
});

const page = () => peer.page;

describe('a city of points', () => {
  it('the index lists 20 a page with the count, pages through all 56, and finds a point by its title', async () => {
    const p = page();
    const index = p.getByTestId('map-index');
    expect(await index.locator('[data-point-id]').count()).toBe(20);
    await expect(p.getByTestId('map-index-count').textContent()).resolves.toBe('Showing 1–20 of 56');
    // The fixture pages through every page: all 56, each once.
    const all = await mapPoints(p);
    expect(all).toHaveLength(56);
    expect(new Set(all.map((x) => x.id)).size).toBe(56);
    await expect(p.getByTestId('map-index-count').textContent()).resolves.toBe('Showing 1–20 of 56');

    // The keyboard way: Tab into the hidden index, type in the search box, Tab to the row, Enter.
    await p.getByTestId('map-index-search').focus();
    await p.keyboard.type('lighthouse');
    await expect(p.getByTestId('map-index-count').textContent()).resolves.toBe('Showing 1–1 of 1');
    const row = index.locator('[data-point-id]');
    expect(await row.count()).toBe(1);
    await expect(row.locator('.point-title').textContent()).resolves.toBe('Lone lighthouse');
    const id = await row.getAttribute('data-point-id');
    await p.keyboard.press('Tab');
    await p.keyboard.press('Enter');
    await p.locator(`[data-testid=details-state][data-point-id="${id}"]`).waitFor({ timeout: WAIT_MS });
    await closeSheet(p);
    await p.getByTestId('map-index-search').fill('');
    // Leave the index (it shows over the map while focused), as a person going back to the map would.
    await p.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    expect(await p.evaluate(() => document.querySelector('.map-index')?.matches(':focus-within'))).toBe(false);
  });

  it('ten points on one spot are one cluster: a tap lists all ten in the chooser', async () => {
    const p = page();
    const at = await screenAt(p, SPOT);
    expect(at.zoom).toBe(VIEW.zoom);
    await tapAt(p, at);
    const sheet = p.getByTestId('stack-sheet');
    await sheet.waitFor({ timeout: WAIT_MS });
    await expect(sheet.locator('h2').textContent()).resolves.toBe('10 points here');
    const titles = await p.getByTestId('stack-list').locator('[data-point-id] .point-title').allTextContents();
    expect([...titles].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `Spot ${i}`));
    await p.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached', timeout: WAIT_MS });
  });

  it('the list renders only the rows in view, says where each is, and scrolls and arrows to the last', async () => {
    const p = page();
    await openList(p);
    const list = p.getByTestId('point-list');
    const rows = list.locator(':scope > li');
    await rows.first().waitFor({ timeout: WAIT_MS });
    const rendered = await rows.count();
    expect(rendered).toBeGreaterThan(3);
    expect(rendered).toBeLessThan(56);
    await expect(rows.first().getAttribute('aria-setsize')).resolves.toBe('56');
    await expect(rows.first().getAttribute('aria-posinset')).resolves.toBe('1');
    // The spacer below stands in for the rows not rendered: the sheet scrolls the whole list's height.
    const sheet = p.locator('.sheet');
    await sheet.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(() => rows.last().getAttribute('aria-posinset'), { timeout: WAIT_MS }).toBe('56');
    expect(await rows.count()).toBeLessThan(56);
    // Back to the top by keyboard: Home on a row focuses the first row, which was not in the DOM.
    await rows.last().locator('button').focus();
    await p.keyboard.press('Home');
    await expect
      .poll(() => p.evaluate(() => document.activeElement?.closest('li')?.getAttribute('aria-posinset')))
      .toBe('1');
    await p.keyboard.press('ArrowDown');
    await expect
      .poll(() => p.evaluate(() => document.activeElement?.closest('li')?.getAttribute('aria-posinset')))
      .toBe('2');
    await closeSheet(p);
  });

  it('a tap on the cluster of 45 zooms in to where it splits, and opens nothing', async () => {
    const p = page();
    const at = await screenAt(p, VIEW);
    expect(at.zoom).toBe(VIEW.zoom);
    await tapAt(p, at);
    await expect.poll(async () => (await screenAt(p, VIEW)).zoom, { timeout: WAIT_MS }).toBeGreaterThan(VIEW.zoom);
    expect(await p.locator('[role=dialog]').count()).toBe(0);
    expect(peer.errors).toEqual([]);
  });
});
