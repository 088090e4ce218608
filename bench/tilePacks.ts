/**
 * `npm run bench:packs` (with bench/packServe.ts): map packs in headless
 * Chromium, through the real UI of the built app served by a real relay.
 * - Import: a ≥ 100 MB pack of real PNG tiles (colour tiles padded after
 *   their end, 2–3× the average raster tile) picked in Settings › Offline
 *   maps; throughput from the input's `change` to the pack's row (in-page
 *   clock), and memory sampled every 100 ms during it: the page's JS heap
 *   (CDP Runtime.getHeapUsage and Performance.getMetrics JSHeapUsedSize) and
 *   the RSS of every Chromium process of this run (/proc), peak and before.
 *   `performance.measureUserAgentSpecificMemory` needs cross-origin
 *   isolation, which the app does not have: the result says which was used.
 * - First tile offline: new tabs (worker running, network off, tile host
 *   stopped) of a phone with the pack and of a phone that saved the same
 *   area from a tile host serving the pack's own bytes; ms from navigation
 *   start to the first tile drawn and to every tile on screen drawn.
 * - Export: the saved area (the depth whose estimate is nearest 1,000 tiles)
 *   written as a .pmtiles file: ms from the tap to the download, and the file
 *   read back with the pmtiles library.
 * Writes bench/results/tilePacks.json. Needs a build (`npm run build`).
 */
import { readdirSync, readFileSync, rmSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { viewBounds } from '../src/domain/tiles';
import { launchChromium } from '../tests/fixtures/browser';
import { paddedColourTiles, servePackTiles } from '../tests/fixtures/e2ePacks';
import { firstRunHintDismissed, WAIT_MS } from '../tests/fixtures/e2ePeer';
import { followOffline, setOffline } from '../tests/fixtures/offlineContext';
import { libraryReader } from '../tests/fixtures/packs';
import { packOnDisk } from '../tests/fixtures/relayPacks';
import { startRelayProcess } from '../tests/fixtures/relayProcess';
import { machineBusyMs } from './machineCpu';
import { runBench } from './benchRun';

const RUNS = Number(process.env.RUNS ?? 5);
const PACK_BYTES = Number(process.env.PACK_MB ?? 110) * 1e6;
const OUT = join(import.meta.dirname, 'results', 'tilePacks.json');
/** A larger phone screen than the e2e one, so the saved area at one depth is about 1,000 tiles. */
const VIEWPORT = { width: 720, height: 900 };
const PLACE = { lat: 50.4501, lon: 30.5234, zoom: 13 };
const ZOOMS = [PLACE.zoom - 2, 16] as const;

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** Chromium's process type from its command line ('browser' for the main process). */
function processType(pid: number): string {
  try {
    // Chromium rewrites its children's command lines into one space-separated string.
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    const type = /--type=(\S+)/.exec(args)?.[1] ?? 'browser';
    const sub = /--utility-sub-type=(\S+)/.exec(args)?.[1];
    return sub ? `${type}:${sub.split('.').pop() ?? sub}` : type;
  } catch {
    return 'gone';
  }
}

/** Anonymous RSS (bytes: heap, not file-backed pages) of a process. */
function anonRss(pid: number): number {
  const kb = /RssAnon:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb ?? 0) * 1024;
}

/** RSS (bytes) of this process's Chromium descendants: total, the largest one, and summed by process type (all, anonymous). */
function chromiumRss(): { total: number; largest: number; byType: Map<string, number> } {
  const byType = new Map<string, number>();
  const parent = new Map<number, number>();
  const comm = new Map<number, string>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      comm.set(Number(name), stat.slice(stat.indexOf('(') + 1, close));
      parent.set(Number(name), Number(stat.slice(close + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const mine = (pid: number): boolean => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === process.pid) return true;
    return false;
  };
  let total = 0;
  let largest = 0;
  for (const [pid, name] of comm) {
    if (!/chrom/i.test(name) || !mine(pid)) continue;
    try {
      const rss = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * 4096;
      total += rss;
      largest = Math.max(largest, rss);
      const type = processType(pid);
      byType.set(type, (byType.get(type) ?? 0) + rss);
      byType.set(`${type} (anonymous)`, (byType.get(`${type} (anonymous)`) ?? 0) + anonRss(pid));
    } catch {
      // gone meanwhile
    }
  }
  return { total, largest, byType };
}

async function phone(browser: Browser, url: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    hasTouch: true,
    locale: 'en-US',
    storageState: firstRunHintDismissed(url, { view: PLACE }),
  });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.getByTestId('connection-status').waitFor({ timeout: WAIT_MS });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
  return { context, page };
}

async function openOfflineMaps(page: Page): Promise<void> {
  await page.getByTestId('settings-button').click();
  await page.getByTestId('offline-maps').waitFor({ timeout: WAIT_MS });
}

/** In a new tab: ms from navigation start until the first tile, then every tile on screen, is drawn. */
async function firstTile(
  context: BrowserContext,
  url: string,
  selector: string,
): Promise<{ first: number; all: number }> {
  const page = await context.newPage();
  try {
    await followOffline(page);
    await page.goto(url, { waitUntil: 'commit' });
    const drawn = (sel: string, every: boolean) =>
      page.waitForFunction(
        ([s, all]) => {
          // Drawn = a decoded image (no named helper here: tsx would wrap it in a function the page lacks).
          const done = [...document.querySelectorAll<HTMLImageElement>(s as string)].map(
            (i) => i.complete && i.naturalWidth > 0,
          );
          return (all ? done.length > 0 && done.every(Boolean) : done.some(Boolean)) && performance.now();
        },
        [sel, every] as const,
        { polling: 'raf', timeout: 30_000 },
      );
    const first = (await (await drawn(selector, false)).jsonValue()) as number;
    const all = (await (await drawn(selector, true)).jsonValue()) as number;
    return { first: round(first), all: round(all) };
  } finally {
    await page.close();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vada-bench-tilepacks-'));
  const busy0 = machineBusyMs();
  const wall0 = performance.now();
  // The pack: every tile of a box around PLACE (wider than the screen) at ZOOMS, ≥ PACK_BYTES in all.
  const bounds = viewBounds(PLACE.lat, PLACE.lon, PLACE.zoom, VIEWPORT.width * 1.9, VIEWPORT.height * 1.9);
  const count = paddedColourTiles(bounds, ZOOMS[0], ZOOMS[1], () => 0).length;
  const average = Math.ceil(PACK_BYTES / count);
  const tiles = paddedColourTiles(bounds, ZOOMS[0], ZOOMS[1], (i) =>
    Math.round(average * (0.5 + ((i * 7919) % 1000) / 1000)),
  );
  const pack = await packOnDisk(dir, 'bench-kyiv.pmtiles', tiles, {
    name: 'Bench Kyiv',
    attribution: '© bench',
    bounds,
  });
  const host = await servePackTiles(tiles);
  const relay = await startRelayProcess({
    app: true,
    env: { VADA_TILE_URL: host.template, VADA_TILES_BULK_MAX_ZOOM: '19' },
  });
  const browser = await launchChromium();
  try {
    // --- Saved area of about 1,000 tiles, and its export. ---
    const saved = await phone(browser, relay.url);
    await saved.page.getByTestId('settings-button').click();
    await saved.page.getByTestId('settings-sheet').waitFor({ timeout: WAIT_MS });
    const depths = await saved.page.getByTestId('area-depth').locator('option').allTextContents();
    let best = { depth: '', count: Number.POSITIVE_INFINITY };
    for (const depth of depths.filter((d) => Number(d) <= ZOOMS[1])) {
      await saved.page.getByTestId('area-depth').selectOption(depth);
      const text = (await saved.page.getByTestId('area-estimate').textContent()) ?? '';
      const n = Number(/^([\d,]+)/.exec(text)?.[1]?.replace(/,/g, ''));
      if (Math.abs(n - 1000) < Math.abs(best.count - 1000)) best = { depth, count: n };
    }
    await saved.page.getByTestId('area-depth').selectOption(best.depth);
    const saveStart = Date.now();
    await saved.page.getByTestId('save-area').click();
    await saved.page.locator('[data-testid=saved-area][data-state=complete]').waitFor({ timeout: 300_000 });
    const saveMs = Date.now() - saveStart;
    const exportStart = performance.now();
    const [download] = await Promise.all([
      saved.page.waitForEvent('download', { timeout: 120_000 }),
      saved.page.getByTestId('saved-area-export').click(),
    ]);
    const exportMs = performance.now() - exportStart;
    const exported = join(dir, 'exported.pmtiles');
    await download.saveAs(exported);
    const exportedBytes = new Uint8Array(readFileSync(exported));
    const exportedHeader = await libraryReader(exportedBytes).getHeader();

    // --- Import of the large pack through the UI, memory sampled. ---
    const packPhone = await phone(browser, relay.url);
    const page = packPhone.page;
    await openOfflineMaps(page);
    const cdp = await packPhone.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const heapNow = async () => {
      const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
      const metrics = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      return {
        used: usage.usedSize,
        total: usage.totalSize,
        metric: metrics.metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0,
      };
    };
    const uaMemory = await page.evaluate(() => ({
      isolated: self.crossOriginIsolated,
      api:
        typeof (performance as unknown as { measureUserAgentSpecificMemory?: unknown })
          .measureUserAgentSpecificMemory === 'function',
    }));
    const heapBefore = await heapNow();
    const rssBefore = chromiumRss();
    const peak = {
      heapUsed: heapBefore.used,
      heapTotal: heapBefore.total,
      heapMetric: heapBefore.metric,
      rss: rssBefore.total,
      rssLargest: rssBefore.largest,
    };
    const peakByType = new Map(rssBefore.byType);
    let samples = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        try {
          const h = await heapNow();
          const r = chromiumRss();
          peak.heapUsed = Math.max(peak.heapUsed, h.used);
          peak.heapTotal = Math.max(peak.heapTotal, h.total);
          peak.heapMetric = Math.max(peak.heapMetric, h.metric);
          peak.rss = Math.max(peak.rss, r.total);
          peak.rssLargest = Math.max(peak.rssLargest, r.largest);
          for (const [type, rss] of r.byType) peakByType.set(type, Math.max(peakByType.get(type) ?? 0, rss));
          samples++;
        } catch {
          // the session may be busy for a moment
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    await page.evaluate(() => {
      const input = document.querySelector('[data-testid=pack-file-input]');
      input?.addEventListener(
        'change',
        () => ((window as unknown as { __picked: number }).__picked = performance.now()),
        {
          capture: true,
          once: true,
        },
      );
    });
    const importWall = performance.now();
    await page.getByTestId('pack-file-input').setInputFiles(pack.file);
    const rowAt = (await (
      await page.waitForFunction(
        () => document.querySelector('[data-testid=pack-row]') !== null && performance.now(),
        undefined,
        {
          polling: 'raf',
          timeout: 600_000,
        },
      )
    ).jsonValue()) as number;
    const importWallMs = performance.now() - importWall;
    sampling = false;
    await sampler;
    const pickedAt = await page.evaluate(() => (window as unknown as { __picked: number }).__picked);
    const importMs = rowAt - pickedAt;
    const refusal = await page.getByTestId('pack-problem').count();
    if (refusal > 0)
      throw new Error(`import refused: ${await page.getByTestId('pack-problem').getAttribute('data-code')}`);

    // --- First tile offline: the pack against the saved area (same tiles, same bytes). ---
    await host.stop();
    await setOffline(saved.context, true);
    await setOffline(packPhone.context, true);
    await page.close();
    await saved.page.close();
    const packRuns: { first: number; all: number }[] = [];
    const savedRuns: { first: number; all: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      packRuns.push(await firstTile(packPhone.context, relay.url, 'img.vada-pack-tile'));
      savedRuns.push(await firstTile(saved.context, relay.url, 'img.leaflet-tile'));
    }
    const busy1 = machineBusyMs();
    const mb = (n: number) => round(n / 1e6);
    const result = {
      when: new Date().toISOString(),
      node: process.version,
      chromium: browser.version(),
      viewport: VIEWPORT,
      import: {
        pack: { tiles: tiles.length, bytes: pack.bytes.length, zooms: ZOOMS, averageTileBytes: average },
        ms: round(importMs),
        wallMs: round(importWallMs),
        mbPerSecond: round(pack.bytes.length / 1e6 / (importMs / 1000), 2),
        memory: {
          method:
            'CDP Runtime.getHeapUsage + Performance.getMetrics (JSHeapUsedSize) of the page, RSS of every Chromium process of this run from /proc/<pid>/statm, sampled every 100 ms',
          measureUserAgentSpecificMemory:
            uaMemory.api && uaMemory.isolated
              ? 'available (not used)'
              : 'unavailable: the page is not cross-origin isolated',
          samples,
          jsHeapUsedMB: { before: mb(heapBefore.used), peak: mb(peak.heapUsed) },
          jsHeapTotalMB: { before: mb(heapBefore.total), peak: mb(peak.heapTotal) },
          jsHeapUsedSizeMetricMB: { before: mb(heapBefore.metric), peak: mb(peak.heapMetric) },
          chromiumRssMB: { before: mb(rssBefore.total), peak: mb(peak.rss) },
          largestProcessRssMB: { before: mb(rssBefore.largest), peak: mb(peak.rssLargest) },
          rssByProcessTypeMB: Object.fromEntries(
            [...peakByType].map(([type, rss]) => [
              type,
              { before: mb(rssBefore.byType.get(type) ?? 0), peak: mb(rss) },
            ]),
          ),
        },
      },
      firstTileOffline: {
        runs: RUNS,
        pack: {
          firstMs: packRuns.map((r) => r.first),
          allMs: packRuns.map((r) => r.all),
          firstMedian: median(packRuns.map((r) => r.first)),
          allMedian: median(packRuns.map((r) => r.all)),
        },
        savedArea: {
          firstMs: savedRuns.map((r) => r.first),
          allMs: savedRuns.map((r) => r.all),
          firstMedian: median(savedRuns.map((r) => r.first)),
          allMedian: median(savedRuns.map((r) => r.all)),
        },
      },
      export: {
        tiles: exportedHeader.numAddressedTiles,
        estimate: best.count,
        depth: Number(best.depth),
        bytes: exportedBytes.length,
        ms: round(exportMs),
        saveMs,
      },
      machineBusyShare:
        busy0 !== undefined && busy1 !== undefined ? round((busy1 - busy0) / (performance.now() - wall0), 2) : null,
    };
    mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
    writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
    const m = result.import.memory;
    const rows: [string, string][] = [
      ['pack imported', `${result.import.pack.tiles} tiles, ${mb(pack.bytes.length)} MB`],
      ['import time (change → row)', `${result.import.ms} ms (${result.import.mbPerSecond} MB/s)`],
      ['page JS heap used', `${m.jsHeapUsedMB.before} → peak ${m.jsHeapUsedMB.peak} MB`],
      ['Chromium RSS, all processes', `${m.chromiumRssMB.before} → peak ${m.chromiumRssMB.peak} MB`],
      ['largest Chromium process RSS', `${m.largestProcessRssMB.before} → peak ${m.largestProcessRssMB.peak} MB`],
      [
        'first tile offline, pack',
        `${result.firstTileOffline.pack.firstMedian} ms (all on screen ${result.firstTileOffline.pack.allMedian} ms)`,
      ],
      [
        'first tile offline, saved area',
        `${result.firstTileOffline.savedArea.firstMedian} ms (all on screen ${result.firstTileOffline.savedArea.allMedian} ms)`,
      ],
      ['export saved area', `${result.export.tiles} tiles, ${mb(result.export.bytes)} MB in ${result.export.ms} ms`],
      ['machine busy share', String(result.machineBusyShare)],
    ];
    for (const [type, r] of Object.entries(m.rssByProcessTypeMB))
      rows.push([`  RSS ${type}`, `${r.before} → peak ${r.peak} MB`]);
    for (const [k, v] of rows) console.log(`${k.padEnd(32)} ${v}`);
    console.log(`memory: ${m.method}; measureUserAgentSpecificMemory ${m.measureUserAgentSpecificMemory}`);
    console.log(`wrote ${OUT}`);
  } finally {
    await browser.close();
    await relay.kill();
    await host.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

runBench(main);
