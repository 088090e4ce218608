/**
 * `npm run bench:lighthouse`: Lighthouse 12 (Node API) against the built app
 * as the real relay process serves it (compressed, cached), with the map's
 * tiles from a local tile server (VADA_TILE_URL), mobile form factor and
 * Lighthouse's default mobile throttling (simulated: 150 ms RTT, 1.6 Mbit/s,
 * 4× CPU slowdown). RUNS runs (default 3); the table shows each run and the
 * median. Baseline in the same run: a minimal static page (one heading, no
 * script) from a Node server on the same machine — the floor the simulated
 * metrics have here.
 * Nothing leaves the machine: Chromium resolves every host but 127.0.0.1 to
 * nothing (--host-resolver-rules), and the script lists every URL the page
 * requested that is not local (expected: none).
 * Needs a build (`npm run build`; APP_DIR=<folder> serves another one).
 * Writes bench/results/lighthouse.json.
 */
import lighthouse, { type Flags, type Result } from 'lighthouse';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM_FLAGS, findChromium } from '../tests/fixtures/browser';
import { startRelayProcess } from '../tests/fixtures/relayProcess';
import { startTileServer } from '../tests/fixtures/tileServer';
import { machineConditions, runBench, startBench, writeResult } from './benchRun';

const RUNS = Number(process.env.RUNS ?? 3);
const GOAL_PERFORMANCE = 90;
const APP_DIR = resolve(process.env.APP_DIR ?? new URL('../dist', import.meta.url).pathname);
/** Every host name fails to resolve except loopback: Lighthouse and Chromium cannot reach the internet. */
const OFFLINE_RULES = '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1';

interface RunRow {
  target: string;
  run: number;
  performance: number;
  accessibility: number;
  bestPractices: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  siMs: number;
  unusedJsKiB: number;
  /** Bytes transferred for the whole load (every request, compressed as sent). */
  transferKiB: number;
  /** URLs the page requested that are not on 127.0.0.1 (or data:/blob:). */
  external: string[];
  /** Audits of the three categories that did not pass (score below 1), by id. */
  failing: string[];
  warnings: string[];
}

const score = (lhr: Result, id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
const num = (lhr: Result, id: string) => lhr.audits[id]?.numericValue ?? NaN;

function rowOf(target: string, run: number, lhr: Result): RunRow {
  const unused = lhr.audits['unused-javascript']?.details as { overallSavingsBytes?: number } | undefined;
  const requests =
    (lhr.audits['network-requests']?.details as { items?: { url: string; transferSize?: number }[] } | undefined)
      ?.items ?? [];
  const local = (u: string) => /^(data:|blob:|chrome|about:)/.test(u) || new URL(u).hostname === '127.0.0.1';
  return {
    target,
    run,
    performance: score(lhr, 'performance'),
    accessibility: score(lhr, 'accessibility'),
    bestPractices: score(lhr, 'best-practices'),
    fcpMs: Math.round(num(lhr, 'first-contentful-paint')),
    lcpMs: Math.round(num(lhr, 'largest-contentful-paint')),
    tbtMs: Math.round(num(lhr, 'total-blocking-time')),
    cls: Math.round(num(lhr, 'cumulative-layout-shift') * 1000) / 1000,
    siMs: Math.round(num(lhr, 'speed-index')),
    unusedJsKiB: Math.round(((unused?.overallSavingsBytes ?? 0) / 1024) * 10) / 10,
    transferKiB: Math.round((requests.reduce((s, r) => s + (r.transferSize ?? 0), 0) / 1024) * 10) / 10,
    external: requests.map((r) => r.url).filter((u) => !local(u)),
    failing: Object.values(lhr.categories).flatMap((c) =>
      c.auditRefs
        .filter((a) => a.weight > 0 && (lhr.audits[a.id]?.score ?? 1) < 1)
        .map((a) => `${c.id}: ${a.id} (${lhr.audits[a.id]?.displayValue ?? lhr.audits[a.id]?.score})`),
    ),
    warnings: lhr.runWarnings,
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] as number;
};

/** The row of medians (each metric's own median over the runs). */
function medianRow(target: string, rows: RunRow[]): RunRow {
  const m = (k: keyof RunRow) => median(rows.map((r) => r[k] as number));
  return {
    target,
    run: 0,
    performance: m('performance'),
    accessibility: m('accessibility'),
    bestPractices: m('bestPractices'),
    fcpMs: m('fcpMs'),
    lcpMs: m('lcpMs'),
    tbtMs: m('tbtMs'),
    cls: m('cls'),
    siMs: m('siMs'),
    unusedJsKiB: m('unusedJsKiB'),
    transferKiB: m('transferKiB'),
    external: [...new Set(rows.flatMap((r) => r.external))],
    failing: [...new Set(rows.flatMap((r) => r.failing.map((f) => f.replace(/ \(.*\)$/, ''))))],
    warnings: [...new Set(rows.flatMap((r) => r.warnings))],
  };
}

/** The floor: one static page with a heading and no script. */
async function startFloorPage(): Promise<{ url: string; close(): Promise<void> }> {
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Floor</title><meta name="description" content="floor"></head><body><h1>Floor</h1></body></html>';
  const server = createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
    res.end(html);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(() => ok())) };
}

interface Chromium {
  port: number;
  /** Kills Chromium, waits for it, deletes its profile. */
  kill(): Promise<void>;
}

/** Debian's Chromium with the project's flags, a throw-away profile and a DevTools port on 127.0.0.1. */
async function startChromium(): Promise<Chromium> {
  const profile = mkdtempSync(join(tmpdir(), 'vada-lighthouse-'));
  const child = spawn(
    findChromium(),
    [
      ...CHROMIUM_FLAGS,
      OFFLINE_RULES,
      '--remote-debugging-address=127.0.0.1',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  process.once('exit', () => child.kill('SIGKILL'));
  const kill = async () => {
    child.kill('SIGKILL');
    await exited;
    rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
  };
  const port = await new Promise<number>((ok, fail) => {
    let text = '';
    child.stderr.on('data', (d: Buffer) => {
      text += d.toString();
      const m = /DevTools listening on ws:\/\/127\.0\.0\.1:(\d+)\//.exec(text);
      if (m) ok(Number(m[1]));
    });
    child.once('exit', () => fail(new Error(`Chromium exited: ${text.slice(-500)}`)));
  });
  return { port, kill };
}

async function audit(chrome: Chromium, url: string): Promise<Result> {
  const flags: Flags = {
    port: chrome.port,
    output: 'json',
    logLevel: 'error',
    formFactor: 'mobile',
    throttlingMethod: 'simulate',
    onlyCategories: ['performance', 'accessibility', 'best-practices'],
  };
  const r = await lighthouse(url, flags);
  if (!r) throw new Error(`Lighthouse returned nothing for ${url}`);
  if (r.lhr.runtimeError) throw new Error(`Lighthouse: ${r.lhr.runtimeError.code} ${r.lhr.runtimeError.message}`);
  return r.lhr;
}

const COLUMNS: [string, keyof RunRow, number][] = [
  ['perf', 'performance', 5],
  ['a11y', 'accessibility', 5],
  ['b.p.', 'bestPractices', 5],
  ['FCP ms', 'fcpMs', 7],
  ['LCP ms', 'lcpMs', 7],
  ['TBT ms', 'tbtMs', 7],
  ['CLS', 'cls', 6],
  ['SI ms', 'siMs', 7],
  ['unused JS KiB', 'unusedJsKiB', 14],
  ['sent KiB', 'transferKiB', 9],
];
const line = (label: string, r: RunRow) =>
  `${label.padEnd(24)}${COLUMNS.map(([, k, w]) => String(r[k]).padStart(w)).join(' ')}`;

async function main(): Promise<void> {
  if (!existsSync(resolve(APP_DIR, 'index.html')))
    throw new Error(`No build in ${APP_DIR}: run \`npm run build\` first.`);
  const start = startBench();
  const tiles = await startTileServer();
  const floor = await startFloorPage();
  const relay = await startRelayProcess({
    app: true,
    args: ['--app-dir', APP_DIR],
    env: { VADA_TILE_URL: tiles.template },
  });
  const chrome = await startChromium();
  try {
    const version = (await (await fetch(`http://127.0.0.1:${chrome.port}/json/version`)).json()) as { Browser: string };
    console.log(
      `lighthouse bench: ${RUNS} runs, mobile, simulated throttling, ${cpus().length} cores, load ${start.load.join(' ')}, ${version.Browser}`,
    );
    const rows: RunRow[] = [];
    for (let i = 1; i <= RUNS; i++) {
      rows.push(rowOf('floor', i, await audit(chrome, floor.url)));
      rows.push(rowOf('app', i, await audit(chrome, relay.url)));
      console.log(`  run ${i}/${RUNS} done`);
    }
    const app = rows.filter((r) => r.target === 'app');
    const base = rows.filter((r) => r.target === 'floor');
    const medians = { app: medianRow('app', app), floor: medianRow('floor', base) };
    const head = `${'target'.padEnd(24)}${COLUMNS.map(([h, , w]) => h.padStart(w)).join(' ')}`;
    console.log(['', head, '-'.repeat(head.length)].join('\n'));
    for (const r of rows) console.log(line(`${r.target} run ${r.run}`, r));
    console.log(line('app (median)', medians.app));
    console.log(line('floor page (median)', medians.floor));
    const external = medians.app.external.concat(medians.floor.external);
    console.log(
      `\nrequests off the machine: ${external.length === 0 ? 'none' : external.join(', ')}` +
        `\ngoal: mobile performance ≥ ${GOAL_PERFORMANCE}: ${medians.app.performance >= GOAL_PERFORMANCE ? 'MET' : 'NOT MET'} (median ${medians.app.performance}; floor page ${medians.floor.performance}; FCP ${(medians.app.fcpMs / medians.floor.fcpMs).toFixed(2)}× the floor's)`,
    );
    console.log(`app audits not passed (any run): ${medians.app.failing.join('; ') || 'none'}`);
    for (const w of medians.app.warnings) console.log(`warning: ${w}`);
    writeResult('lighthouse.json', {
      conditions: {
        ...machineConditions(start, version.Browser),
        lighthouse: '12.8.2',
        runs: RUNS,
        formFactor: 'mobile',
        throttling: 'simulate (Lighthouse mobile defaults)',
        appDir: process.env.APP_DIR ? 'APP_DIR (a private build)' : 'dist',
      },
      goal: { performance: GOAL_PERFORMANCE, met: medians.app.performance >= GOAL_PERFORMANCE },
      median: medians,
      runs: rows,
    });
  } finally {
    await chrome.kill().catch(() => undefined);
    await relay.kill().catch(() => undefined);
    await tiles.stop().catch(() => undefined);
    await floor.close().catch(() => undefined);
  }
}

runBench(main);
