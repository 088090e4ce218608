/**
 * `npm run bench:offline`: offline start to usable map in headless Chromium.
 * One online visit (worker installed, tiles cached, two points known), then
 * with the tile server stopped and the network off: N new tabs (worker already
 * running) and N full browser restarts on the same profile. "Usable" = every
 * tile on screen is a decoded image and both known points are in the map
 * index; the time is the page's own performance.now() at that moment (from
 * navigation start), read by a requestAnimationFrame poll.
 * Needs a build (`npm run build`). The floor: docs/browser-floors.md
 * (first tile decoded: new page 137 ms median, after a browser restart 254 ms).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, findChromium } from '../tests/fixtures/browser';
import { proposePoint } from '../tests/fixtures/e2eActions';
import { PHONE } from '../tests/fixtures/e2ePeer';
import { followOffline, setOffline } from '../tests/fixtures/offlineContext';
import { startRelayProcess } from '../tests/fixtures/relayProcess';
import { startTileServer } from '../tests/fixtures/tileServer';
import { runBench } from './benchRun';

const RUNS = Number(process.env.RUNS ?? 7);
const TITLES = ['Bench point one', 'Bench point two'];

const launch = (profile: string) =>
  chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    args: CHROMIUM_FLAGS,
    headless: true,
    viewport: { width: PHONE.viewport.width, height: PHONE.viewport.height },
  });

/** ms from navigation start until the map is usable offline, measured in the page. */
async function usableAfter(page: Page, url: string): Promise<number> {
  await followOffline(page);
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    (titles) => {
      const tiles = [...document.querySelectorAll<HTMLImageElement>('img.leaflet-tile')];
      const ready = tiles.length > 0 && tiles.every((i) => i.complete && i.naturalWidth > 0);
      const shown = [...document.querySelectorAll('[data-testid=map-index] [data-point-id]')].map(
        (e) => e.textContent ?? '',
      );
      return ready && titles.every((t) => shown.some((s) => s.includes(t))) && performance.now();
    },
    TITLES,
    { polling: 'raf', timeout: 30_000 },
  );
  return (await handle.jsonValue()) as number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const p95 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)] as number;

async function main(): Promise<void> {
  const tiles = await startTileServer();
  const relay = await startRelayProcess({ app: true, env: { VADA_TILE_URL: tiles.template } });
  const profile = mkdtempSync(join(tmpdir(), 'vada-offline-bench-'));
  let ctx: BrowserContext | undefined;
  try {
    ctx = await launch(profile);
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(relay.url);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    for (const title of TITLES) await proposePoint(page, { title });
    // Let the worker cache what is on screen (the page hands over the first visit's tiles).
    await page.reload();
    await page.waitForTimeout(3_000);
    await tiles.stop();
    await relay.stop();

    const newTab: number[] = [];
    await setOffline(ctx, true);
    for (let i = 0; i < RUNS; i++) {
      const p = await ctx.newPage();
      newTab.push(await usableAfter(p, relay.url));
      await p.close();
    }
    await ctx.close();

    const restart: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      ctx = await launch(profile);
      await setOffline(ctx, true);
      const p = ctx.pages()[0] ?? (await ctx.newPage());
      restart.push(await usableAfter(p, relay.url));
      await ctx.close();
    }
    ctx = undefined;
    const fmt = (xs: number[]) =>
      `median ${median(xs).toFixed(0)} ms, p95 ${p95(xs).toFixed(0)} ms (all: ${xs.map((x) => x.toFixed(0)).join(', ')})`;
    console.log(`offline start to usable map, ${RUNS} runs each (shell + every tile decoded + 2 known points)`);
    console.log(`  new tab, worker running:   ${fmt(newTab)}`);
    console.log(`  full browser restart:      ${fmt(restart)}`);
    console.log('  floor (docs/browser-floors.md, first tile decoded): new page 137 ms, after restart 254 ms');
  } finally {
    await ctx?.close().catch(() => {});
    await relay.kill().catch(() => {});
    await tiles.stop().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  }
}

runBench(main);
