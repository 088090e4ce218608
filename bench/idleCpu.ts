/**
 * `npm run bench:idle`: what an idle Vada costs the phone. The whole
 * browser's CPU (every Chromium process: browser, renderer, network and
 * utility processes, read from /proc) over a quiet window, with the app open
 * on a map of 100 live points it synced from a real relay, against the same
 * browser showing a blank page in the same run (Chromium's own floor).
 * Nothing happens in the window: no input, no new records; the figure is
 * timers, clock labels, keep-alives and whatever else wakes the app.
 * Needs a build (`npm run build`). Writes bench/results/idle-cpu.json.
 * WINDOW_MS=n and POINTS=n change the window (default 30 s) and the points (100).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { WebSocket } from 'ws';
import type { CircleId } from '../src/domain/brand';
import { LIMITS } from '../src/domain/limits';
import { generateIdentity, importCircle, sealRecord } from '../src/protocol';
import { OPEN_CIRCLE_ID, OPEN_CIRCLE_KEY_HEX } from '../src/protocol/circle';
import { createGunAdapter } from '../src/sync/gunAdapter';
import { launchChromium } from '../tests/fixtures/browser';
import { storedRecordIds } from '../tests/fixtures/e2eOffline';
import { eventually, openPeer } from '../tests/fixtures/e2ePeer';
import { startRelayProcess } from '../tests/fixtures/relayProcess';
import { startTileServer } from '../tests/fixtures/tileServer';
import { pointFields } from './benchPeer';
import { machineBusyMs } from './machineCpu';

const WINDOW_MS = Number(process.env.WINDOW_MS ?? 30_000);
const POINTS = Number(process.env.POINTS ?? 100);
/** Let start-up work (fold, tiles, service worker install, first clock sync) finish before measuring. */
const SETTLE_MS = 10_000;
/** USER_HZ: one /proc tick is 10 ms. */
const TICK_MS = 10;

interface Proc {
  readonly pid: number;
  readonly ppid: number;
  readonly cpuMs: number;
  readonly kind: string;
}

function readProcs(): Proc[] {
  const out: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: fields start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // Chromium's child processes rewrite their command line into one space-separated string.
      const type = /--type=([\w-]+)/.exec(readFileSync(`/proc/${name}/cmdline`, 'utf8'))?.[1] ?? 'browser';
      out.push({
        pid: Number(name),
        ppid: Number(fields[1]),
        // utime + stime (fields 14 and 15 of stat, 0-based 11 and 12 after the name).
        cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS,
        kind: type,
      });
    } catch {
      // The process ended between listing and reading.
    }
  }
  return out;
}

/** Every process of the browser whose command line carries `marker`, with its descendants. */
function browserTree(marker: string): Proc[] {
  const procs = readProcs();
  const root = procs.find((p) => {
    try {
      return readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').includes(marker) && p.kind === 'browser';
    } catch {
      return false;
    }
  });
  if (!root) throw new Error('the bench browser process was not found in /proc');
  const tree = new Set([root.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of procs)
      if (!tree.has(p.pid) && tree.has(p.ppid)) {
        tree.add(p.pid);
        grew = true;
      }
  }
  return procs.filter((p) => tree.has(p.pid));
}

interface Window {
  readonly label: string;
  readonly wallMs: number;
  /** Busy CPU of the browser's processes over the window, as a percentage of one core. */
  readonly percentOfCore: number;
  readonly byKind: Record<string, number>;
  /** How many processes of each kind the browser had at the window's end. */
  readonly processes: Record<string, number>;
  /** Busy CPU of the whole machine over the window in cores (other jobs inflate nothing here, but show load). */
  readonly machineCores: number | undefined;
}

async function measure(label: string, marker: string): Promise<Window> {
  const before = new Map(browserTree(marker).map((p) => [p.pid, p]));
  const machine0 = machineBusyMs();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, WINDOW_MS));
  const wallMs = performance.now() - t0;
  const machine1 = machineBusyMs();
  const byKind: Record<string, number> = {};
  const processes: Record<string, number> = {};
  let total = 0;
  for (const p of browserTree(marker)) {
    processes[p.kind] = (processes[p.kind] ?? 0) + 1;
    // A process born during the window counts from zero.
    const used = p.cpuMs - (before.get(p.pid)?.cpuMs ?? 0);
    total += used;
    byKind[p.kind] = (byKind[p.kind] ?? 0) + used;
  }
  return {
    label,
    wallMs: Math.round(wallMs),
    percentOfCore: Math.round((total / wallMs) * 1000) / 10,
    byKind,
    processes,
    machineCores:
      machine0 === undefined || machine1 === undefined
        ? undefined
        : Math.round(((machine1 - machine0) / wallMs) * 100) / 100,
  };
}

/** Publishes POINTS live points of the open circle to the relay, a fresh key per hourly quota. */
async function seed(gunUrl: string): Promise<void> {
  const circle = await importCircle(
    OPEN_CIRCLE_ID as CircleId,
    new Uint8Array(Buffer.from(OPEN_CIRCLE_KEY_HEX, 'hex')),
  );
  const writer = createGunAdapter({ relays: [gunUrl], WebSocket });
  const seen = new Set<string>();
  const reader = createGunAdapter({ relays: [gunUrl], WebSocket });
  reader.subscribe(circle, { onRecord: (r) => void seen.add(r.id) });
  let identity = await generateIdentity();
  for (let i = 0; i < POINTS; i++) {
    if (i > 0 && i % LIMITS.quotaPointsPerHour === 0) identity = await generateIdentity();
    const sealed = await sealRecord(identity, circle, 'point', pointFields(`idle ${i}`), Date.now());
    await writer.publish(circle, sealed);
  }
  await eventually(async () => seen.size >= POINTS, `the relay to hold ${POINTS} points`);
  await Promise.all([writer.close(), reader.close()]);
}

async function main(): Promise<void> {
  if (!existsSync('dist/index.html')) throw new Error('no build: run `npm run build` first');
  const tiles = await startTileServer();
  const relay = await startRelayProcess({ app: true, env: { VADA_TILE_URL: tiles.template } });
  const marker = `--vada-idle-bench=${randomBytes(6).toString('hex')}`;
  const browser = await launchChromium({ args: [marker] });
  try {
    await seed(relay.gunUrl);
    const blankContext = await browser.newContext();
    const blank: Page = await blankContext.newPage();
    await blank.goto('about:blank');
    await new Promise((r) => setTimeout(r, SETTLE_MS / 2));
    const floor = await measure('blank page (baseline)', marker);
    await blankContext.close();

    const peer = await openPeer(browser, 'idle', relay.url);
    await eventually(async () => (await storedRecordIds(peer.page)).length >= POINTS, `the app to store ${POINTS}`);
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const app = await measure(`Vada, ${POINTS} points, map open`, marker);
    await peer.context.close();

    const rows = [floor, app];
    console.log(`\nidle CPU of the whole browser over ${WINDOW_MS / 1000} s (% of one core)`);
    for (const w of rows) {
      const kinds = Object.entries(w.byKind)
        .filter(([, ms]) => ms > 0)
        .map(([k, ms]) => `${k} ${ms} ms`)
        .join(', ');
      const procs = Object.entries(w.processes)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ');
      console.log(
        `${w.label.padEnd(34)} ${String(w.percentOfCore).padStart(5)} %   (${kinds || 'no ticks'}; processes: ${procs})`,
      );
    }
    console.log(
      `Vada above the blank page: ${Math.round((app.percentOfCore - floor.percentOfCore) * 10) / 10} % of a core`,
    );
    mkdirSync('bench/results', { recursive: true });
    writeFileSync(
      'bench/results/idle-cpu.json',
      `${JSON.stringify(
        {
          date: new Date().toISOString(),
          node: process.version,
          cores: cpus().length,
          loadavg: loadavg(),
          points: POINTS,
          windowMs: WINDOW_MS,
          rows,
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    await browser.close();
    await relay.kill();
    await tiles.stop();
  }
}

await main();
