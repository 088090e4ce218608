/**
 * Starts the client processes of one measurement (a writer and subscriber
 * processes), waits until every subscriber has seen a warm-up point, and stops
 * them all. Shared by the hop scenarios and the fresh-client sync.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { RelayEndpoint, Space } from './benchTypes';
import { Child } from './childProcess';
import type { FromPeer, PeerInit, ToPeer } from './messages';

export const PEER_SCRIPT = fileURLToPath(new URL('./peerProcess.ts', import.meta.url));
export type PeerChild = Child<FromPeer, ToPeer>;

const WARMUP_EVERY_MS = 250;
const WARMUP_TIMEOUT_MS = 45_000;
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A fresh namespace: a random 16-byte id (base64url, a valid circle id) and a random circle key. */
export function newSpace(): Space {
  const id = randomBytes(16).toString('base64url');
  return { id, keyHex: randomBytes(32).toString('hex') };
}

/** Splits n subscribers over at most `procs` processes, as evenly as possible. */
export function split(n: number, procs: number): number[] {
  const k = Math.max(1, Math.min(n, procs));
  return Array.from({ length: k }, (_, i) => Math.floor(n / k) + (i < n % k ? 1 : 0));
}

/** Starts one peer process in a role and waits for it to be initialised. */
export async function startPeer(init: Omit<PeerInit, 'type'>, timeoutMs = 60_000): Promise<PeerChild> {
  const child: PeerChild = new Child(PEER_SCRIPT);
  const inited = child.next('inited', timeoutMs);
  child.send({ type: 'init', ...init });
  await inited;
  return child;
}

/** Writer sends warm-up points until all `expected` subscribers saw one; throws on timeout. */
export async function warmUp(writer: PeerChild, subs: PeerChild[], expected: number): Promise<void> {
  let ready = 0;
  const offs = subs.map((c) => c.on('ready', () => ready++));
  try {
    const deadline = Date.now() + WARMUP_TIMEOUT_MS;
    while (ready < expected) {
      if (Date.now() > deadline) throw new Error(`warm-up: only ${ready}/${expected} subscribers ready`);
      writer.send({ type: 'warm' });
      await sleep(WARMUP_EVERY_MS);
    }
  } finally {
    for (const off of offs) off();
  }
}

/** Stops every child (kill by pid after a grace period). */
export function stopAll(children: PeerChild[]): Promise<void[]> {
  return Promise.all(children.map((c) => c.stop({ type: 'stop' })));
}

/** Relay, role and space fields common to every init message. */
export function base(relay: RelayEndpoint, space: Space): Pick<PeerInit, 'kind' | 'url' | 'space'> {
  return { kind: relay.kind, url: relay.url, space };
}
