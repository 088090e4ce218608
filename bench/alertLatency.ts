/**
 * `npm run bench:alerts`: alert latency organizer → follower in headless
 * Chromium over a local relay (the real relay process serving the built app).
 * Two browser contexts (two devices, two keys); the follower follows the
 * point; the organizer raises ALERTS alerts through the real UI, alternating
 * caution and all clear so each one is news (both confirmed: the organizer
 * signs them). Per alert, on the one machine clock (Date.now() in both pages):
 *   click   — the organizer page's clock just before the button's click();
 *   sent    — the organizer page hands the record's PUT frame to its WebSocket;
 *   arrived — the follower page's WebSocket receives the frame carrying that record
 *             (the sync-layer baseline: before verification, fold and render);
 *   banner  — a MutationObserver in the follower page sees a new alert banner of that kind.
 * The first WARMUP alerts are dropped. Needs a build (`npm run build`).
 * Writes bench/results/alert-latency.json.
 */
import { LIMITS } from '../src/domain/limits';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import type { Page } from 'playwright-core';
import { parseEnvelope } from '../src/protocol/envelope';
import { launchChromium } from '../tests/fixtures/browser';
import { openDetails, proposePoint } from '../tests/fixtures/e2eActions';
import { followPoint, recordsIn } from '../tests/fixtures/e2eAlerts';
import { openPeer } from '../tests/fixtures/e2ePeer';
import { waitForTitle } from '../tests/fixtures/e2ePoints';
import { startRelayProcess } from '../tests/fixtures/relayProcess';
import { stageDeltas, stageRow, type StageRow } from './latencyStats';
import { WATCH_BANNERS } from './pageProbes';
import { dismissBanners, raiseTimedAlert } from './raiseTimedAlert';
import { machineConditions, runBench, startBench, writeResult } from './benchRun';

// One key may sign at most LIMITS.quotaAlertsPerHour alerts per circle and hour (relays and
// receivers refuse the rest), so one organizer can raise 58 here: 53 measured after warm-up.
const ALERTS = Number(process.env.ALERTS ?? 58);
if (ALERTS > LIMITS.quotaAlertsPerHour)
  throw new Error(`ALERTS=${ALERTS} is over the per-key quota of ${LIMITS.quotaAlertsPerHour} alerts an hour`);
const WARMUP = 5;
const GOAL_P95_MS = 2000;
/** Pause between one alert's banner and the next click (dismissing the banner happens in it). */
const GAP_MS = 150;

/*
 * Init scripts are plain JavaScript text: tsx compiles functions with helpers
 * (e.g. __name) that do not exist in the page.
 */

/** Both pages: logs PUT frames sent and received on every WebSocket, with Date.now(). */
const LOG_SOCKETS = `(() => {
  const log = [];
  Object.defineProperty(window, '__wsLog', { value: log });
  const Native = window.WebSocket;
  class Logged extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      // Registered before the app's own handler: stamps arrival before any app work.
      this.addEventListener('message', (e) => {
        if (typeof e.data === 'string' && e.data.includes('"put"')) log.push(['in', Date.now(), e.data]);
      });
    }
    send(data) {
      if (typeof data === 'string' && data.includes('"put"')) log.push(['out', Date.now(), data]);
      super.send(data);
    }
  }
  window.WebSocket = Logged;
})();`;

interface Sample {
  i: number;
  kind: 'caution' | 'clear';
  click: number;
  sent?: number;
  arrived?: number;
  banner?: number;
  id?: string;
}

type Log = [dir: 'in' | 'out', at: number, frame: string][];
const wsLog = (page: Page) => page.evaluate(() => (window as unknown as { __wsLog: Log }).__wsLog);

/** Fills in sent / arrived / id from both pages' frame logs. */
function matchFrames(samples: Sample[], organizer: Log, follower: Log): void {
  const out = organizer.filter(([dir]) => dir === 'out');
  const into = follower.filter(([dir]) => dir === 'in');
  for (const s of samples) {
    const next = samples.find((x) => x.i === s.i + 1)?.click ?? Infinity;
    for (const [, at, frame] of out) {
      if (at < s.click || at >= next) continue;
      const alert = [...recordsIn([frame])].find(([, wire]) => {
        const e = parseEnvelope(wire);
        return e.ok && e.value.k === 'alert';
      });
      if (!alert) continue;
      s.sent = at;
      s.id = alert[0];
      break;
    }
    if (s.id) s.arrived = into.find(([, , frame]) => frame.includes(s.id as string))?.[1];
  }
}

type Row = StageRow;
const row = (stage: string, xs: (number | undefined)[]): Row => stageRow(stage, xs);

const fmt = (x: number | null) => (x === null ? '—' : String(Math.round(x))).padStart(7);

async function main(): Promise<void> {
  if (!existsSync(new URL('../dist/index.html', import.meta.url)))
    throw new Error('No build: run `npm run build` first.');
  const start = startBench();
  const [relay, browser] = await Promise.all([startRelayProcess({ app: true }), launchChromium()]);
  try {
    const organizer = await openPeer(browser, 'organizer', relay.url, {
      beforeLoad: async (p) => void (await p.addInitScript({ content: LOG_SOCKETS })),
    });
    const follower = await openPeer(browser, 'follower', relay.url, {
      beforeLoad: async (p) => {
        await p.addInitScript({ content: LOG_SOCKETS });
        await p.addInitScript({ content: WATCH_BANNERS });
      },
    });
    const point = await proposePoint(organizer.page, { title: 'Bench square' });
    await waitForTitle(follower.page, 'Bench square', 'active');
    await followPoint(follower.page, point.id);
    await openDetails(organizer.page, point.id);
    console.log(
      `alert latency bench: ${ALERTS} alerts (first ${WARMUP} dropped as warm-up), ${cpus().length} cores, load ${start.load.join(' ')}, ${browser.version()}`,
    );

    const samples: Sample[] = [];
    for (let i = 0; i < ALERTS; i++) {
      const sample: Sample = { i, ...(await raiseTimedAlert(organizer.page, follower.page, point.id, i, 'bench')) };
      samples.push(sample);
      // Clear the follower's screen for the next one (outside the measured span).
      await dismissBanners(follower.page);
      await new Promise((r) => setTimeout(r, GAP_MS));
    }
    matchFrames(samples, await wsLog(organizer.page), await wsLog(follower.page));
    const measured = samples.slice(WARMUP);
    const d = (a: keyof Sample, b: keyof Sample) => stageDeltas(measured, a, b);
    const rows = [
      row('click → banner (organizer click to follower banner)', d('click', 'banner')),
      row('click → arrived (sync-layer baseline: frame at follower)', d('click', 'arrived')),
      row('  click → sent (organizer: seal, sign, outbox, send)', d('click', 'sent')),
      row('  sent → arrived (relay hop, loopback)', d('sent', 'arrived')),
      row('  arrived → banner (follower: verify, fold, render)', d('arrived', 'banner')),
    ];
    const total = rows[0] as Row;
    const met = total.p95 !== null && total.p95 <= GOAL_P95_MS && total.n === measured.length;

    const head = `${'stage'.padEnd(58)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'max ms'.padStart(7)} ${'n'.padStart(4)}`;
    console.log(['', head, '-'.repeat(head.length)].join('\n'));
    for (const r of rows)
      console.log(`${r.stage.padEnd(58)} ${fmt(r.p50)} ${fmt(r.p95)} ${fmt(r.max)} ${String(r.n).padStart(4)}`);
    console.log(
      `\ngoal: click → banner p95 ≤ ${GOAL_P95_MS} ms over ${measured.length} alerts: ${met ? 'MET' : 'NOT MET'} (p95 ${fmt(total.p95).trim()} ms)`,
    );
    const result = {
      conditions: {
        ...machineConditions(start, browser.version()),
        alerts: ALERTS,
        warmupDropped: WARMUP,
        gapMs: GAP_MS,
      },
      goal: { p95Ms: GOAL_P95_MS, met },
      rows,
      samples: samples.map((s) => ({ ...s, warmup: s.i < WARMUP })),
      errors: [...organizer.errors, ...follower.errors],
    };
    writeResult('alert-latency.json', result);
  } finally {
    await browser.close().catch(() => undefined);
    await relay.kill().catch(() => undefined);
  }
}

runBench(main);
