/**
 * Child-process entry for bench clients. One process plays one role: the
 * writer (warm-ups, then the paced/burst points, reporting send times), a set
 * of subscribers (reporting first-receive times per point), or a fresh client
 * timing how long it takes to hold a space's whole history.
 */
import './quietGun';
import { nowMs, WARMUP_LABEL, type Pacing } from './benchTypes';
import { makePeer, type BenchPeer } from './benchPeer';
import type { FromPeer, PeerInit, ToPeer } from './messages';
import { startWindowProfile, stopWindowProfile } from './windowProfiler';

const FRESH_TIMEOUT_MS = 30_000;
const send = (m: FromPeer): void => void process.send?.(m);
const sleepUntil = (t: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, t - nowMs())));

let peers: BenchPeer[] = [];
const received: Map<string, number>[] = [];
/** CPU use is reported from the start of the measured window ('mark'). */
let cpuAtRun = process.cpuUsage();
let role: PeerInit['role'] = 'writer';
let kindTag = '';

/** Subscribes peer `i`: first warm-up marks it ready, the `expect`-th point marks it complete. */
function track(peer: BenchPeer, i: number, init: PeerInit, onComplete: () => void): void {
  const got = new Map<string, number>();
  received[i] = got;
  let ready = false;
  peer.subscribe((id, label, at) => {
    const t = at ?? nowMs();
    if (label === WARMUP_LABEL) {
      if (!ready) send({ type: 'ready', peer: i });
      ready = true;
    } else if (!got.has(id)) {
      got.set(id, t);
      if (got.size === init.expect) onComplete();
    }
  }, init.history);
}

async function init(m: PeerInit): Promise<void> {
  role = m.role;
  kindTag = `${m.kind}${m.wire ? '-wire' : ''}-${m.peers}`;
  if (m.role === 'writer') peers = [await makePeer(m.kind, m.url, m.space)];
  if (m.role === 'subscribers') {
    // Sequential: 25 clients connecting at once only slows the warm-up, not the figures.
    for (let i = 0; i < m.peers; i++) {
      const peer = await makePeer(m.kind, m.url, m.space, m.wire);
      peers.push(peer);
      track(peer, i, m, () => send({ type: 'complete', peer: i }));
    }
  }
  if (m.role === 'fresh') {
    const t0 = nowMs();
    const timer = setTimeout(() => send({ type: 'synced', ms: null, got: received[0]?.size ?? 0 }), FRESH_TIMEOUT_MS);
    const peer = await makePeer(m.kind, m.url, m.space);
    peers = [peer];
    track(peer, 0, m, () => {
      clearTimeout(timer);
      send({ type: 'synced', ms: nowMs() - t0, got: m.expect });
    });
  }
  send({ type: 'inited' });
}

/** Prepares every point first (untimed), then sends them `batch` at a time. */
async function run(p: Pacing): Promise<void> {
  const writer = peers[0];
  if (!writer) throw new Error('run before init');
  const out = [];
  for (let i = 0; i < p.count; i++) out.push(await writer.prepare(`pt ${i}`));
  // The writer's CPU figure covers sending, not sealing.
  cpuAtRun = process.cpuUsage();
  const sends: [string, number][] = [];
  const t0 = nowMs();
  for (let i = 0; i < out.length; i += p.batch) {
    if (p.intervalMs > 0) await sleepUntil(t0 + (i / p.batch) * p.intervalMs);
    for (const o of out.slice(i, i + p.batch)) {
      sends.push([o.id, nowMs()]);
      o.send();
    }
  }
  send({ type: 'sent', sends });
}

async function handle(m: ToPeer): Promise<void> {
  if (m.type === 'init') await init(m);
  if (m.type === 'warm') (await peers[0]?.prepare(WARMUP_LABEL))?.send();
  if (m.type === 'mark') {
    cpuAtRun = process.cpuUsage();
    if (role === 'subscribers') await startWindowProfile();
  }
  if (m.type === 'run') await run(m.pacing);
  if (m.type === 'collect') {
    const { user, system } = process.cpuUsage(cpuAtRun);
    await stopWindowProfile(`window-${kindTag}`);
    send({ type: 'collected', peers: received.map((r) => [...r.entries()]), cpuMs: (user + system) / 1000 });
  }
  if (m.type === 'stop') {
    await Promise.race([Promise.all(peers.map((p) => p.close())), new Promise((r) => setTimeout(r, 1000))]);
    process.exit(0);
  }
}

process.on(
  'message',
  (m) => void handle(m as ToPeer).catch((e: unknown) => send({ type: 'error', message: `peer: ${String(e)}` })),
);
// The orchestrator owns our lifetime: if it goes away, so do we.
process.on('disconnect', () => process.exit(0));
