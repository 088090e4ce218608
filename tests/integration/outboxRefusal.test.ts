/**
 * A record a Vada relay refuses is marked refused with the relay's reason, is
 * not retried when the link comes back, and never reaches another peer; an
 * honest record published alongside it is sent as usual, also when both
 * travel in one PUT and the relay answers record by record (protocol §11.1).
 */
import { afterEach, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createMemoryOutbox } from '../../src/sync/memoryOutbox';
import { createGunAdapter } from '../../src/sync/gunAdapter';
import type { SyncAdapter } from '../../src/sync/SyncAdapter';
import { collect } from '../contract/syncAdapterContract';
import { makeFixture, sealPoint, sleep, waitFor } from '../fixtures/records';
import { relayStats, startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';
import { spyWebSocket } from '../fixtures/spyWebSocket';

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

it('sends the queued records of one node in one PUT and settles each by its own line of the answer', async () => {
  relay = await startRelayProcess();
  const f = await makeFixture();
  const now = Date.now();
  const honest = await sealPoint(f, 'honest', f.alice, now);
  const genuine = await sealPoint(f, 'filed under a forged id', f.alice, now);
  const forgedId = genuine.id.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
  const outbox = createMemoryOutbox();
  await outbox.put({ id: forgedId, circle: f.circle.id, wire: genuine.wire, created: now });
  await outbox.put({ id: honest.id, circle: f.circle.id, wire: honest.wire, created: now });
  const spy = spyWebSocket();
  const a = createGunAdapter({ relays: [relay.gunUrl], WebSocket: spy.WebSocket, outbox });
  adapters.push(a);
  await waitFor(
    () => a.sendState(forgedId)?.state === 'refused' && a.sendState(honest.id)?.state === 'sent',
    'each record settled',
    15_000,
  );
  expect(a.sendState(forgedId)).toEqual({ state: 'refused', reason: 'refused: bad-id' });
  // The two went out together: one PUT message whose node holds both.
  const puts = spy.sent().filter((m) => m.put !== undefined);
  const both = puts.filter((m) => {
    const nodes = Object.values(m.put as Record<string, Record<string, unknown>>);
    return nodes.length === 1 && forgedId in nodes[0]! && honest.id in nodes[0]!;
  });
  expect(both.length).toBeGreaterThan(0);
  expect(puts.every((m) => both.includes(m))).toBe(true);
  const stats = await relayStats(relay);
  expect(stats.stored).toBe(1);
  expect(stats.refused['bad-id']).toBeGreaterThan(0);
});
