/**
 * Child-process entry that runs one relay of the kind named in argv[2] on
 * 127.0.0.1, so its RSS can be read on its own and it never shares an event
 * loop with the peers. Speaks messages.ts (FromRelay / ToRelay) over IPC.
 */
import './quietGun';
import type { RelayKind } from './benchTypes';
import type { FromRelay, ToRelay } from './messages';

const HOST = '127.0.0.1';

interface Running {
  readonly url: string;
  readonly note: string;
  stats?(): unknown;
  close(): Promise<void>;
}

async function start(kind: RelayKind): Promise<Running> {
  if (kind === 'raw-ws') {
    const { startRawWsRelay } = await import('./rawWsRelay');
    return { ...(await startRawWsRelay(HOST)), note: 'raw ws broadcast relay (in-memory history)' };
  }
  if (kind === 'stock-gun') {
    const { startStockGunRelay, STOCK_GUN_NOTE } = await import('./stockGunRelay');
    return { ...(await startStockGunRelay(HOST)), note: STOCK_GUN_NOTE };
  }
  const { startVadaRelay } = await import('./vadaRelay');
  return startVadaRelay(HOST);
}

const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

function send(m: FromRelay): void {
  process.send?.(m);
}

async function main(): Promise<void> {
  const kind = process.argv[2] as RelayKind;
  const relay = await start(kind);
  process.on('message', (raw) => {
    const m = raw as ToRelay;
    if (m.type === 'probe') {
      const { rss, heapUsed } = process.memoryUsage();
      send({ type: 'probe', rss, heapUsed, cpuMs: cpuMs(), stats: relay.stats?.() });
    }
    if (m.type === 'stop') void relay.close().finally(() => process.exit(0));
  });
  // The orchestrator owns our lifetime: if it goes away, so do we.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'listening', url: relay.url, note: relay.note });
}

main().catch((e: unknown) => {
  send({ type: 'error', message: `relay: ${String(e)}` });
  process.exit(1);
});
