/**
 * Parent side of a relay process: start one relay kind in its own process,
 * read its RSS (and Vada's own counters) and stop it.
 */
import { fileURLToPath } from 'node:url';
import type { RelayEndpoint, RelayKind } from './benchTypes';
import { Child } from './childProcess';
import type { FromRelay, ToRelay } from './messages';

const RELAY_SCRIPT = fileURLToPath(new URL('./relayProcess.ts', import.meta.url));

export interface RelayChild extends RelayEndpoint {
  readonly note: string;
  readonly pid: number | undefined;
  /** RSS and JS heap in MB, CPU time used so far, and the relay's own stats when it has any. */
  probe(): Promise<{ rssMB: number; heapMB: number; cpuMs: number; stats?: unknown }>;
  stop(): Promise<void>;
}

export async function startRelayChild(kind: RelayKind): Promise<RelayChild> {
  const child = new Child<FromRelay, ToRelay>(RELAY_SCRIPT, [kind], true);
  const { url, note } = await child.next('listening', 60_000);
  return {
    kind,
    url,
    note,
    pid: child.pid,
    async probe() {
      const reply = child.next('probe', 10_000);
      child.send({ type: 'probe' });
      const { rss, heapUsed, cpuMs, stats } = await reply;
      const mb = (b: number): number => Math.round((b / 1048576) * 10) / 10;
      return { rssMB: mb(rss), heapMB: mb(heapUsed), cpuMs, stats };
    },
    stop: () => child.stop({ type: 'stop' }, 3000),
  };
}
