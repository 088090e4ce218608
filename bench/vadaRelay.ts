/**
 * The real Vada relay (relay/startRelay.ts) as the bench runs it: relay only
 * (no app), journal in a temp dir that is removed on close.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRelay } from '../relay/startRelay';

export interface VadaRelay {
  readonly url: string;
  readonly note: string;
  stats(): unknown;
  close(): Promise<void>;
}

/** Starts a Vada relay on host, any free port; `url` is its GUN endpoint (/gun). */
export async function startVadaRelay(host: string): Promise<VadaRelay> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vada-bench-relay-'));
  const relay = await startRelay({ host, port: 0, dataDir, app: false });
  return {
    url: relay.gunUrl,
    note: 'Vada relay (relay/startRelay.ts): verified ingress, journal in a temp dir, GUN core without AXE or radisk',
    stats: () => relay.stats(),
    close: async () => {
      await relay.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
