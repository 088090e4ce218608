/**
 * `npm run bench:choked`: Vada through a congested cell network (issue 15,
 * goal 5): 400 ms RTT, 400 kbit/s down, 150 kbit/s up for each phone, in
 * headless Chromium against the real relay process serving the built app.
 *  1. The throttle check: a raw WebSocket text frame page to page (two
 *     contexts), plain, with Chromium's CDP Network.emulateNetworkConditions
 *     on both pages, and through this bench's throttling proxy
 *     (bench/throttleProxy.ts). CDP emulation limits a WebSocket's throughput
 *     but adds no latency to its frames, so the phones below are choked by
 *     the proxy: each phone loads the app and talks to the relay through its
 *     own proxy (its own link), the relay itself is unthrottled.
 *  2. Alerts organizer → follower (as bench/alertLatency.ts: the follower
 *     follows the point, the organizer raises caution / all clear through the
 *     real UI), ALERTS per profile, the first WARMUP dropped; stages from the
 *     pages' socket logs. Goal: click → banner p95 ≤ 2 s choked.
 *  3. A fresh phone (new context, empty storage) opening the app on a relay
 *     holding SYNC_POINTS live points: navigation → every point in the app's
 *     state (the connection indicator's data-points), and whether a sync
 *     progress indicator was on screen meanwhile (text "Syncing…" in the
 *     connection status, or an element marked data-testid=sync-progress or
 *     data-syncing; 'no indicator' when none showed).
 * Each part runs unthrottled too, in the same run, as the baseline.
 * Needs a build (`npm run build`; APP_DIR=<folder> serves another one).
 * Writes bench/results/choked-network.json.
 */
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import WebSocket from 'ws';
import { bucketOf } from '../src/domain/bucket';
import { LIMITS } from '../src/domain/limits';
import { parseEnvelope } from '../src/protocol/envelope';
import { generateIdentity, openCircle, sealRecord, type Identity } from '../src/protocol';
import { soulOf } from '../src/protocol/souls';
import { launchChromium } from '../tests/fixtures/browser';
import { openDetails } from '../tests/fixtures/e2eActions';
import { followPoint, recordsIn } from '../tests/fixtures/e2eAlerts';
import { firstRunHintDismissed, openPeer } from '../tests/fixtures/e2ePeer';
import { startRelayProcess, type RelayProcess } from '../tests/fixtures/relayProcess';
import { stageDeltas, stageRow, type StageRow } from './latencyStats';
import { LOG_SOCKETS, socketLog, WATCH_BANNERS, type SocketLog } from './pageProbes';
import { rawLatencies } from './rawWsPages';
import { CHOKED, startThrottleProxy, type ThrottleProxy } from './throttleProxy';
import { dismissBanners, raiseTimedAlert } from './raiseTimedAlert';
import { machineConditions, runBench, startBench, writeResult } from './benchRun';

const ALERTS = Number(process.env.ALERTS ?? 36);
const WARMUP = 3;
const SYNC_POINTS = Number(process.env.SYNC_POINTS ?? 1000);
const RAW_FRAMES = 15;
const GOAL_P95_MS = 2000;
const GAP_MS = 150;
const SYNC_TIMEOUT_MS = 180_000;
const LOST_AFTER_MS = 15_000;
const APP_DIR = resolve(process.env.APP_DIR ?? new URL('../dist', import.meta.url).pathname);
/** CDP's units: latency in ms (round trip), throughput in bytes per second. */
const CDP_PROFILE = {
  offline: false,
  latency: CHOKED.rttMs,
  downloadThroughput: CHOKED.downBytesPerS,
  uploadThroughput: CHOKED.upBytesPerS,
};

type Row = StageRow;
const row = (stage: string, xs: (number | undefined)[]): Row => stageRow(stage, xs, 0);
const fmt = (x: number | null | undefined, w = 8) =>
  (x === null || x === undefined ? '—' : String(Math.round(x))).padStart(w);
const printRows = (rows: Row[]) => {
  const head = `${'stage'.padEnd(62)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'n'.padStart(4)}`;
  console.log(['', head, '-'.repeat(head.length)].join('\n'));
  for (const r of rows)
    console.log(`${r.stage.padEnd(62)} ${fmt(r.p50)} ${fmt(r.p95)} ${fmt(r.max)} ${String(r.n).padStart(4)}`);
};

/** Part 1: does CDP emulation throttle WebSocket frames? Raw frames plain, CDP-throttled, proxy-throttled. */
async function throttleCheck(browser: Browser): Promise<Row[]> {
  const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
  try {
    const [a, b] = (await Promise.all(contexts.map((c) => c.newPage()))) as [Page, Page];
    const opts = { gapMs: 600, settleMs: 15_000 };
    const plain = await rawLatencies(a, b, RAW_FRAMES, opts);
    const sessions = await Promise.all([a, b].map((p) => p.context().newCDPSession(p)));
    for (const s of sessions) {
      await s.send('Network.enable');
      await s.send('Network.emulateNetworkConditions', CDP_PROFILE);
    }
    const cdp = await rawLatencies(a, b, RAW_FRAMES, opts);
    for (const s of sessions)
      await s.send('Network.emulateNetworkConditions', {
        ...CDP_PROFILE,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
    const proxies: ThrottleProxy[] = [];
    const viaProxy = await rawLatencies(a, b, RAW_FRAMES, {
      ...opts,
      urls: async (url) => {
        const port = Number(new URL(url).port);
        proxies.push(await startThrottleProxy(port, CHOKED), await startThrottleProxy(port, CHOKED));
        return { sender: `ws://127.0.0.1:${proxies[0]?.port}`, receiver: `ws://127.0.0.1:${proxies[1]?.port}` };
      },
    });
    await Promise.all(proxies.map((p) => p.close()));
    return [
      row('raw WS frame page → page, plain', plain),
      row('raw WS frame page → page, CDP emulation (both pages)', cdp),
      row('raw WS frame page → page, throttling proxy (each phone)', viaProxy),
    ];
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
}

interface AlertSample {
  i: number;
  kind: 'caution' | 'clear';
  click: number;
  sent?: number;
  arrived?: number;
  banner?: number;
  /** The alert record's created time `t` (organizer's corrected clock) and id. */
  t?: number;
  id?: string;
}

/** Part 2: ALERTS alerts organizer → follower, each phone on `urls` (its proxy, or the relay itself). */
async function alertRun(
  browser: Browser,
  label: string,
  urls: { organizer: string; follower: string },
  links: ThrottleProxy[] = [],
) {
  const organizer = await openPeer(browser, `${label} organizer`, urls.organizer, {
    beforeLoad: async (p) => void (await p.addInitScript({ content: LOG_SOCKETS })),
  });
  const follower = await openPeer(browser, `${label} follower`, urls.follower, {
    beforeLoad: async (p) => {
      await p.addInitScript({ content: LOG_SOCKETS });
      await p.addInitScript({ content: WATCH_BANNERS });
    },
  });
  try {
    // A phone carrying the app through a march has it installed: wait for the service worker and
    // for both links to go quiet (its precache of every chunk shares the thin downlink with alerts).
    for (const page of [organizer.page, follower.page])
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    const quietAfterMs = await quiet(links);
    const point = { id: await proposeHere(organizer.page, follower.page, `Choke ${label}`) };
    await followPoint(follower.page, point.id);
    await openDetails(organizer.page, point.id);
    const samples: AlertSample[] = [];
    for (let i = 0; i < ALERTS; i++) {
      // A banner that never shows is counted as lost (after LOST_AFTER_MS), not a failed run.
      const s: AlertSample = {
        i,
        ...(await raiseTimedAlert(organizer.page, follower.page, point.id, i, label, { waitMs: LOST_AFTER_MS })),
      };
      samples.push(s);
      if (process.env.DEBUG && s.banner === undefined)
        console.log(
          `lost ${label} ${i}:`,
          await follower.page.evaluate(() =>
            [...document.querySelectorAll('[data-testid=alert-banner], [data-testid=map-index] [data-point-id]')].map(
              (e) => e.outerHTML.slice(0, 400),
            ),
          ),
          follower.errors,
        );
      await dismissBanners(follower.page);
      await new Promise((r) => setTimeout(r, GAP_MS));
    }
    matchAlerts(samples, await socketLog(organizer.page), await socketLog(follower.page));
    const measured = samples.slice(WARMUP);
    const d = (a: keyof AlertSample, b: keyof AlertSample) => stageDeltas(measured, a, b);
    return {
      rows: [
        row(
          `${label}: click → banner (lost: ${measured.filter((m) => m.banner === undefined).length})`,
          d('click', 'banner'),
        ),
        row(`${label}:   click → sent (organizer)`, d('click', 'sent')),
        row(`${label}:   sent → arrived (uplink, relay, downlink)`, d('sent', 'arrived')),
        row(`${label}:   arrived → banner (follower)`, d('arrived', 'banner')),
      ],
      quietAfterMs,
      samples: samples.map((s) => ({ ...s, warmup: s.i < WARMUP })),
      errors: [...organizer.errors, ...follower.errors],
    };
  } finally {
    await organizer.context.close();
    await follower.context.close();
  }
}

/** Resolves once no byte crossed `links` for 2 s (at most 120 s); ms waited. */
async function quiet(links: ThrottleProxy[]): Promise<number> {
  const t0 = Date.now();
  const total = () => links.reduce((n, l) => n + l.bytes().up + l.bytes().down, 0);
  let last = total();
  let since = Date.now();
  while (links.length > 0 && Date.now() - since < 2000 && Date.now() - t0 < 120_000) {
    await new Promise((r) => setTimeout(r, 250));
    if (total() !== last) [last, since] = [total(), Date.now()];
  }
  return Date.now() - t0;
}

/**
 * Proposes a point at the map centre through the sheet; resolves with its id
 * once the follower's map index lists it (by its title).
 */
async function proposeHere(organizer: Page, follower: Page, title: string): Promise<string> {
  await organizer.getByTestId('propose-button').click();
  await organizer.getByTestId('propose-sheet').waitFor({ timeout: 30_000 });
  await organizer.getByTestId('field-title').fill(title);
  await organizer.getByTestId('field-start-now').check();
  await organizer.getByTestId('use-map-centre').click();
  await organizer.getByTestId('propose-submit').click();
  await organizer.getByTestId('propose-sheet').waitFor({ state: 'detached', timeout: 30_000 });
  const entry = follower.locator('[data-testid=map-index] [data-point-id]', { hasText: title }).first();
  await entry.waitFor({ timeout: 60_000 });
  return (await entry.getAttribute('data-point-id')) ?? '';
}

function matchAlerts(samples: AlertSample[], organizer: SocketLog, follower: SocketLog): void {
  for (const [j, s] of samples.entries()) {
    const next = samples[j + 1]?.click ?? Infinity;
    for (const [dir, at, frame] of organizer) {
      if (dir !== 'out' || at < s.click - 1 || at >= next) continue;
      const alert = [...recordsIn([frame])].find(([, wire]) => {
        const e = parseEnvelope(wire);
        return e.ok && e.value.k === 'alert';
      });
      if (!alert) continue;
      const e = parseEnvelope(alert[1]);
      if (e.ok) s.t = e.value.t;
      s.id = alert[0];
      s.sent = at;
      s.arrived = follower.find(([d, , f]) => d === 'in' && f.includes(alert[0]))?.[1];
      break;
    }
  }
}

/** Seals `count` live points of the open circle over 4 hour buckets, LIMITS.quotaPointsPerHour per key and hour. */
async function sealPoints(count: number) {
  const circle = await openCircle();
  const now = Date.now();
  const hours = 4;
  const out: Array<{ soul: string; id: string; wire: string }> = [];
  let identity: Identity | undefined;
  for (let i = 0; i < count; i++) {
    if (i % (LIMITS.quotaPointsPerHour * hours) === 0) identity = await generateIdentity();
    const created = now - (i % hours) * LIMITS.bucketMs - 1000;
    const payload = {
      title: `Point ${i}`,
      note: 'Bring water. Meet by the fountain, north side; stewards wear yellow armbands.',
      lat: Math.round((53.85 + ((i * 7919) % 1000) / 10_000) * 1e4) / 1e4,
      lon: Math.round((27.5 + ((i * 104_729) % 1000) / 10_000) * 1e4) / 1e4,
      start: created,
      end: created + 6 * 3_600_000 - 60_000,
    };
    const sealed = await sealRecord(identity as Identity, circle, 'point', payload, created);
    out.push({ soul: soulOf(circle.id, bucketOf(created)), id: sealed.id, wire: sealed.wire });
  }
  return out;
}

/** Writes the records to the relay over a plain WebSocket (50 a PUT, 8 in flight) and waits for every answer. */
async function fill(relay: RelayProcess, records: Array<{ soul: string; id: string; wire: string }>): Promise<void> {
  const ws = new WebSocket(relay.gunUrl.replace(/^http/, 'ws'));
  await new Promise((ok, fail) => ws.once('open', ok).once('error', fail));
  const waiting = new Map<string, () => void>();
  const refused: string[] = [];
  ws.on('message', (data: Buffer) => {
    let v: unknown;
    try {
      v = JSON.parse(data.toString());
    } catch {
      return;
    }
    for (const m of (Array.isArray(v) ? v : [v]) as Array<Record<string, unknown>>) {
      if (typeof m?.['@'] !== 'string') continue;
      if (m.err !== undefined || m.refused !== undefined) refused.push(JSON.stringify(m).slice(0, 200));
      waiting.get(m['@'])?.();
    }
  });
  let next = 0;
  const worker = async () => {
    while (next * 50 < records.length) {
      const i = next++ * 50;
      const put: Record<string, Record<string, unknown>> = {};
      for (const r of records.slice(i, i + 50)) {
        const node = put[r.soul] ?? (put[r.soul] = { _: { '#': r.soul, '>': {} } });
        node[r.id] = r.wire;
        (node._ as { '>': Record<string, number> })['>'][r.id] = Date.now();
      }
      await new Promise<void>((ok) => {
        waiting.set(`fill${i}`, ok);
        ws.send(JSON.stringify({ '#': `fill${i}`, put }));
      });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  ws.close();
  if (refused.length > 0) throw new Error(`the relay refused points: ${refused.slice(0, 3).join('\n')}`);
}

/** In the fresh page: when the app holds `n` points, and every sync progress indicator seen (text, visible). */
const WATCH_SYNC = (n: number) => `(() => {
  const s = { at: null, max: 0, lastAt: null, indicator: null, texts: [] };
  Object.defineProperty(window, '__chokedSync', { value: s });
  const look = () => {
    const status = document.querySelector('[data-testid=connection-status]');
    if (status) {
      const v = Number(status.getAttribute('data-points'));
      if (v > s.max) { s.max = v; s.lastAt = performance.now(); }
      if (s.at === null && v >= ${n}) s.at = performance.now();
    }
    const marked = document.querySelector('[data-testid=sync-progress], [data-syncing]:not([data-syncing=false])');
    const text = (marked || status)?.textContent || '';
    const candidate = marked || (/sync/i.test(text) ? status : null);
    if (!candidate) return;
    const r = candidate.getBoundingClientRect();
    const visible = r.width > 0 && r.height > 0 && getComputedStyle(candidate).visibility !== 'hidden';
    if (visible && s.indicator === null) s.indicator = performance.now();
    const t = text.trim().slice(0, 80);
    if (visible && s.texts.length < 20 && s.texts.at(-1) !== t) s.texts.push(t);
  };
  new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})();`;

interface SyncState {
  at: number | null;
  max: number;
  /** When the count last grew (the time to what did arrive, when not all did). */
  lastAt: number | null;
  indicator: number | null;
  texts: string[];
}

/** Part 3: a fresh phone opens the app at `url` (through its proxy or not); navigation start → all points held. */
async function freshSync(browser: Browser, label: string, url: string, n: number) {
  const context = await browser.newContext({
    viewport: { width: 390, height: 800 },
    storageState: firstRunHintDismissed(url),
  });
  try {
    const page = await context.newPage();
    await page.addInitScript(WATCH_SYNC(n));
    await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
    const end = Date.now() + SYNC_TIMEOUT_MS;
    let s: SyncState = { at: null, max: 0, lastAt: null, indicator: null, texts: [] };
    while (Date.now() < end) {
      s = await page.evaluate(() => (window as unknown as { __chokedSync: SyncState }).__chokedSync).catch(() => s);
      if (s.at !== null) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const shell = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return nav ? Math.round(nav.loadEventEnd) : null;
    });
    return {
      label,
      points: n,
      allShownMs: s.at === null ? null : Math.round(s.at),
      got: s.max,
      lastPointMs: s.lastAt === null ? null : Math.round(s.lastAt),
      loadEventMs: shell,
      indicator: s.indicator === null ? 'no indicator' : `shown at ${Math.round(s.indicator)} ms`,
      indicatorTexts: s.texts,
    };
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  if (!existsSync(resolve(APP_DIR, 'index.html')))
    throw new Error(`No build in ${APP_DIR}: run \`npm run build\` first.`);
  const start = startBench();
  const appArgs = ['--app-dir', APP_DIR];
  const [relay, browser] = await Promise.all([startRelayProcess({ app: true, args: appArgs }), launchChromium()]);
  const proxies: ThrottleProxy[] = [];
  let syncRelay: RelayProcess | undefined;
  try {
    console.log(
      `choked network bench: ${CHOKED.rttMs} ms RTT, ${(CHOKED.downBytesPerS * 8) / 1000} kbit/s down, ${(CHOKED.upBytesPerS * 8) / 1000} kbit/s up per phone; ${ALERTS} alerts (first ${WARMUP} dropped), ${SYNC_POINTS}-point fresh sync; ${cpus().length} cores, load ${start.load.join(' ')}, ${browser.version()}`,
    );
    const check = await throttleCheck(browser);
    printRows(check);
    const cdpAddsLatency = (check[1]?.p50 ?? 0) >= CHOKED.rttMs / 2;
    console.log(
      `CDP emulation ${cdpAddsLatency ? 'delays' : 'does NOT delay'} WebSocket frames by its latency here (p50 ${check[1]?.p50} ms against ${check[0]?.p50} ms plain); the phones below go through the throttling proxy.`,
    );

    const plain = await alertRun(browser, 'unthrottled', { organizer: relay.url, follower: relay.url });
    const links = [await startThrottleProxy(relay.port, CHOKED), await startThrottleProxy(relay.port, CHOKED)];
    proxies.push(...links);
    const choked = await alertRun(browser, 'choked', { organizer: links[0]!.url, follower: links[1]!.url }, links);
    if (process.env.DEBUG)
      console.log(
        JSON.stringify(
          choked.samples.map((x) => ({
            ...x,
            click: x.click % 100000,
            sent: x.sent && Math.round(x.sent - x.click),
            arrived: x.arrived && Math.round(x.arrived - x.click),
            banner: x.banner && x.banner - x.click,
            t: x.t && x.t - x.click,
          })),
        ),
      );
    const alertRows = [...plain.rows, ...choked.rows];
    printRows(alertRows);
    const total = choked.rows[0] as Row;
    const alertMet = total.p95 !== null && total.p95 <= GOAL_P95_MS && total.n === ALERTS - WARMUP;
    console.log(
      `goal: choked click → banner p95 ≤ ${GOAL_P95_MS} ms: ${alertMet ? 'MET' : 'NOT MET'} (p95 ${total.p95} ms over ${total.n})`,
    );

    syncRelay = await startRelayProcess({ app: true, args: appArgs });
    await fill(syncRelay, await sealPoints(SYNC_POINTS));
    const syncPort = syncRelay.port;
    const syncProxy = await startThrottleProxy(syncPort, CHOKED);
    proxies.push(syncProxy);
    const syncs = [
      await freshSync(browser, 'unthrottled', syncRelay.url, SYNC_POINTS),
      await freshSync(browser, 'choked', syncProxy.url, SYNC_POINTS),
    ];
    const bytes = syncProxy.bytes();
    console.log(
      `\n${'fresh sync'.padEnd(14)}${'points'.padStart(8)}${'all shown ms'.padStart(14)}${'got'.padStart(7)}${'last got ms'.padStart(13)}${'load event ms'.padStart(15)}  progress indicator`,
    );
    for (const s of syncs)
      console.log(
        `${s.label.padEnd(14)}${String(s.points).padStart(8)}${fmt(s.allShownMs, 14)}${String(s.got).padStart(7)}${fmt(s.lastPointMs, 13)}${fmt(s.loadEventMs, 15)}  ${s.indicator}${s.indicatorTexts.length ? ` (${s.indicatorTexts.slice(0, 3).join(' | ')})` : ''}`,
      );
    console.log(
      `choked fresh phone's link carried ${Math.round(bytes.down / 1024)} KiB down, ${Math.round(bytes.up / 1024)} KiB up`,
    );
    const result = {
      conditions: {
        ...machineConditions(start, browser.version()),
        profile: CHOKED,
        alerts: ALERTS,
        warmupDropped: WARMUP,
        syncPoints: SYNC_POINTS,
      },
      throttleCheck: { rows: check, cdpDelaysWebSocketFrames: cdpAddsLatency },
      alerts: {
        goal: { p95Ms: GOAL_P95_MS, met: alertMet },
        rows: alertRows,
        samples: { unthrottled: plain.samples, choked: choked.samples },
      },
      freshSync: { rows: syncs, chokedLinkBytes: bytes },
      errors: [...plain.errors, ...choked.errors],
    };
    writeResult('choked-network.json', result);
  } finally {
    await browser.close().catch(() => undefined);
    await Promise.all(proxies.map((p) => p.close().catch(() => undefined)));
    await relay.kill().catch(() => undefined);
    await syncRelay?.kill().catch(() => undefined);
  }
}

runBench(main);
