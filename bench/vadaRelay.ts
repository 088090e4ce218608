/**
 * The real Vada relay (relay/startRelay.ts) as the bench runs it: relay only
 * (no app), journal in a temp dir that is removed on close. For a before/after
 * comparison, VADA_BENCH_RELAY_DIR=<a copy of relay/> runs that copy instead.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

type StartRelay = typeof import('../relay/startRelay').startRelay;

async function relayCode(): Promise<{ startRelay: StartRelay; from: string }> {
  const dir = process.env.VADA_BENCH_RELAY_DIR;
  if (!dir) return { startRelay: (await import('../relay/startRelay')).startRelay, from: 'relay/' };
  const mod = (await import(pathToFileURL(join(dir, 'startRelay.ts')).href)) as { startRelay: StartRelay };
  return { startRelay: mod.startRelay, from: dir };
}

export interface VadaRelay {
  readonly url: string;
  readonly note: string;
  stats(): unknown;
  close(): Promise<void>;
}

/** Starts a Vada relay on host, any free port; `url` is its GUN endpoint (/gun). */
export async function startVadaRelay(host: string): Promise<VadaRelay> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vada-bench-relay-'));
  const { startRelay, from } = await relayCode();
  const relay = await startRelay({ host, port: 0, dataDir, app: false });
  return {
    url: relay.gunUrl,
    note: `Vada relay (${from}startRelay.ts): verified ingress, journal in a temp dir, GUN core without AXE or radisk`,
    stats: () => relay.stats(),
    close: async () => {
      await relay.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
