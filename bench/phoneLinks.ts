/**
 * `npm run bench:links`: phone links (issue 13) in headless Chromium, inside a
 * private network namespace (scripts/isolatedNet.sh), three phones = three
 * browsers, each with its own fake camera (tests/fixtures/linkCamera.ts).
 * Measures, in one run:
 *   - baselines: a raw RTCDataChannel text frame page → page (two plain pages,
 *     no Vada), and an alert over the relay (C raises, B's banner), before
 *     the relay stops for good;
 *   - pairing A–B and B–C through the in-app scanner: time from the second
 *     scan (A's sheet says `connecting`: the answer was read) to `linked` on
 *     both phones, and each offer's and answer's code size (characters, QR
 *     version at error correction M in alphanumeric mode, as the app draws it);
 *   - alert latency over links, A raises, B (one link) and C (two links,
 *     through B) show the banner, ALERTS alerts after WARMUP dropped;
 *   - idle traffic of the quiet A–B link over IDLE_MS (getStats bytes, both
 *     the transport's and the data channel's).
 * Writes bench/results/phoneLinks.json (row shapes in bench/README.md).
 */
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import type { Page } from 'playwright-core';
import { LIMITS } from '../src/domain/limits';
import { parseEnvelope } from '../src/protocol/envelope';
import { closeSheet, openDetails, proposePoint } from '../tests/fixtures/e2eActions';
import { followPoint } from '../tests/fixtures/e2eAlerts';
import { linkStateLog, WATCH_BANNERS, WATCH_LINK_STATE, WATCH_RTC, bannerLog, rtcBytes, rtcFrames } from './pageProbes';
import { openPhone, pairPhones, type Phone } from '../tests/fixtures/e2eLinks';
import { eventually } from '../tests/fixtures/e2ePeer';
import { waitForTitle } from '../tests/fixtures/e2ePoints';
import { waitForWorkerControl } from '../tests/fixtures/e2eServiceWorker';
import { qrCodeMatrix } from '../tests/fixtures/fakeCamera';
import { openRawLinkPage } from '../tests/fixtures/rawLinkPage';
import { startRelayProcess } from '../tests/fixtures/relayProcess';
import { percentile } from './latencyStats';
import { machineConditions, runBench, startBench, writeResult } from './benchRun';

// One key may sign at most LIMITS.quotaAlertsPerHour alerts per circle and hour: A raises ALERTS over links, C over the relay.
const ALERTS = Number(process.env.ALERTS ?? 58);
if (ALERTS > LIMITS.quotaAlertsPerHour)
  throw new Error(`ALERTS=${ALERTS} is over the per-key quota of ${LIMITS.quotaAlertsPerHour} alerts an hour`);
const WARMUP = 5;
const IDLE_MS = Number(process.env.IDLE_MS ?? 60_000);
/** Pause between one alert's last banner and the next click. */
const GAP_MS = 150;
/** The raw baseline's frame: about the size of a `rec` frame carrying one alert. */
const RAW_FRAME_CHARS = 1000;

/** One latency row of the table. */
export interface LatencyRow {
  path: string;
  p50: number | null;
  p95: number | null;
  max: number | null;
  n: number;
}

/** One pairing through the in-app scanner. */
export interface PairingRow {
  pair: string;
  /** Offerer's sheet `connecting` (second scan read) → both sheets `linked`. */
  scanToLinkedMs: number | null;
  /** Offerer taps "Scan their answer" → its scanner read the answer (`connecting`): camera + decoder. */
  tapToScanMs: number | null;
  offer: CodeSize;
  answer: CodeSize;
}

export interface CodeSize {
  chars: number;
  /** QR version at error correction M, alphanumeric mode when every character allows it. */
  version: number;
  modules: number;
  mode: string;
}

function codeSize(text: string): CodeSize {
  const m = qrCodeMatrix(text);
  return { chars: text.length, version: (m.size - 17) / 4, modules: m.size, mode: m.mode };
}

function row(path: string, xs: ReadonlyArray<number | undefined>): LatencyRow {
  const v = xs.filter((x): x is number => x !== undefined).sort((p, q) => p - q);
  return { path, p50: percentile(v, 0.5), p95: percentile(v, 0.95), max: v.at(-1) ?? null, n: v.length };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Raw baseline: two plain pages, one data channel, `n` frames one way, one every GAP_MS. */
async function rawBaseline(n: number): Promise<number[]> {
  const [x, y] = [await openRawLinkPage(), await openRawLinkPage()];
  try {
    await x.accept(await y.answer(await x.offer()));
    await eventually(
      async () => (await x.state()).channel === 'open',
      'the raw channel to open',
      () => x.state(),
    );
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const before = (await y.received()).length;
      const sent = await x.send([`${i} ${'x'.repeat(RAW_FRAME_CHARS)}`]);
      let at: number | undefined;
      await eventually(async () => {
        at = (await y.received(before))[0]?.[0];
        return at !== undefined;
      }, `raw frame ${i}`);
      out.push((at as number) - sent);
      await sleep(GAP_MS);
    }
    return out;
  } finally {
    await x.close();
    await y.close();
  }
}

interface AlertSample {
  i: number;
  kind: 'caution' | 'clear';
  click: number;
  banners: Array<number | undefined>;
}

/**
 * `organizer` raises `count` alerts on `pointId` (its details open), alternating caution and all
 * clear; each waits for the banner on every follower, which then dismisses it.
 */
async function raiseAlerts(organizer: Page, followers: Page[], pointId: string, count: number): Promise<AlertSample[]> {
  await openDetails(organizer, pointId);
  const samples: AlertSample[] = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 2 === 0 ? 'caution' : 'clear';
    await organizer.locator(`[data-testid=raise-${kind}]:enabled`).waitFor();
    const before = await Promise.all(followers.map(async (f) => (await bannerLog(f)).length));
    const click = await organizer.evaluate((k) => {
      const button = document.querySelector<HTMLButtonElement>(`[data-testid=raise-${k}]`);
      const at = Date.now();
      button?.click();
      return at;
    }, kind);
    const sample: AlertSample = { i, kind, click, banners: followers.map(() => undefined) };
    samples.push(sample);
    await eventually(
      async () => {
        for (const [j, f] of followers.entries()) {
          if (sample.banners[j] !== undefined) continue;
          const seen = (await bannerLog(f)).slice(before[j]);
          sample.banners[j] = seen.find((b) => b.kind === kind && b.point === pointId && b.at >= click)?.at;
        }
        return sample.banners.every((x) => x !== undefined);
      },
      `alert ${i} (${kind}) to show on every follower`,
      () => Promise.all(followers.map((f) => bannerLog(f))),
      30_000,
    );
    for (const f of followers)
      await f.evaluate(() =>
        document.querySelectorAll<HTMLButtonElement>('[data-testid=alert-banner-dismiss]').forEach((b) => b.click()),
      );
    await sleep(GAP_MS);
  }
  return samples;
}

/** The time a page's data channels first carried (dir) a `rec` frame with the alert record sent after `after`. */
async function alertFrameTimes(page: Page, dir: 'in' | 'out'): Promise<Array<{ at: number; id: string }>> {
  const out: Array<{ at: number; id: string }> = [];
  for (const [d, at, , text] of await rtcFrames(page)) {
    if (d !== dir || !text.startsWith('{"t":"rec"')) continue;
    const frame = JSON.parse(text) as { r: Array<{ id: string; w: string }> };
    for (const r of frame.r) {
      const e = parseEnvelope(r.w);
      if (e.ok && e.value.k === 'alert' && !out.some((x) => x.id === r.id)) out.push({ at, id: r.id });
    }
  }
  return out;
}

/** Link state times of one pairing, from the offerer's and the answerer's state logs since `from`. */
async function pairingTimes(
  offerer: Page,
  answerer: Page,
  from: number,
): Promise<{ scanToLinked: number | null; tapToScan: number | null }> {
  const [o, a] = [await linkStateLog(offerer), await linkStateLog(answerer)];
  const at = (log: typeof o, state: string) => log.find((e) => e.at >= from && e.state === state)?.at;
  const tap = at(o, 'scanning');
  const connecting = at(o, 'connecting');
  const linkedO = at(o, 'linked');
  const linkedA = at(a, 'linked');
  return {
    scanToLinked:
      connecting !== undefined && linkedO !== undefined && linkedA !== undefined
        ? Math.max(linkedO, linkedA) - connecting
        : null,
    tapToScan: tap !== undefined && connecting !== undefined ? connecting - tap : null,
  };
}

const fmt = (x: number | null) => (x === null ? '—' : String(Math.round(x))).padStart(7);

async function main(): Promise<void> {
  if (!existsSync(new URL('../dist/index.html', import.meta.url)))
    throw new Error('No build: run `npm run build` first.');
  const start = startBench();
  console.log(
    `phone links bench: ${ALERTS} alerts (first ${WARMUP} dropped), idle ${IDLE_MS / 1000} s, ${cpus().length} cores, load ${start.load.join(' ')}`,
  );

  const raw = await rawBaseline(ALERTS);
  console.log('raw data-channel baseline done');

  const relay = await startRelayProcess({ app: true });
  const phones: Phone[] = [];
  try {
    for (const name of ['A', 'B', 'C']) {
      const phone = await openPhone(name, relay.url, {
        beforeLoad: async (p) => {
          for (const content of [WATCH_BANNERS, WATCH_LINK_STATE, WATCH_RTC]) await p.addInitScript({ content });
        },
      });
      phones.push(phone);
      await waitForWorkerControl(phone.page);
    }
    const [a, b, c] = phones as [Phone, Phone, Phone];
    const chromium = a.camera.browser.version();

    // Baseline over the relay: C raises, B shows the banner (C's key: A's alert quota stays for the links).
    const square = await proposePoint(c.page, { title: 'Relay square' });
    await waitForTitle(b.page, 'Relay square', 'active');
    await followPoint(b.page, square.id);
    const viaRelay = await raiseAlerts(c.page, [b.page], square.id, ALERTS);
    console.log('relay baseline done');

    // No relay from here on. (Not Playwright's offline emulation: in Chromium it also stops WebRTC.)
    await relay.stop();
    for (const phone of phones) await closeSheet(phone.page);

    const pairings: PairingRow[] = [];
    for (const [offerer, answerer] of [
      [a, b],
      [b, c],
    ] as const) {
      const from = Date.now();
      const codes = await pairPhones(offerer, answerer);
      const times = await pairingTimes(offerer.page, answerer.page, from);
      pairings.push({
        pair: `${offerer.name}–${answerer.name}`,
        scanToLinkedMs: times.scanToLinked,
        tapToScanMs: times.tapToScan,
        offer: codeSize(codes.offer),
        answer: codeSize(codes.answer),
      });
    }
    console.log('paired A–B and B–C');

    const point = await proposePoint(a.page, { title: 'Linked square' });
    for (const f of [b, c]) {
      await waitForTitle(f.page, 'Linked square', 'active');
      await followPoint(f.page, point.id);
    }
    const overLinks = await raiseAlerts(a.page, [b.page, c.page], point.id, ALERTS);
    console.log('link alerts done');

    const [sentA, inB, inC] = [
      await alertFrameTimes(a.page, 'out'),
      await alertFrameTimes(b.page, 'in'),
      await alertFrameTimes(c.page, 'in'),
    ];
    const measured = overLinks.slice(WARMUP);
    const stage = (from: 'click' | 'sent' | 'inB' | 'inC', to: 'sent' | 'inB' | 'inC' | 'bannerB' | 'bannerC') =>
      measured.map((s) => {
        const next = overLinks[s.i + 1]?.click ?? Infinity;
        const sent = sentA.find((x) => x.at >= s.click && x.at < next);
        const times: Record<string, number | undefined> = {
          click: s.click,
          sent: sent?.at,
          inB: sent ? inB.find((x) => x.id === sent.id)?.at : undefined,
          inC: sent ? inC.find((x) => x.id === sent.id)?.at : undefined,
          bannerB: s.banners[0],
          bannerC: s.banners[1],
        };
        const [p, q] = [times[from], times[to]];
        return p !== undefined && q !== undefined ? q - p : undefined;
      });
    const relayMeasured = viaRelay.slice(WARMUP);
    const latency: LatencyRow[] = [
      row('raw RTCDataChannel text frame, page → page (baseline)', raw.slice(WARMUP)),
      row(
        'relay: click → banner, C → relay → B (baseline)',
        relayMeasured.map((s) => (s.banners[0] === undefined ? undefined : s.banners[0] - s.click)),
      ),
      row('link: click → banner, A → B', stage('click', 'bannerB')),
      row('link: click → banner, A → B → C', stage('click', 'bannerC')),
      row('  click → sent (A: seal, sign, outbox, rec frame)', stage('click', 'sent')),
      row('  sent → arrived at B (one link)', stage('sent', 'inB')),
      row('  arrived at B → banner on B', stage('inB', 'bannerB')),
      row('  arrived at B → arrived at C (B verifies, forwards)', stage('inB', 'inC')),
      row('  arrived at C → banner on C', stage('inC', 'bannerC')),
    ];

    // Idle: nothing new for IDLE_MS; the A–B link is A's only connection.
    await sleep(2000);
    const framesBefore = (await rtcFrames(a.page)).length;
    const [startA] = await rtcBytes(a.page);
    await sleep(IDLE_MS);
    const [endA] = await rtcBytes(a.page);
    const idleFrames = (await rtcFrames(a.page, framesBefore)).map(([dir, , , text]) => `${dir} ${text.slice(0, 20)}`);
    const perMin = (k: keyof NonNullable<typeof startA>) =>
      startA && endA ? Math.round((((endA[k] as number) - (startA[k] as number)) * 60_000) / IDLE_MS) : null;
    const idle = {
      link: 'A–B',
      windowMs: IDLE_MS,
      connections: (await rtcBytes(a.page)).length,
      transportBytesSentPerMin: perMin('transportSent'),
      transportBytesReceivedPerMin: perMin('transportReceived'),
      channelBytesSentPerMin: perMin('channelSent'),
      channelBytesReceivedPerMin: perMin('channelReceived'),
      messagesSentPerMin: perMin('messagesSent'),
      messagesReceivedPerMin: perMin('messagesReceived'),
      stunPacketsSentPerMin: perMin('stunSent'),
      stunPacketsReceivedPerMin: perMin('stunReceived'),
      framesSeen: idleFrames,
    };

    const head = `${'path'.padEnd(56)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'max ms'.padStart(7)} ${'n'.padStart(4)}`;
    console.log(['', head, '-'.repeat(head.length)].join('\n'));
    for (const r of latency)
      console.log(`${r.path.padEnd(56)} ${fmt(r.p50)} ${fmt(r.p95)} ${fmt(r.max)} ${String(r.n).padStart(4)}`);
    console.log('\npairing   second scan → linked   tap → scan read   offer chars/version   answer chars/version');
    for (const p of pairings)
      console.log(
        `${p.pair.padEnd(9)} ${fmt(p.scanToLinkedMs).padStart(20)} ms ${fmt(p.tapToScanMs).padStart(14)} ms ` +
          `${String(p.offer.chars).padStart(10)} / v${p.offer.version}   ${String(p.answer.chars).padStart(12)} / v${p.answer.version}`,
      );
    console.log(
      `\nidle A–B link over ${IDLE_MS / 1000} s, per minute: transport ${idle.transportBytesSentPerMin} B sent / ` +
        `${idle.transportBytesReceivedPerMin} B received; data channel ${idle.channelBytesSentPerMin} / ` +
        `${idle.channelBytesReceivedPerMin} B (${idle.messagesSentPerMin} / ${idle.messagesReceivedPerMin} messages); ` +
        `STUN checks ${idle.stunPacketsSentPerMin} / ${idle.stunPacketsReceivedPerMin} packets`,
    );
    const result = {
      conditions: {
        ...machineConditions(start, chromium),
        alerts: ALERTS,
        warmupDropped: WARMUP,
        gapMs: GAP_MS,
        rawFrameChars: RAW_FRAME_CHARS,
      },
      latency,
      pairings,
      idle,
      samples: {
        raw,
        relay: viaRelay.map((s) => ({ i: s.i, kind: s.kind, click: s.click, banner: s.banners[0] })),
        links: overLinks.map((s) => ({
          i: s.i,
          kind: s.kind,
          click: s.click,
          bannerB: s.banners[0],
          bannerC: s.banners[1],
        })),
      },
      errors: phones.flatMap((p) => p.errors),
    };
    writeResult('phoneLinks.json', result);
  } finally {
    for (const phone of phones) await phone.close();
    await relay.kill().catch(() => undefined);
  }
}

runBench(main);
