/**
 * Baseline "what people run today": a GUN relay with default options
 * (`Gun({ web: server })`: AXE on, radisk on) storing into a temp `file` dir.
 * Only `multicast` and `stats` are off, because they send UDP off the machine
 * and write a stats file into node_modules/gun.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Gun from 'gun';

export interface StockGunRelay {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts the stock relay on host:port (0 = any free port); `url` ends in /gun. */
export async function startStockGunRelay(host: string, port = 0): Promise<StockGunRelay> {
  const dir = mkdtempSync(join(tmpdir(), 'vada-bench-gun-'));
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  Gun({ web: server, file: join(dir, 'radata'), multicast: false, stats: false } as Record<string, unknown>);
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${bound}/gun`,
    // GUN has no shutdown: the process owning it exits right after this.
    close: async () => {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What the table prints under the stock relay. */
export const STOCK_GUN_NOTE =
  'stock GUN relay: defaults (AXE on, radisk in a temp dir) except multicast:false, stats:false (multicast sends UDP off the machine, stats writes into node_modules/gun)';
