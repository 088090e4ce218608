/**
 * `npm run bench:handover`: how long a hand-over by QR codes takes on the
 * receiving phone with no network, against pasting the same bundle as text.
 * Bundles of real sealed records (proof of work, signatures; made in Node, live
 * now): 1 point; 1 point + its organizer's disperse alert; 20 points by 20
 * authors (one point per key: the quota is 20 an hour per key and circle).
 *
 * Per run, a fresh headless Chromium whose fake camera loops a Y4M video of the
 * bundle's QR parts in a shuffled order (1 frame per code, FPS frames a
 * second), on loopback only: the app is loaded once online from the real relay
 * process, the service worker controls it, then the context goes offline;
 * List → Receive points → Scan QR codes. An in-page observer stamps
 * (performance.now) the click, the scanner's "aim" line (camera running), the
 * preview, the merged note and the moment every record shows on the map
 * (the map index with each point in its expected state); it presses merge as
 * soon as the preview appears, so the times are the machine's, not a person's.
 * Baseline in the same browser, a fresh context set up the same way: the same
 * bundle pasted as text (Read text) → preview → merged → on map. The camera's
 * own floor is printed too: one pass over every code (parts × frame duration).
 * Needs a build (`npm run build`; VADA_APP_DIR points at another build folder).
 * Writes bench/results/handover-scan.json.
 */
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { en } from '../src/i18n/locales/en';
import { packBundle } from '../src/protocol/bundle';
import { bundleToQrParts } from '../src/protocol/bundleQr';
import { bundleToText } from '../src/protocol/bundleText';
import { openCircle } from '../src/protocol/circle';
import { generateIdentity } from '../src/protocol/identity';
import { sealRecord, type Sealed } from '../src/protocol/sealRecord';
import { LATIN_POINT } from '../tests/fixtures/bundleSamples';
import { openImport } from '../tests/fixtures/e2eHandover';
import { eventually, PHONE, WAIT_MS } from '../tests/fixtures/e2ePeer';
import { waitForWorkerControl } from '../tests/fixtures/e2eServiceWorker';
import { launchWithFakeCamera, writeQrY4m, type QrVideo } from '../tests/fixtures/fakeCamera';
import { setOffline } from '../tests/fixtures/offlineContext';
import { startRelayProcess, type RelayProcess } from '../tests/fixtures/relayProcess';
import { machineConditions, runBench, startBench, writeResult } from './benchRun';

const RUNS = Number(process.env.RUNS ?? 3);
/** The fake camera: 640×480, FPS frames a second, one frame per code (a phone showing a sequence turns it over ~5×/s). */
const FPS = 5;
const FRAMES_PER_CODE = 1;
const FRAME_MS = 1000 / FPS;
/** Longest wait for one run's records to reach the map. */
const RUN_TIMEOUT_MS = 120_000;

const REPO = resolve(fileURLToPath(new URL('..', import.meta.url)));
const APP_DIR = resolve(REPO, process.env.VADA_APP_DIR ?? 'dist');

interface Scenario {
  readonly name: string;
  readonly wires: string[];
  /** Point id → the state its map entry must reach (every record folded). */
  readonly expect: Record<string, string>;
  readonly points: number;
}

/** Bundles of genuine records, all created now (so live) in the open circle. */
async function makeScenarios(now: number): Promise<Scenario[]> {
  const circle = await openCircle();
  const organizer = await generateIdentity();
  const authors = await Promise.all(Array.from({ length: 20 }, () => generateIdentity()));
  const payload = (text: { title: string; note: string }, i: number) => ({
    ...text,
    lat: 53.9045 + i / 1e4,
    lon: 27.5615,
    start: now,
    end: now + 2 * 3_600_000,
  });
  const point = await sealRecord(organizer, circle, 'point', payload(LATIN_POINT, 0), now);
  const disperse = await sealRecord(
    organizer,
    circle,
    'alert',
    { point: point.id, alert: 'disperse', reason: 'police' },
    now + 1000,
  );
  const many: Sealed[] = await Promise.all(
    authors.map((a, i) =>
      sealRecord(
        a,
        circle,
        'point',
        // ~30-character titles, a 59-character note.
        payload({ title: `Independence Square, gate ${String(i + 1).padStart(2, '0')}`, note: LATIN_POINT.note }, i),
        now + i,
      ),
    ),
  );
  return [
    { name: '1 point', wires: [point.wire], expect: { [point.id]: 'active' }, points: 1 },
    {
      name: '1 point + disperse alert',
      wires: [point.wire, disperse.wire],
      expect: { [point.id]: 'dispersed' },
      points: 1,
    },
    {
      name: '20 points, 20 authors',
      wires: many.map((s) => s.wire),
      expect: Object.fromEntries(many.map((s) => [s.id, 'active'])),
      points: 20,
    },
  ];
}

/*
 * Init scripts are plain JavaScript text: tsx compiles functions with helpers
 * (e.g. __name) that do not exist in the page.
 */

/**
 * The receiving page: stamps the preview, the merged note, every change of the
 * scanner's status line and the moment the map shows every expected point in
 * its state (window.__expect, set before the click); clicks merge as soon as
 * the preview is in the DOM.
 */
const WATCH = `(() => {
  const log = { preview: null, merged: null, map: null, summary: '', titles: 0, refused: -1, status: [] };
  Object.defineProperty(window, '__handover', { value: log });
  let lastStatus;
  const check = () => {
    const expect = window.__expect;
    if (!expect) return;
    const now = performance.now();
    const status = document.querySelector('[data-testid=qr-scanner-status]');
    const text = status ? status.textContent : null;
    if (text !== lastStatus) {
      lastStatus = text;
      if (text !== null) log.status.push([now, text]);
    }
    const preview = document.querySelector('[data-testid=import-preview]');
    if (log.preview === null && preview) {
      log.preview = now;
      log.summary = document.querySelector('[data-testid=import-summary]')?.textContent ?? '';
      log.titles = document.querySelectorAll('[data-testid=import-titles] li').length;
      log.refused = document.querySelectorAll('[data-testid=import-refused] li').length;
      document.querySelector('[data-testid=import-merge]')?.click();
    }
    if (log.merged === null && document.querySelector('[data-testid=import-note][data-note=merged]')) log.merged = now;
    if (log.map === null) {
      const shown = new Map();
      for (const el of document.querySelectorAll('[data-testid=map-index] [data-point-id]'))
        shown.set(el.dataset.pointId, el.dataset.state);
      if (Object.entries(expect).every(([id, state]) => shown.get(id) === state)) log.map = now;
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
})();`;

interface Watched {
  preview: number | null;
  merged: number | null;
  map: number | null;
  summary: string;
  titles: number;
  refused: number;
  status: [number, string][];
}

/** One measured hand-over: ms from the click to each stage (null: never seen). */
interface Run {
  readonly method: 'scan' | 'text';
  readonly run: number;
  readonly cameraOn: number | null;
  /** Camera on → preview: collecting the codes, assembling and verifying the bundle. */
  readonly collect: number | null;
  readonly preview: number | null;
  readonly merged: number | null;
  readonly map: number | null;
  readonly summary: string;
  readonly status: [number, string][];
  readonly order?: number[];
  readonly errors: string[];
}

/** A phone: a fresh context of `browser` (camera allowed), the app loaded online once, then offline. */
async function offlinePhone(browser: Browser, relay: RelayProcess, errors: string[]): Promise<Page> {
  const context = await browser.newContext({ ...PHONE });
  await context.grantPermissions(['camera'], { origin: relay.url });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript({ content: WATCH });
  await page.goto(relay.url, { waitUntil: 'load' });
  await page.getByTestId('connection-status').waitFor({ timeout: WAIT_MS });
  await waitForWorkerControl(page);
  await setOffline(context, true);
  await page.locator('[data-testid=connection-status][data-mode=offline]').waitFor({ timeout: WAIT_MS });
  await openImport(page);
  return page;
}

/** Clicks `testId` with the page's clock read just before; the watcher starts from `expect`. */
function stampedClick(page: Page, testId: string, expect: Record<string, string>): Promise<number> {
  return page.evaluate(
    ([id, exp]) => {
      (window as unknown as { __expect: unknown }).__expect = exp;
      const at = performance.now();
      document.querySelector<HTMLElement>(`[data-testid=${id}]`)?.click();
      return at;
    },
    [testId, expect] as const,
  );
}

async function measure(
  page: Page,
  method: Run['method'],
  run: number,
  s: Scenario,
  errors: string[],
  order?: number[],
): Promise<Run> {
  let click: number;
  if (method === 'scan') click = await stampedClick(page, 'import-scan', s.expect);
  else {
    await page.getByTestId('import-text').fill(bundleToText(packBundle(s.wires)));
    click = await stampedClick(page, 'import-read', s.expect);
  }
  const watched = () => page.evaluate(() => (window as unknown as { __handover: Watched }).__handover);
  await eventually(
    async () => {
      const w = await watched();
      return w.map !== null && w.merged !== null;
    },
    `${s.name} (${method}) merged and on the map`,
    watched,
    RUN_TIMEOUT_MS,
  );
  const w = await watched();
  if (w.refused !== 0 || w.titles !== s.points)
    throw new Error(`${s.name} (${method}): preview "${w.summary}", ${w.titles} titles, ${w.refused} refused`);
  const since = (x: number | null) => (x === null ? null : x - click);
  const aim = w.status.find(([, text]) => text === en['qrScanner.aim']);
  return {
    method,
    run,
    cameraOn: since(aim?.[0] ?? null),
    collect: aim && w.preview !== null ? w.preview - aim[0] : null,
    preview: since(w.preview),
    merged: since(w.merged),
    map: since(w.map),
    summary: w.summary,
    status: w.status.map(([at, text]) => [at - click, text]),
    ...(order ? { order } : {}),
    errors: [...errors],
  };
}

/** A Fisher–Yates shuffle of 0..n-1 from a small seeded generator (a run's order is reproducible). */
function shuffled(n: number, seed: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  let s = (seed * 2654435761) >>> 0 || 1;
  for (let i = n - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

const median = (xs: number[]) => {
  const v = [...xs].sort((a, b) => a - b);
  const m = Math.floor(v.length / 2);
  return v.length === 0 ? null : v.length % 2 ? (v[m] as number) : ((v[m - 1] as number) + (v[m] as number)) / 2;
};
const stat = (runs: Run[], key: 'cameraOn' | 'collect' | 'preview' | 'merged' | 'map') => {
  const xs = runs.map((r) => r[key]).filter((x): x is number => x !== null);
  const med = median(xs);
  return { median: med === null ? null : Math.round(med), max: xs.length ? Math.round(Math.max(...xs)) : null };
};
const cell = (s: { median: number | null; max: number | null }) => (s.median === null ? '—' : `${s.median} / ${s.max}`);

async function main(): Promise<void> {
  if (!existsSync(resolve(APP_DIR, 'index.html')))
    throw new Error(`No build in ${APP_DIR}: run \`npm run build\` first.`);
  const start = startBench();
  const scenarios = await makeScenarios(Date.now());
  console.log(`sealed ${scenarios.reduce((n, s) => n + s.wires.length, 0)} records in ${Date.now() - start.at} ms`);
  const relay = await startRelayProcess({ app: true, env: { VADA_APP_DIR: APP_DIR } });
  const results: Array<{
    scenario: string;
    records: number;
    bytes: number;
    textChars: number;
    parts: number;
    cycleMs: number;
    videoBytes: number;
    runs: Run[];
  }> = [];
  let chromium = '';
  try {
    for (const [k, s] of scenarios.entries()) {
      const bytes = packBundle(s.wires);
      const parts = bundleToQrParts(bytes);
      const entry = {
        scenario: s.name,
        records: s.wires.length,
        bytes: bytes.length,
        textChars: bundleToText(bytes).length,
        parts: parts.length,
        cycleMs: parts.length * FRAMES_PER_CODE * FRAME_MS,
        videoBytes: 0,
        runs: [] as Run[],
      };
      results.push(entry);
      for (let run = 1; run <= RUNS; run++) {
        const order = shuffled(parts.length, 100 * k + run);
        const video: QrVideo = writeQrY4m(
          order.map((i) => parts[i] as string),
          { width: 640, height: 480, fps: FPS, framesPerCode: FRAMES_PER_CODE },
        );
        entry.videoBytes = video.bytes;
        const browser = await launchWithFakeCamera(video);
        chromium = browser.version();
        try {
          const scanErrors: string[] = [];
          const scanPage = await offlinePhone(browser, relay, scanErrors);
          entry.runs.push(await measure(scanPage, 'scan', run, s, scanErrors, order));
          await scanPage.context().close();
          const textErrors: string[] = [];
          const textPage = await offlinePhone(browser, relay, textErrors);
          entry.runs.push(await measure(textPage, 'text', run, s, textErrors));
          await textPage.context().close();
        } finally {
          await browser.close().catch(() => undefined);
          video.remove();
        }
        const [scan, text] = entry.runs.slice(-2) as [Run, Run];
        console.log(
          `  ${s.name}, run ${run}: scan → preview ${Math.round(scan.preview ?? NaN)} ms, → map ${Math.round(scan.map ?? NaN)} ms; text → map ${Math.round(text.map ?? NaN)} ms`,
        );
      }
    }
  } finally {
    await relay.kill().catch(() => undefined);
  }

  const rows = results.flatMap((r) =>
    (['scan', 'text'] as const).map((method) => {
      const runs = r.runs.filter((x) => x.method === method);
      return {
        bundle: r.scenario,
        records: r.records,
        bytes: r.bytes,
        parts: r.parts,
        cycleMs: r.cycleMs,
        method,
        cameraOn: stat(runs, 'cameraOn'),
        collect: stat(runs, 'collect'),
        preview: stat(runs, 'preview'),
        merged: stat(runs, 'merged'),
        map: stat(runs, 'map'),
      };
    }),
  );
  console.log(
    `\nhand-over bench: ${RUNS} runs each, fake camera 640×480 at ${FPS} fps, ${FRAMES_PER_CODE} frame per code; ` +
      `${cpus().length} cores, load at start ${start.load.join(' ')}, ${chromium}\n` +
      'times in ms from the click (Scan QR codes / Read text), median / max; camera pass = QR parts × frame duration\n',
  );
  const cols = [26, 7, 6, 5, 11, 6, 11, 13, 13, 13, 13];
  const line = (xs: (string | number)[]) =>
    xs
      .map((x, i) => (i === 0 || i === 5 ? String(x).padEnd(cols[i] ?? 0) : String(x).padStart(cols[i] ?? 0)))
      .join(' ');
  const head = line([
    'bundle',
    'records',
    'bytes',
    'parts',
    'camera pass',
    'method',
    'camera on',
    'on → preview',
    'preview',
    'merged',
    'on map',
  ]);
  console.log(head);
  console.log('-'.repeat(head.length));
  for (const r of rows) {
    const first = r.method === 'scan';
    console.log(
      line([
        first ? r.bundle : '',
        first ? r.records : '',
        first ? r.bytes : '',
        first ? r.parts : '',
        first ? r.cycleMs : '',
        r.method,
        cell(r.cameraOn),
        cell(r.collect),
        cell(r.preview),
        cell(r.merged),
        cell(r.map),
      ]),
    );
  }
  console.log(
    '\ncamera on: the scanner says "Point the camera…" (camera and decoder started); on → preview: from then to the preview\n' +
      '(every code seen, bundle assembled and verified); merge is pressed as soon as the preview is in the page.',
  );
  const result = {
    conditions: {
      ...machineConditions(start, chromium),
      runs: RUNS,
      camera: { width: 640, height: 480, fps: FPS, framesPerCode: FRAMES_PER_CODE },
    },
    rows,
    scenarios: results,
  };
  writeResult('handover-scan.json', result);
}

runBench(main);
