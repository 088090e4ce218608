/**
 * A relay restart loses nothing: 1,000 points written through a GUN client are
 * all served to a fresh client after the relay process is stopped (SIGTERM) or
 * killed (SIGKILL) and started again on the same data folder. Also: a GET for
 * a node that big reaches a client whole, in frames under the 64 KB cap.
 */
import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { makeGunClient, openRawSocket, type GunClient } from '../../fixtures/rawGunClient';
import { relayStats, startRelayProcess, type RelayProcess } from '../../fixtures/relayProcess';
import type { Sealed } from '../../../src/protocol/sealRecord';
import { publishAll, receiveValid, rssMb, sealPoints, soulFor } from './pointRecords';

const N = 1000;
let relay: RelayProcess | undefined;
// Sealed once and shared: each test starts a fresh relay on a fresh folder, and mining 1,000 nonces takes seconds.
let sealed: Promise<Sealed[]> | undefined;
const points = () => (sealed ??= sealPoints(N));
const clients: GunClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await relay?.kill();
  relay = undefined;
});

async function writeThenRestart(how: 'restart' | 'kill') {
  relay = await startRelayProcess();
  const records = await points();
  const writer = makeGunClient(relay.gunUrl);
  clients.push(writer);
  let t = performance.now();
  await publishAll(writer, records);
  const writeMs = performance.now() - t;
  expect((await relayStats(relay)).stored).toBe(N);
  writer.close();

  t = performance.now();
  if (how === 'restart') await relay.restart();
  else {
    await relay.kill();
    await relay.restart();
  }
  const restartMs = performance.now() - t;
  expect((await relayStats(relay)).replayed).toBe(N);

  const reader = makeGunClient(relay.gunUrl);
  clients.push(reader);
  t = performance.now();
  const got = await receiveValid(reader, [soulFor(records[0]!)], N);
  const receiveMs = performance.now() - t;
  expect(got.size).toBe(N);
  expect([...got].sort()).toEqual(records.map((r) => r.id).sort());
  console.log(
    `[relay ${how}] write ${N}: ${writeMs.toFixed(0)} ms, restart: ${restartMs.toFixed(0)} ms, ` +
      `fresh client got ${got.size}: ${receiveMs.toFixed(0)} ms, relay RSS ${await rssMb(relay.pid)} MB`,
  );
  return records;
}

describe('relay restart', () => {
  it('serves all 1,000 points to a fresh client after SIGTERM and restart', async () => {
    await writeThenRestart('restart');
    // The relay runs in its data folder: nothing but the journal appears there (no radata, no stats file).
    expect(readdirSync(relay!.dataDir)).toEqual(['records.jsonl']);
  });

  it('serves all 1,000 points to a fresh client after SIGKILL and restart', async () => {
    await writeThenRestart('kill');
  });

  it('answers a GET for a 1,000-record node completely, in frames under 64 KB', async () => {
    const records = await writeThenRestart('restart');
    const raw = await openRawSocket(relay!.gunUrl);
    raw.send(JSON.stringify({ '#': 'bigget', get: { '#': soulFor(records[0]!) } }));
    const ids = new Set<string>();
    const deadline = Date.now() + 10_000;
    while (ids.size < N && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      for (const frame of raw.received) {
        const parsed = JSON.parse(frame) as unknown;
        for (const m of (Array.isArray(parsed) ? parsed : [parsed]) as Array<Record<string, unknown>>) {
          const node = (m.put as Record<string, Record<string, unknown>> | undefined)?.[soulFor(records[0]!)];
          if (m['@'] === 'bigget' && node) for (const k of Object.keys(node)) if (k !== '_') ids.add(k);
        }
      }
    }
    raw.close();
    expect(ids.size).toBe(N);
    expect(Math.max(...raw.received.map((f) => Buffer.byteLength(f)))).toBeLessThanOrEqual(64 * 1024);
  });
});
