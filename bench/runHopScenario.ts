/**
 * One relay-hop measurement: a writer and `subscribers` subscriber peers
 * (spread over SUBSCRIBER_PROCESSES processes) on one relay, a warm-up, a wait
 * for the relay to go quiet, then `points` points paced or in a burst. Returns
 * the latency row and where the CPU time went during the measured window.
 */
import { nowMs, pacingOf, type HopRow, type Pattern } from './benchTypes';
import { summarize } from './latencyStats';
import { machineBusyMs } from './machineCpu';
import { base, newSpace, sleep, split, startPeer, stopAll, warmUp, type PeerChild } from './peerGroup';
import type { RelayChild } from './relayChild';

/** Subscribers are spread over two processes by default: the machine has two cores. */
export const SUBSCRIBER_PROCESSES = 2;
/** A point not received this long after the last send is lost. */
export const LOST_AFTER_MS = 10_000;

/** CPU milliseconds used in the measured window, and how long the relay took to go quiet first. */
export interface ScenarioDiag {
  readonly settleMs: number;
  /** False when the machine never went quiet before the window (figures likely inflated). */
  readonly quiet: boolean;
  readonly windowMs: number;
  readonly relayCpuMs: number;
  readonly subscriberCpuMs: number;
  readonly writerCpuMs: number;
  /** CPU ms the rest of the machine used in the window (other engineers' jobs); null off Linux. */
  readonly otherCpuMs: number | null;
  /** Vada relay only: frames it received, and records it already had, during the window. */
  readonly relayFrames?: number;
  readonly relayDuplicates?: number;
}
export interface ScenarioResult {
  readonly row: HopRow;
  readonly diag: ScenarioDiag | null;
}

/**
 * Waits (≤ 15 s) until, over 250 ms, the relay used < 10 % of a core and the
 * whole machine < 30 % of one: leftovers of the last scenario, of the warm-up,
 * or other people's jobs on this shared machine. Returns the wait and whether
 * it ended quiet.
 */
async function settle(relay: RelayChild): Promise<{ ms: number; quiet: boolean }> {
  const t0 = Date.now();
  let before = { relay: (await relay.probe()).cpuMs, machine: machineBusyMs() };
  while (Date.now() - t0 < 15_000) {
    await sleep(250);
    const now = { relay: (await relay.probe()).cpuMs, machine: machineBusyMs() };
    const machine = now.machine === undefined || before.machine === undefined ? 0 : now.machine - before.machine;
    if (now.relay - before.relay < 25 && machine < 75) return { ms: Date.now() - t0, quiet: true };
    before = now;
  }
  return { ms: Date.now() - t0, quiet: false };
}

/** Frames and duplicates seen by a relay that counts them (Vada's stats()). */
function counterDelta(a: unknown, b: unknown): { relayFrames?: number; relayDuplicates?: number } {
  const num = (o: unknown, k: string): number | undefined => {
    const v = typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[k] : undefined;
    return typeof v === 'number' ? v : undefined;
  };
  const d = (k: string): number | undefined => {
    const x = num(a, k);
    const y = num(b, k);
    return x === undefined || y === undefined ? undefined : y - x;
  };
  const frames = d('frames');
  const dups = d('duplicates');
  return {
    ...(frames === undefined ? {} : { relayFrames: frames }),
    ...(dups === undefined ? {} : { relayDuplicates: dups }),
  };
}

async function collect(
  c: PeerChild,
): Promise<{ peers: ReadonlyArray<ReadonlyArray<readonly [string, number]>>; cpuMs: number }> {
  const reply = c.next('collected', 20_000);
  c.send({ type: 'collect' });
  return reply;
}

/** Runs one scenario; a failed set-up yields a row where everything is lost. */
export async function runHopScenario(
  relay: RelayChild,
  subscribers: number,
  pattern: Pattern,
  points: number,
  wire = false,
  procs = SUBSCRIBER_PROCESSES,
): Promise<ScenarioResult> {
  const space = newSpace();
  const children: PeerChild[] = [];
  const at = relay.kind !== 'vada' ? 'received' : wire ? 'arrival' : 'verified';
  const row = { subscribers, pattern, relay: relay.kind, at } as const;
  try {
    const shares = split(subscribers, procs);
    const started = await Promise.all([
      startPeer({ ...base(relay, space), role: 'writer', peers: 1, expect: 0, history: false }),
      ...shares.map((n) =>
        startPeer({ ...base(relay, space), role: 'subscribers', peers: n, expect: points, history: false, wire }),
      ),
    ]);
    children.push(...started);
    const [writer, ...subs] = started as [PeerChild, ...PeerChild[]];
    await warmUp(writer, subs, subscribers);
    const { ms: settleMs, quiet } = await settle(relay);

    let complete = 0;
    const offs = subs.map((c) => c.on('complete', () => complete++));
    for (const c of children) c.send({ type: 'mark' });
    const probe0 = await relay.probe();
    const busy0 = machineBusyMs();
    const self0 = process.cpuUsage();
    const t0 = nowMs();
    const sent = writer.next('sent', 60_000);
    writer.send({ type: 'run', pacing: pacingOf(pattern, points) });
    const { sends } = await sent;
    const cutoff = (sends.at(-1)?.[1] ?? nowMs()) + LOST_AFTER_MS;
    while (complete < subscribers && nowMs() < cutoff) await sleep(20);
    offs.forEach((off) => off());
    const windowMs = nowMs() - t0;
    const busy1 = machineBusyMs();
    const self = process.cpuUsage(self0);
    const probe1 = await relay.probe();
    const relayCpuMs = probe1.cpuMs - probe0.cpuMs;

    const [w, ...collected] = await Promise.all(children.map(collect));
    const { samples: _samples, ...stats } = summarize(
      sends,
      collected.flatMap((c) => c.peers),
      subscribers,
      cutoff,
    );
    const subscriberCpuMs = collected.reduce((n, c) => n + c.cpuMs, 0);
    const r = (x: number): number => Math.round(x);
    const ours = relayCpuMs + subscriberCpuMs + (w?.cpuMs ?? 0) + (self.user + self.system) / 1000;
    const otherCpuMs = busy0 === undefined || busy1 === undefined ? null : Math.max(0, r(busy1 - busy0 - ours));
    return {
      row: { ...row, ...stats },
      diag: {
        settleMs,
        quiet,
        windowMs: r(windowMs),
        relayCpuMs: r(relayCpuMs),
        subscriberCpuMs: r(subscriberCpuMs),
        writerCpuMs: r(w?.cpuMs ?? 0),
        otherCpuMs,
        ...counterDelta(probe0.stats, probe1.stats),
      },
    };
  } catch (e) {
    console.error(`  ${relay.kind} ${subscribers} ${pattern}: ${String(e)}`);
    return { row: { ...row, p50: null, p95: null, max: null, lost: subscribers * points }, diag: null };
  } finally {
    await stopAll(children);
  }
}
