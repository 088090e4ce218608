/**
 * A city of points (issue 15, goal 2): how smooth the map stays while a
 * person pans and zooms over 0, 1,000 and 10,000 live points. The built app
 * (dist/, or MAP_BENCH_APP=<dir>) is served by the real relay with a local
 * tile server; the points are real sealed records from many author keys (the
 * per-key quota allows 20 points an hour, so 10,000 need 500 keys), pushed
 * into the relay over a plain WebSocket. A fresh Chromium phone (390×800,
 * touch) syncs them, waits until the map's point index counts them all, then
 * a scripted 5 s gesture track (drags and wheel zooms) runs three times
 * while the page logs every requestAnimationFrame timestamp and every long
 * task (frames pooled over the passes). 0 points
 * in the same run is the baseline. Writes bench/results/map-frames.json
 * (MAP_BENCH_OUT=<file> to write elsewhere) and prints a table.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openCircle } from '../src/protocol/circle';
import { generateIdentity } from '../src/protocol/identity';
import { sealRecord, type Sealed } from '../src/protocol/sealRecord';
import { blast } from '../tests/fixtures/floodPeer';
import { launchChromium } from '../tests/fixtures/browser';
import { firstRunHintDismissed } from '../tests/fixtures/e2ePeer';
import { pointPayload } from '../tests/fixtures/records';
import { startRelayProcess } from '../tests/fixtures/relayProcess';
import { startTileServer } from '../tests/fixtures/tileServer';
import { percentile } from './latencyStats';

const APP = resolve(process.env.MAP_BENCH_APP ?? join(import.meta.dirname, '..', 'dist'));
const OUT = resolve(process.env.MAP_BENCH_OUT ?? join(import.meta.dirname, 'results', 'map-frames.json'));
/** MAP_BENCH_PROFILE=<dir>: also write a CPU profile of each gesture window there (tsx bench/profileSummary.ts <dir>). */
const PROFILE_DIR = process.env.MAP_BENCH_PROFILE;
const COUNTS = (process.env.MAP_BENCH_COUNTS ?? '0,1000,10000').split(',').map(Number);
/** The city the points are spread over (around the app's test coordinates), and the start view. */
const CENTRE = { lat: 53.9045, lon: 27.5615 };
const SPREAD = { lat: 0.06, lon: 0.1 };
const START_ZOOM = 13;
const GESTURE_MS = 5_000;
/** Gesture passes per point count (MAP_BENCH_PASSES), their frames pooled. */
const PASSES = Number(process.env.MAP_BENCH_PASSES ?? 3);
const SYNC_TIMEOUT_MS = 180_000;
const PER_KEY = 20;

/** One measured run: frame durations from rAF timestamps, long tasks from PerformanceObserver. */
export interface MapFramesRow {
  /** Points synced and on the map. */
  readonly points: number;
  /** ms from navigation until the index counted every point. */
  readonly syncMs: number;
  readonly frames: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly maxFrame: number;
  /** Share (0..1) of the gesture's time spent in frames longer than 50 ms. */
  readonly over50Share: number;
  readonly framesOver50: number;
  readonly longTasks: number;
  readonly longestTask: number;
  /** The over-50 ms share of each gesture pass on its own (how much the machine swung). */
  readonly passShares: readonly number[];
}

/** Logs rAF timestamps and long tasks from `window.__mapFrames.start()` to `.stop()` (plain JS: runs in the page). */
const FRAME_PROBE = `(() => {
  const state = { on: false, run: 0, stamps: [], tasks: [] };
  new PerformanceObserver((list) => {
    if (!state.on) return;
    for (const e of list.getEntries()) state.tasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: false });
  Object.defineProperty(window, '__mapFrames', { value: {
    start() {
      // One rAF loop per pass: a loop of the last pass still waiting for its frame ends itself.
      const run = ++state.run;
      const tick = (ts) => { if (state.on && run === state.run) { state.stamps.push(ts); requestAnimationFrame(tick); } };
      state.on = true; state.stamps = []; state.tasks = [];
      requestAnimationFrame(tick);
    },
    stop() { state.on = false; return { stamps: state.stamps, tasks: state.tasks }; },
  } });
})();`;

/** How many points the map's index says it holds (its total, or its rows where it lists them all). */
const SHOWN = `(() => {
  const nav = document.querySelector('[data-testid=map-index]');
  if (!nav) return 0;
  if (nav.dataset.total !== undefined) return Number(nav.dataset.total);
  return nav.querySelectorAll('[data-point-id]').length;
})()`;

const round = (x: number) => Math.round(x * 10) / 10;

/** Seals `count` live points spread over the city, PER_KEY per fresh key (the quota), all created now. */
async function sealCity(count: number, from: number): Promise<Sealed[]> {
  const circle = await openCircle();
  const now = Date.now();
  const out: Sealed[] = [];
  let seed = 1 + from;
  // A small deterministic generator: the same city every run.
  const rand = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  for (let i = 0; i < count; i += PER_KEY) {
    const who = await generateIdentity();
    for (let j = i; j < Math.min(count, i + PER_KEY); j++) {
      const place = {
        lat: CENTRE.lat + (rand() * 2 - 1) * SPREAD.lat,
        lon: CENTRE.lon + (rand() * 2 - 1) * SPREAD.lon,
      };
      const payload = pointPayload(`Point ${String(from + j).padStart(5, '0')}`, now, place);
      out.push(await sealRecord(who, circle, 'point', payload, now));
    }
  }
  return out;
}

/** The gesture track: drags in four directions and wheel zooms in and out, until GESTURE_MS passed. */
async function gestures(page: Page): Promise<void> {
  const cx = 195;
  const cy = 400;
  const moves: [number, number][] = [
    [-160, -220],
    [160, 220],
    [180, -120],
    [-180, 120],
  ];
  const end = Date.now() + GESTURE_MS;
  let n = 0;
  while (Date.now() < end) {
    if (n % 3 === 2) {
      await page.mouse.move(cx, cy);
      await page.mouse.wheel(0, n % 2 === 0 ? -120 : 120);
      await page.waitForTimeout(350);
    } else {
      const [dx, dy] = moves[n % moves.length] as [number, number];
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      const steps = 12;
      for (let s = 1; s <= steps; s++) {
        await page.mouse.move(cx + (dx * s) / steps, cy + (dy * s) / steps);
        await page.waitForTimeout(16);
      }
      await page.mouse.up();
      await page.waitForTimeout(120);
    }
    n++;
  }
  // Let the last swipe's inertia and redraw finish inside the window.
  await page.waitForTimeout(400);
}

async function measure(browser: Browser, appUrl: string, points: number): Promise<MapFramesRow> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 800 },
    hasTouch: true,
    isMobile: false,
    locale: 'en-US',
    storageState: firstRunHintDismissed(appUrl, { view: { ...CENTRE, zoom: START_ZOOM } }),
  });
  try {
    const page = await context.newPage();
    await page.addInitScript(FRAME_PROBE);
    const started = Date.now();
    await page.goto(appUrl, { waitUntil: 'load' });
    await page.getByTestId('connection-status').waitFor({ timeout: 30_000 });
    let shown = 0;
    while ((shown = (await page.evaluate(SHOWN)) as number) < points) {
      if (Date.now() - started > SYNC_TIMEOUT_MS) throw new Error(`only ${shown}/${points} points after sync timeout`);
      await page.waitForTimeout(200);
    }
    const syncMs = Date.now() - started;
    // Tiles, fonts and the first draw settle before the gestures start.
    await page.waitForTimeout(2_000);
    const profiler = PROFILE_DIR ? await context.newCDPSession(page) : undefined;
    if (profiler) {
      await profiler.send('Profiler.enable');
      await profiler.send('Profiler.start');
    }
    // PASSES gesture tracks, pooled: one 5 s track on a shared 2-core machine swings too much to compare.
    const frames: number[] = [];
    const tasks: number[] = [];
    const passShares: number[] = [];
    for (let pass = 0; pass < PASSES; pass++) {
      await page.evaluate(() => (window as unknown as { __mapFrames: { start(): void } }).__mapFrames.start());
      await gestures(page);
      const got = await page.evaluate(() =>
        (window as unknown as { __mapFrames: { stop(): { stamps: number[]; tasks: number[] } } }).__mapFrames.stop(),
      );
      const these = got.stamps.slice(1).map((t, i) => t - (got.stamps[i] as number));
      const slowMs = these.filter((d) => d > 50).reduce((a, d) => a + d, 0);
      passShares.push(
        Math.round(
          (slowMs /
            Math.max(
              1,
              these.reduce((a, d) => a + d, 0),
            )) *
            1000,
        ) / 1000,
      );
      frames.push(...these);
      tasks.push(...got.tasks);
    }
    if (profiler && PROFILE_DIR) {
      const { profile } = await profiler.send('Profiler.stop');
      mkdirSync(PROFILE_DIR, { recursive: true });
      writeFileSync(join(PROFILE_DIR, `map-${points}.cpuprofile`), JSON.stringify(profile));
    }
    const sorted = [...frames].sort((a, b) => a - b);
    const total = frames.reduce((s, d) => s + d, 0);
    const slow = frames.filter((d) => d > 50);
    return {
      points,
      syncMs,
      frames: frames.length,
      p50: round(percentile(sorted, 0.5) ?? 0),
      p95: round(percentile(sorted, 0.95) ?? 0),
      p99: round(percentile(sorted, 0.99) ?? 0),
      maxFrame: round(sorted.at(-1) ?? 0),
      over50Share: total > 0 ? Math.round((slow.reduce((s, d) => s + d, 0) / total) * 1000) / 1000 : 0,
      framesOver50: slow.length,
      longTasks: tasks.length,
      longestTask: round(Math.max(0, ...tasks)),
      passShares,
    };
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  if (!existsSync(join(APP, 'index.html'))) throw new Error(`no built app in ${APP}: run npm run build first`);
  const tiles = await startTileServer();
  const relay = await startRelayProcess({ app: true, args: ['--app-dir', APP, '--tiles', tiles.template] });
  const browser = await launchChromium();
  const rows: MapFramesRow[] = [];
  try {
    let pushed = 0;
    for (const count of [...COUNTS].sort((a, b) => a - b)) {
      if (count > pushed) {
        const t0 = Date.now();
        const records = await sealCity(count - pushed, pushed);
        const sealMs = Date.now() - t0;
        const flood = await blast(relay.gunUrl, records, 120_000);
        const acks = await flood.done;
        flood.close();
        const refused = [...acks.values()].filter((a) => a !== 'ok').length;
        if (refused > 0 || acks.size < records.length)
          throw new Error(`the relay took ${acks.size - refused}/${records.length} points`);
        console.error(`  sealed ${records.length} points in ${sealMs} ms, stored in ${flood.elapsedMs()} ms`);
        pushed = count;
      }
      const row = await measure(browser, relay.url, count);
      console.error(`  ${count} points: synced in ${row.syncMs} ms, p95 ${row.p95} ms`);
      rows.push(row);
    }
  } finally {
    await browser.close();
    await relay.stop();
    await tiles.stop();
  }
  const baseline = rows.find((r) => r.points === 0);
  const result = {
    at: new Date().toISOString(),
    // Relative to the repository: results are committed, and a machine's own paths mean nothing elsewhere.
    app: relative(join(import.meta.dirname, '..'), APP) || '.',
    viewport: '390x800',
    gestureMs: GESTURE_MS,
    passes: PASSES,
    rows: rows.map((r) => ({ ...r, p95VsBaseline: baseline && baseline.p95 > 0 ? round(r.p95 / baseline.p95) : null })),
  };
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, JSON.stringify(result, null, 2) + '\n');
  console.log(
    'points  frames  p50 ms  p95 ms  p99 ms  max ms  >50ms share  long tasks  longest ms  sync ms  share per pass',
  );
  for (const r of result.rows)
    console.log(
      [
        String(r.points).padStart(6),
        String(r.frames).padStart(7),
        String(r.p50).padStart(7),
        String(r.p95).padStart(7),
        String(r.p99).padStart(7),
        String(r.maxFrame).padStart(7),
        `${(r.over50Share * 100).toFixed(1)} %`.padStart(12),
        String(r.longTasks).padStart(11),
        String(r.longestTask).padStart(11),
        String(r.syncMs).padStart(8),
        `  ${r.passShares.map((x) => `${(x * 100).toFixed(1)} %`).join(' / ')}`,
      ].join(' '),
    );
  console.log(`written ${OUT}`);
}

await main();
process.exit(0);
