/**
 * `npm run bench:sync`: a fresh device joining a busy network (issue 15, goal 3).
 * The real relay process serves the built app; Node pre-fills it with N live
 * points of the open circle (real sealed records, spread over several authors
 * and hour buckets: one key may write LIMITS.quotaPointsPerHour points an
 * hour), then a fresh Chromium context (390×800, empty storage) opens the app
 * and the page's own clock times navigation start → every point in the app's
 * state (the connection indicator's `data-points`, which reads the store's
 * point list). Baseline in the same run: a raw GET of the same bucket souls
 * over a WebSocket in a page of the same browser (socket creation → every id).
 * A WebSocket frame probe (CDP, outside the page) counts GETs per bucket soul
 * and arrivals per record id: the goal is one of each.
 * Also printed: the phases before the records (socket created, open, first GET, first record in) and
 * the page's CPU time (main thread, whole renderer), steadier than wall time on a busy machine.
 * Needs a build (`npm run build`; APP_DIR=<dir> serves another one). COUNTS=1000 runs one size,
 * THROTTLE=4 slows the page's CPU 4×, PROFILE=1 profiles the page.
 * Writes bench/results/fresh-sync.json.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import WebSocket from 'ws';
import { liveBuckets, bucketOf } from '../src/domain/bucket';
import { LIMITS } from '../src/domain/limits';
import { generateIdentity, openCircle, sealRecord, type Identity } from '../src/protocol';
import { soulOf } from '../src/protocol/souls';
import { launchChromium } from '../tests/fixtures/browser';
import { firstRunHintDismissed } from '../tests/fixtures/e2ePeer';
import { startRelayProcess, type RelayProcess } from '../tests/fixtures/relayProcess';
import { runBench } from './benchRun';

const COUNTS = (process.env.COUNTS ?? '1000,10000').split(',').map(Number);
/** Hour buckets the points are spread over (the newest first): several souls, as a real day has. */
const HOURS = 4;
const TIMEOUT_MS = Number(process.env.TIMEOUT_MS ?? 120_000);
const APP_DIR = process.env.APP_DIR ? resolve(process.env.APP_DIR) : undefined;
const THROTTLE = Number(process.env.THROTTLE ?? 1);
const GOAL_MS: Record<number, number> = { 1000: 1000, 10000: 5000 };

/** One line of fresh-sync.json (times in ms from the page's navigation start / socket creation). */
interface Row {
  points: number;
  /** Navigation start → all points in the app's state; null when not all arrived in time. */
  appMs: number | null;
  /**
   * CPU time the page's renderer used from navigation to all points in (read within ~100 ms after):
   * its main thread, and the whole renderer process (verify workers included).
   */
  mainCpuMs: number | null;
  rendererCpuMs: number | null;
  /** Navigation start → the relay socket created, open, its first GET sent, its first record received. */
  socketMs: number | null;
  openMs: number | null;
  firstGetMs: number | null;
  firstPutMs: number | null;
  /** Points the app held at the end (0 lost: equal to `points`). */
  appGot: number;
  /** Raw GET of the same souls over a WebSocket in a page: socket creation → every id. */
  rawMs: number | null;
  ratio: number | null;
  goalMs: number | null;
  /** GET messages the app sent, and per bucket soul the most and fewest GETs (each soul asked once: 1/1). */
  gets: number;
  getsPerSoulMax: number;
  getsPerSoulMin: number;
  souls: number;
  /** Record arrivals at the app's socket, and per record id the most (each received once: 1). */
  arrivals: number;
  arrivalsPerIdMax: number;
}

/** Every message of a frame (GUN sends arrays of messages too). */
function messages(text: string): Array<Record<string, unknown>> {
  try {
    const v = JSON.parse(text) as unknown;
    return (Array.isArray(v) ? v : [v]).filter((m): m is Record<string, unknown> => typeof m === 'object' && !!m);
  } catch {
    return [];
  }
}

/** Seals `count` points of the open circle: `perKey` per author and hour, over HOURS buckets. */
async function sealPoints(count: number): Promise<Array<{ soul: string; id: string; wire: string }>> {
  const circle = await openCircle();
  const now = Date.now();
  const perKey = LIMITS.quotaPointsPerHour;
  const out: Array<{ soul: string; id: string; wire: string }> = [];
  let identity: Identity | undefined;
  for (let i = 0; i < count; i += 1) {
    if (i % (perKey * HOURS) === 0) identity = await generateIdentity();
    const hour = i % HOURS;
    // Created in an earlier hour, started then and lasting 6 h: every point is active now.
    // Distinct times: the proof of work over an equal header would find an equal nonce (a replay).
    const created = now - hour * LIMITS.bucketMs - 1000 - i;
    const lat = 53.85 + ((i * 7919) % 1000) / 10_000;
    const lon = 27.5 + ((i * 104_729) % 1000) / 10_000;
    const sealed = await sealRecord(
      identity as Identity,
      circle,
      'point',
      {
        title: `Point ${i}`,
        note: 'Bring water. Meet by the fountain, north side; stewards wear yellow armbands.',
        lat: Math.round(lat * 1e4) / 1e4,
        lon: Math.round(lon * 1e4) / 1e4,
        start: created,
        end: created + 6 * 3_600_000 - 60_000,
      },
      created,
    );
    out.push({ soul: soulOf(circle.id, bucketOf(created)), id: sealed.id, wire: sealed.wire });
  }
  return out;
}

/** Writes the records to the relay over a plain WebSocket, 50 a PUT, and waits for every answer. */
async function fill(relay: RelayProcess, records: Array<{ soul: string; id: string; wire: string }>): Promise<void> {
  const ws = new WebSocket(relay.gunUrl.replace(/^http/, 'ws'));
  await new Promise((ok, fail) => ws.once('open', ok).once('error', fail));
  const frames: Array<{ id: string; text: string }> = [];
  for (let i = 0; i < records.length; i += 50) {
    const put: Record<string, Record<string, unknown>> = {};
    for (const r of records.slice(i, i + 50)) {
      const node = put[r.soul] ?? (put[r.soul] = { _: { '#': r.soul, '>': {} } });
      node[r.id] = r.wire;
      (node._ as { '>': Record<string, number> })['>'][r.id] = Date.now();
    }
    const id = `f${i}${Math.random().toString(36).slice(2, 9)}`;
    frames.push({ id, text: JSON.stringify({ '#': id, put }) });
  }
  const waiting = new Map<string, () => void>();
  const refused: string[] = [];
  ws.on('message', (data: Buffer) => {
    for (const m of messages(data.toString())) {
      if (typeof m['@'] !== 'string') continue;
      if (m.err !== undefined || m.refused !== undefined) refused.push(JSON.stringify(m).slice(0, 300));
      waiting.get(m['@'])?.();
    }
  });
  // A few PUTs in flight at once: the relay verifies each record before it answers.
  let next = 0;
  const worker = async () => {
    while (next < frames.length) {
      const f = frames[next++] as { id: string; text: string };
      await new Promise<void>((ok) => {
        waiting.set(f.id, ok);
        ws.send(f.text);
      });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  ws.close();
  if (refused.length > 0) throw new Error(`the relay refused some of the points: ${refused.join('\n')}`);
}

/** How many distinct record ids a plain GET of `souls` brings from Node (what the relay holds). */
async function countStored(relay: RelayProcess, souls: string[]): Promise<Set<string>> {
  const ws = new WebSocket(relay.gunUrl.replace(/^http/, 'ws'));
  await new Promise((ok, fail) => ws.once('open', ok).once('error', fail));
  const ids = new Set<string>();
  ws.on('message', (data: Buffer) => {
    for (const m of messages(data.toString())) {
      const put = m.put as Record<string, Record<string, unknown>> | undefined;
      for (const node of Object.values(put ?? {})) for (const id of Object.keys(node)) if (id !== '_') ids.add(id);
    }
  });
  for (const [i, soul] of souls.entries()) ws.send(JSON.stringify({ '#': `count${i}`, get: { '#': soul } }));
  await new Promise((r) => setTimeout(r, 3000));
  ws.close();
  return ids;
}

/**
 * Init script (plain JavaScript: tsx helpers do not exist in the page): when the app holds `n` points, and
 * the phases before (page clock): the relay socket created, open, its first GET sent, its first record in.
 */
const watchPoints = (n: number) => `(() => {
  const seen = { at: null, max: 0, socket: null, open: null, get: null, put: null };
  Object.defineProperty(window, '__freshSync', { value: seen });
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      if (seen.socket === null) seen.socket = performance.now();
      this.addEventListener('open', () => { if (seen.open === null) seen.open = performance.now(); });
      this.addEventListener('message', (e) => {
        if (seen.put === null && typeof e.data === 'string' && e.data.includes('"put"')) seen.put = performance.now();
      });
    }
    send(data) {
      if (seen.get === null && typeof data === 'string' && data.includes('"get"')) seen.get = performance.now();
      return super.send(data);
    }
  };
  const check = (el) => {
    const v = Number(el.getAttribute('data-points'));
    if (v > seen.max) seen.max = v;
    if (seen.at === null && v >= ${n}) seen.at = performance.now();
  };
  new MutationObserver((list) => {
    for (const m of list) if (m.target instanceof Element && m.target.hasAttribute('data-points')) check(m.target);
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-points'], childList: true });
})();`;

async function appRun(browser: Browser, relay: RelayProcess, n: number, souls: Set<string>) {
  const context = await browser.newContext({
    viewport: { width: 390, height: 800 },
    storageState: firstRunHintDismissed(relay.url),
  });
  const page = await context.newPage();
  const gets = new Map<string, number>();
  const arrivals = new Map<string, number>();
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => {
      for (const m of messages(String(f.payload))) {
        const soul = (m.get as { '#'?: unknown } | undefined)?.['#'];
        if (typeof soul === 'string') gets.set(soul, (gets.get(soul) ?? 0) + 1);
      }
    });
    ws.on('framereceived', (f) => {
      for (const m of messages(String(f.payload))) {
        const put = m.put as Record<string, Record<string, unknown>> | undefined;
        if (!put || typeof put !== 'object') continue;
        for (const node of Object.values(put))
          for (const id of Object.keys(node ?? {})) if (id !== '_') arrivals.set(id, (arrivals.get(id) ?? 0) + 1);
      }
    });
  });
  await page.addInitScript(watchPoints(n));
  page.on('pageerror', (e) => console.error(`  app page error: ${e.message}`));
  // PROFILE=1: a CPU profile of the page, its top functions by self time printed at the end and the whole
  // profile written to <tmpdir>/vada-fresh-sync-<n>.cpuprofile.
  // The page's CPU time (CDP Performance metrics), less at the mercy of a busy machine than wall time:
  // ThreadTime is the renderer's main thread, ProcessTime the whole renderer (the verify workers too).
  const perf = await context.newCDPSession(page);
  await perf.send('Performance.enable', { timeDomain: 'threadTicks' });
  const cpu = async () => {
    const { metrics } = await perf.send('Performance.getMetrics');
    const m = new Map(metrics.map((x) => [x.name, x.value]));
    return { thread: (m.get('ThreadTime') ?? 0) * 1000, process: (m.get('ProcessTime') ?? 0) * 1000 };
  };
  // THROTTLE=4: Chromium's CPU throttling, a slower phone's main thread (the app's own work then stands out
  // over a busy machine's noise).
  if (THROTTLE > 1) await perf.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  const cpuBefore = await cpu();
  const cdp = process.env.PROFILE ? await context.newCDPSession(page) : undefined;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  await page.goto(relay.url, { waitUntil: 'commit' });
  const end = Date.now() + TIMEOUT_MS;
  type Seen = Record<'at' | 'socket' | 'open' | 'get' | 'put', number | null> & { max: number };
  let state: Seen = { at: null, max: 0, socket: null, open: null, get: null, put: null };
  while (Date.now() < end) {
    state = await page.evaluate(() => (window as unknown as { __freshSync: Seen }).__freshSync);
    if (state.at !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const cpuAfter = await cpu();
  if (cdp) {
    const { profile } = await cdp.send('Profiler.stop');
    printProfile(profile);
    // Kept for a closer look (Chrome DevTools' Performance panel, or inclusive time per function).
    const file = join(tmpdir(), `vada-fresh-sync-${n}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    console.error(`  page profile written to ${file}`);
  }
  // Let late duplicates show up in the frame counts.
  await new Promise((r) => setTimeout(r, 1500));
  await context.close();
  const perSoul = [...souls].map((s) => gets.get(s) ?? 0);
  return {
    appMs: state.at,
    appGot: state.max,
    mainCpuMs: state.at === null ? null : Math.round(cpuAfter.thread - cpuBefore.thread),
    rendererCpuMs: state.at === null ? null : Math.round(cpuAfter.process - cpuBefore.process),
    socketMs: state.socket,
    openMs: state.open,
    firstGetMs: state.get,
    firstPutMs: state.put,
    gets: [...gets.values()].reduce((a, b) => a + b, 0),
    getsPerSoulMax: Math.max(...perSoul),
    getsPerSoulMin: Math.min(...perSoul),
    souls: souls.size,
    arrivals: [...arrivals.values()].reduce((a, b) => a + b, 0),
    arrivalsPerIdMax: Math.max(0, ...arrivals.values()),
  };
}

/** The baseline: a page of the relay's origin GETs every live bucket soul over one WebSocket. */
async function rawRun(browser: Browser, relay: RelayProcess, n: number, souls: string[]): Promise<number | null> {
  const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
  const page: Page = await context.newPage();
  // A file the relay serves, not the app: a page of the relay's own origin and address space
  // (a routed page is treated as public and refused a loopback socket).
  await page.goto(new URL('/manifest.webmanifest', relay.url).href);
  const wsUrl = relay.gunUrl.replace(/^http/, 'ws');
  page.on('console', (m) => m.type() === 'log' && console.error(`  raw page: ${m.text()}`));
  const ms = await page.evaluate(
    ({ wsUrl, souls, n, timeout }) =>
      new Promise<number | null>((done) => {
        const t0 = performance.now();
        const ids = new Set<string>();
        const ws = new WebSocket(wsUrl);
        const timer = setTimeout(() => {
          console.log(`raw GET: ${ids.size} of ${n} ids`);
          done(null);
        }, timeout);
        ws.onopen = () => {
          for (const [i, soul] of souls.entries()) ws.send(JSON.stringify({ '#': `raw${i}`, get: { '#': soul } }));
        };
        ws.onmessage = (e) => {
          const v = JSON.parse(String(e.data)) as unknown;
          for (const m of (Array.isArray(v) ? v : [v]) as Array<{ put?: Record<string, Record<string, unknown>> }>)
            for (const node of Object.values(m.put ?? {}))
              for (const id of Object.keys(node)) if (id !== '_') ids.add(id);
          if (ids.size >= n) {
            clearTimeout(timer);
            ws.close();
            done(performance.now() - t0);
          }
        };
      }),
    { wsUrl, souls, n, timeout: TIMEOUT_MS },
  );
  await context.close();
  return ms;
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples?: number[];
  timeDeltas?: number[];
}

/** The 25 functions with the most self time (diagnostics for PROFILE=1). */
function printProfile(profile: CpuProfile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let total = 0;
  for (const [i, id] of samples.entries()) {
    const f = byId.get(id);
    const key = f ? `${f.functionName || '(anonymous)'} ${f.url.split('/').pop() ?? ''}:${f.lineNumber + 1}` : '?';
    const ms = (deltas[i] ?? 0) / 1000;
    total += ms;
    self.set(key, (self.get(key) ?? 0) + ms);
  }
  console.error(`  page profile: ${Math.round(total)} ms sampled`);
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.error(`  ${String(Math.round(ms)).padStart(7)} ms  ${key}`);
}

const round = (x: number | null) => (x === null ? null : Math.round(x));
const fmt = (x: number | null, w = 8) => (x === null ? '—' : String(Math.round(x))).padStart(w);

async function main(): Promise<void> {
  const dist = APP_DIR ?? resolve('dist');
  if (!existsSync(resolve(dist, 'index.html'))) throw new Error('No build: run `npm run build` first.');
  const load = loadavg().map((x) => x.toFixed(2));
  const browser = await launchChromium();
  const rows: Row[] = [];
  try {
    for (const n of COUNTS) {
      const relay = await startRelayProcess({ app: true, ...(APP_DIR ? { args: ['--app-dir', APP_DIR] } : {}) });
      try {
        const t = Date.now();
        const records = await sealPoints(n);
        await fill(relay, records);
        const circle = await openCircle();
        const souls = liveBuckets(Date.now()).map((b) => soulOf(circle.id, b));
        const held = await countStored(relay, souls);
        const stored = held.size;
        if (process.env.DEBUG_FILL) console.error(records.flatMap((r, i) => (held.has(r.id) ? [] : [i])).join(' '));
        console.error(
          `  ${n} points sealed and sent in ${((Date.now() - t) / 1000).toFixed(1)} s; the relay holds ${stored}`,
        );
        const rawMs = await rawRun(browser, relay, n, souls);
        const app = await appRun(browser, relay, n, new Set(souls));
        rows.push({
          points: n,
          ...app,
          rawMs: rawMs === null ? null : Math.round(rawMs * 10) / 10,
          appMs: app.appMs === null ? null : Math.round(app.appMs),
          socketMs: round(app.socketMs),
          openMs: round(app.openMs),
          firstGetMs: round(app.firstGetMs),
          firstPutMs: round(app.firstPutMs),
          ratio: app.appMs !== null && rawMs ? Math.round((app.appMs / rawMs) * 10) / 10 : null,
          goalMs: GOAL_MS[n] ?? null,
        });
      } finally {
        await relay.stop();
      }
    }
  } finally {
    await browser.close();
  }
  console.log(
    `\nFresh device sync (${cpus().length} cores, load ${load.join(' ')}; 390×800, fresh context${THROTTLE > 1 ? `, CPU ${THROTTLE}× slower` : ''})`,
  );
  console.log('  points   app ms   raw ms   ratio   goal   got    GETs/soul  arrivals/id');
  for (const r of rows)
    console.log(
      `${String(r.points).padStart(8)} ${fmt(r.appMs)} ${fmt(r.rawMs)} ${String(r.ratio ?? '—').padStart(7)} ${fmt(r.goalMs, 6)} ${String(r.appGot).padStart(6)}    ${r.getsPerSoulMin}–${r.getsPerSoulMax} (${r.gets}/${r.souls})    ${r.arrivalsPerIdMax} (${r.arrivals})`,
    );
  console.log(
    '  phases (ms from navigation): socket created / open / first GET sent / first record in;  CPU ms: main thread / renderer',
  );
  for (const r of rows)
    console.log(
      `${String(r.points).padStart(8)} ${fmt(r.socketMs)} ${fmt(r.openMs)} ${fmt(r.firstGetMs)} ${fmt(r.firstPutMs)}    ${fmt(r.mainCpuMs)} ${fmt(r.rendererCpuMs)}`,
    );
  const dir = new URL('./results/', import.meta.url);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  writeFileSync(
    new URL('fresh-sync.json', dir),
    `${JSON.stringify({ when: new Date().toISOString(), cores: cpus().length, load, throttle: THROTTLE, rows }, null, 2)}\n`,
  );
}

runBench(main);
