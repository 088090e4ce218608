/**
 * The GUN adapter follows the platform's network flag: going offline drops
 * its relay links at once (a half-open socket must not count as connected,
 * and nothing is sent on it), and coming back reopens them and sends what
 * was queued meanwhile.
 */
import { afterEach, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createGunAdapter } from '../../src/sync/gunAdapter';
import type { SyncAdapter } from '../../src/sync/SyncAdapter';
import { collect } from '../contract/syncAdapterContract';
import { fakeNetwork } from '../fixtures/fakeNetwork';
import { makeFixture, sealPoint, sleep, waitFor } from '../fixtures/records';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';

const adapters: SyncAdapter[] = [];
let relay: RelayProcess | undefined;
afterEach(async () => {
  await Promise.all(adapters.splice(0).map((a) => a.close()));
  await relay?.stop();
});

it('drops links while offline and sends the queue once the network is back', async () => {
  relay = await startRelayProcess();
  const f = await makeFixture();
  const network = fakeNetwork();
  const a = createGunAdapter({ relays: [relay.gunUrl], WebSocket, network });
  const b = createGunAdapter({ relays: [relay.gunUrl], WebSocket });
  adapters.push(a, b);
  const seen = collect(b, f);
  await waitFor(() => a.status().connected === 1 && b.status().connected === 1, 'both connected');

  network.set(false);
  await waitFor(() => a.status().connected === 0, 'A shows no link');
  const s = await sealPoint(f, 'queued while offline');
  await a.publish(f.circle, s);
  await sleep(2500); // longer than GUN's own reconnect wait
  expect(a.sendState(s.id)).toEqual({ state: 'unsent' });
  expect(seen.ids()).toEqual([]);

  network.set(true);
  await waitFor(() => a.sendState(s.id)?.state === 'sent', 'sent after the network returned', 15_000);
  await waitFor(() => seen.ids().includes(s.id), 'B receives it');
  expect(a.status().connected).toBe(1);
});
