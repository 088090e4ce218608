/**
 * `npm run bench:wipe`: how long the panic wipe takes in headless Chromium on
 * the built app with data present (a service worker, three own points, a
 * saved map area in Cache Storage, settings). Each run uses a fresh browser
 * context: set up the data, open Settings › Panic wipe, confirm, and time
 * from the confirming click (page clock, epoch) to the about:blank commit
 * (Node clock, epoch). Afterwards the origin is checked for leftovers.
 * Baseline: the same page deleting one empty IndexedDB database.
 * Needs a build (`npm run build`).
 */
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../tests/fixtures/browser';
import { proposePoint } from '../tests/fixtures/e2eActions';
import { PHONE, WAIT_MS } from '../tests/fixtures/e2ePeer';
import { startRelayProcess } from '../tests/fixtures/relayProcess';
import { startTileServer } from '../tests/fixtures/tileServer';
import { runBench } from './benchRun';

const RUNS = Number(process.env.RUNS ?? 5);
const SETTLE_MS = Number(process.env.SETTLE_MS ?? 0);
const OTHER_TAB = process.env.OTHER_TAB === '1';

interface Leftovers {
  databases: string[];
  caches: string[];
  registrations: number;
  localStorage: number;
  sessionStorage: number;
}

/** What the origin still holds, read from a static file of the origin (booting the app would recreate data). */
async function leftovers(page: Page, origin: string): Promise<Leftovers> {
  await page.goto(`${origin}/favicon.svg`);
  return page.evaluate(async () => ({
    databases: (await indexedDB.databases()).map((d) => d.name ?? ''),
    caches: await caches.keys(),
    registrations: (await navigator.serviceWorker.getRegistrations()).length,
    localStorage: localStorage.length,
    sessionStorage: sessionStorage.length,
  }));
}

/** ms for the page to delete one empty database (open it, close it, then time the deletion). */
async function baselineDelete(page: Page, origin: string): Promise<number> {
  await page.goto(`${origin}/favicon.svg`);
  return page.evaluate(async () => {
    await new Promise<void>((ok, fail) => {
      const r = indexedDB.open('bench-empty', 1);
      r.onsuccess = () => (r.result.close(), ok());
      r.onerror = () => fail(r.error);
    });
    const start = performance.now();
    await new Promise<void>((ok, fail) => {
      const r = indexedDB.deleteDatabase('bench-empty');
      r.onsuccess = () => ok();
      r.onerror = () => fail(r.error);
    });
    return performance.now() - start;
  });
}

async function fillWithData(page: Page, origin: string): Promise<void> {
  await page.goto(origin);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
  for (const title of ['Wipe bench one', 'Wipe bench two', 'Wipe bench three']) await proposePoint(page, { title });
  await page.getByTestId('settings-button').click();
  await page.getByTestId('settings-sheet').waitFor({ timeout: WAIT_MS });
  const depths = await page.getByTestId('area-depth').locator('option').allTextContents();
  await page.getByTestId('area-depth').selectOption({ index: Math.min(1, depths.length - 1) });
  await page.getByTestId('save-area').click();
  await page.locator('[data-testid=saved-area][data-state=complete]').waitFor({ timeout: 60_000 });
}

/** ms from the confirming click to the about:blank commit. */
async function timeWipe(page: Page): Promise<number> {
  const blank = new Promise<number>((resolve) => {
    page.on('framenavigated', (f) => {
      if (f === page.mainFrame() && f.url() === 'about:blank') resolve(Date.now());
    });
  });
  await page.getByTestId('panic-wipe').click();
  await page.getByTestId('panic-confirm').waitFor({ timeout: WAIT_MS });
  const start = await page.evaluate(() => {
    const at = performance.timeOrigin + performance.now();
    document.querySelector<HTMLButtonElement>('[data-testid=panic-confirm]')?.click();
    return at;
  });
  return (await blank) - start;
}

async function oneRun(
  browser: Browser,
  origin: string,
): Promise<{ wipe: number; baseline: number; left: Leftovers; had: Leftovers }> {
  const ctx = await browser.newContext({ viewport: PHONE.viewport });
  try {
    const page = await ctx.newPage();
    await fillWithData(page, origin);
    const probe = await ctx.newPage();
    const had = await leftovers(probe, origin);
    await probe.close();
    // OTHER_TAB=1: a second Vada tab holds the database open during the wipe (its deletion is then
    // queued, not awaited) and is closed right after.
    const other = OTHER_TAB ? await ctx.newPage() : undefined;
    if (other) {
      await other.goto(origin);
      await other.getByTestId('connection-status').waitFor({ timeout: WAIT_MS });
    }
    const wipe = await timeWipe(page);
    await other?.close();
    await page.waitForTimeout(SETTLE_MS);
    const left = await leftovers(page, origin);
    const baseline = await baselineDelete(page, origin);
    return { wipe, baseline, left, had };
  } finally {
    await ctx.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const fmt = (xs: number[]) =>
  `median ${median(xs).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (all: ${xs.map((x) => x.toFixed(1)).join(', ')})`;

async function main(): Promise<void> {
  const tiles = await startTileServer();
  const relay = await startRelayProcess({
    app: true,
    env: { VADA_TILE_URL: tiles.template, VADA_TILES_BULK_MAX_ZOOM: '19' },
  });
  const browser = await launchChromium();
  try {
    const wipes: number[] = [];
    const baselines: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await oneRun(browser, relay.url);
      wipes.push(r.wipe);
      baselines.push(r.baseline);
      if (i === 0) console.log(`  before the wipe (run 1): ${JSON.stringify(r.had)}`);
      const clean =
        r.left.databases.length +
          r.left.caches.length +
          r.left.registrations +
          r.left.localStorage +
          r.left.sessionStorage ===
        0;
      if (!clean) console.log(`  run ${i + 1} LEFT DATA BEHIND: ${JSON.stringify(r.left)}`);
    }
    console.log(`panic wipe in headless Chromium, ${RUNS} runs (3 points, a saved area, service worker, settings)`);
    console.log(`  confirm click → about:blank:    ${fmt(wipes)}`);
    console.log(`  baseline, delete one empty DB:  ${fmt(baselines)}`);
  } finally {
    await browser.close().catch(() => {});
    await relay.kill().catch(() => {});
    await tiles.stop().catch(() => {});
  }
}

runBench(main);
