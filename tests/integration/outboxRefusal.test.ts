/**
 * A record a Vada relay refuses is marked refused with the relay's reason, is
 * not retried when the link comes back, and never reaches another peer; an
 * honest record published alongside it is sent as usual.
 */
import { afterEach, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createMemoryOutbox } from '../../src/sync/memoryOutbox';
import { createGunAdapter } from '../../src/sync/gunAdapter';
import type { SyncAdapter } from '../../src/sync/SyncAdapter';
import { collect } from '../contract/syncAdapterContract';
import { makeFixture, sealPoint, sleep, waitFor } from '../fixtures/records';
import { relayStats, startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';

const adapters: SyncAdapter[] = [];
let relay: RelayProcess | undefined;
afterEach(async () => {
  await Promise.all(adapters.splice(0).map((a) => a.close()));
  await relay?.stop();
});

it('marks a refused record refused, with the reason, and does not retry it', async () => {
  relay = await startRelayProcess();
  const f = await makeFixture();
  const outbox = createMemoryOutbox();
  const a = createGunAdapter({ relays: [relay.gunUrl], WebSocket, outbox });
  const b = createGunAdapter({ relays: [relay.gunUrl], WebSocket });
  adapters.push(a, b);
  const seen = collect(b, f);
  await waitFor(() => a.status().connected === 1 && b.status().connected === 1, 'both connected');
  const honest = await sealPoint(f, 'honest');
  const genuine = await sealPoint(f, 'filed under a forged id');
  const forged = { ...genuine, id: honest.id.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) as typeof genuine.id };
  await a.publish(f.circle, forged);
  await a.publish(f.circle, honest);
  await waitFor(() => a.sendState(forged.id)?.state === 'refused', 'refusal', 15_000);
  const refused = a.sendState(forged.id);
  expect(refused?.state === 'refused' && refused.reason).toMatch(/^refused: .*bad-id/);
  await waitFor(() => a.sendState(honest.id)?.state === 'sent', 'honest record sent');
  expect((await outbox.unsent()).map((e) => e.id)).toEqual([]);

  const before = (await relayStats(relay)).refusedTotal;
  await relay.restart();
  await waitFor(() => a.status().connected === 1, 'reconnected', 20_000);
  await sleep(1500);
  // The honest record is offered again to the restarted relay; the refused one is not.
  expect((await relayStats(relay)).refusedTotal).toBe(0);
  expect(before).toBeGreaterThan(0);
  expect(seen.ids()).toEqual([honest.id]);
});
