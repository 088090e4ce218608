/**
 * How a reader catches up after a reconnect (protocol §1.4): while its link
 * was down it missed live pushes; when the link opens again its GUN client
 * asks again (GET) for every node it subscribed to, the relay answers each
 * with the whole node, and the adapter delivers only the records it had not
 * delivered yet. No cursor, no "since": the reader re-reads its live window.
 */
import { afterEach, expect, it } from 'vitest';
import WebSocket from 'ws';
import { liveBuckets } from '../../src/domain/bucket';
import { soulOf } from '../../src/protocol/souls';
import { createGunAdapter } from '../../src/sync/gunAdapter';
import type { SyncAdapter } from '../../src/sync/SyncAdapter';
import { collect } from '../contract/syncAdapterContract';
import { fakeNetwork } from '../fixtures/fakeNetwork';
import { makeFixture, sealPoint, sleep, waitFor } from '../fixtures/records';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';
import { spyWebSocket } from '../fixtures/spyWebSocket';

const adapters: SyncAdapter[] = [];
let relay: RelayProcess | undefined;
afterEach(async () => {
  await Promise.all(adapters.splice(0).map((a) => a.close()));
  await relay?.stop();
});

it('a reader whose link was down gets what was written meanwhile, by asking again for every node, and nothing twice', async () => {
  relay = await startRelayProcess();
  const f = await makeFixture();
  const network = fakeNetwork();
  const spy = spyWebSocket();
  const writer = createGunAdapter({ relays: [relay.gunUrl], WebSocket });
  const reader = createGunAdapter({ relays: [relay.gunUrl], WebSocket: spy.WebSocket, network });
  adapters.push(writer, reader);
  const seen = collect(reader, f);
  await waitFor(() => writer.status().connected === 1 && reader.status().connected === 1, 'both connected');

  const before = await sealPoint(f, 'before the cut');
  await writer.publish(f.circle, before);
  await waitFor(() => seen.ids().includes(before.id), 'live push before the cut');

  network.set(false);
  await waitFor(() => reader.status().connected === 0, 'reader offline');
  const missed = [await sealPoint(f, 'missed 1'), await sealPoint(f, 'missed 2')];
  for (const s of missed) await writer.publish(f.circle, s);
  await waitFor(() => missed.every((s) => writer.sendState(s.id)?.state === 'sent'), 'stored by the relay');
  await sleep(500);
  expect(seen.ids()).toEqual([before.id]);

  spy.clear();
  network.set(true);
  await waitFor(() => missed.every((s) => seen.ids().includes(s.id)), 'caught up after the reconnect', 15_000);
  await sleep(1000);
  expect([...seen.ids()].sort()).toEqual([before.id, ...missed.map((s) => s.id)].sort());

  // How: a GET of every subscribed node (the circle's live buckets) on the new link.
  const asked = new Set(
    spy
      .sent()
      .map((m) => (m.get as { '#'?: unknown } | undefined)?.['#'])
      .filter((soul): soul is string => typeof soul === 'string'),
  );
  for (const bucket of liveBuckets(Date.now()))
    expect(asked.has(soulOf(f.circle.id, bucket)), `GET of bucket ${bucket}`).toBe(true);
});
