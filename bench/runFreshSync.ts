/**
 * Fresh-client sync: a writer puts `count` points into a new space, an
 * observer confirms the relay has them all (or gives up after 30 s and says
 * how many it saw), both leave (so only the relay can answer), then a new
 * client process times how long it takes to hold all (or counts what it got
 * in 30 s).
 */
import type { RelayEndpoint } from './benchTypes';
import { Child } from './childProcess';
import { base, newSpace, PEER_SCRIPT, startPeer, stopAll, warmUp, type PeerChild } from './peerGroup';

export interface FreshSync {
  /** Milliseconds from creating the client to holding every point; null if it never did. */
  readonly ms: number | null;
  readonly got: number;
  readonly count: number;
  /** Points the live observer had received before the fresh client started. */
  readonly observed: number;
}

const STORE_TIMEOUT_MS = 30_000;
/** The fresh client gives up by itself after 30 s (peerProcess.ts); this is a backstop. */
const SYNC_TIMEOUT_MS = 45_000;

export async function runFreshSync(relay: RelayEndpoint, count: number): Promise<FreshSync> {
  const space = newSpace();
  const children: PeerChild[] = [];
  try {
    const [writer, observer] = await Promise.all([
      startPeer({ ...base(relay, space), role: 'writer', peers: 1, expect: 0, history: false }),
      startPeer({ ...base(relay, space), role: 'subscribers', peers: 1, expect: count, history: false }),
    ]);
    children.push(writer, observer);
    await warmUp(writer, [observer], 1);
    const stored = observer.next('complete', STORE_TIMEOUT_MS).then(
      () => count,
      async () => {
        const reply = observer.next('collected', 10_000);
        observer.send({ type: 'collect' });
        return (await reply).peers[0]?.length ?? 0;
      },
    );
    // 50 every 25 ms: a steady write load, not a flood (the flood is the burst scenario's job).
    writer.send({ type: 'run', pacing: { count, batch: 50, intervalMs: 25 } });
    const observed = await stored;
    if (observed < count)
      console.error(
        `  ${relay.kind}: the live observer saw only ${observed}/${count} points within ${STORE_TIMEOUT_MS / 1000} s`,
      );
    await stopAll(children.splice(0));

    // Listen before init: a fast relay can answer before 'inited' is even handled.
    const fresh: PeerChild = new Child(PEER_SCRIPT);
    children.push(fresh);
    const synced = fresh.next('synced', SYNC_TIMEOUT_MS);
    fresh.send({ type: 'init', ...base(relay, space), role: 'fresh', peers: 1, expect: count, history: true });
    const { ms, got } = await synced;
    return { ms: ms === null ? null : Math.round(ms * 10) / 10, got, count, observed };
  } catch (e) {
    console.error(`  ${relay.kind} fresh sync: ${String(e)}`);
    return { ms: null, got: 0, count, observed: 0 };
  } finally {
    await stopAll(children);
  }
}
