/**
 * A fresh reader asks each hour bucket once per link, and each record
 * reaches it once (issue 15: GUN's chain asked every bucket on subscribing and
 * again when the link said hello, so every record arrived twice or three
 * times). After a reconnect every bucket is asked once more: that is how a
 * reader catches up (protocol §1.4). Against the real relay process.
 */
import { afterEach, expect, it } from 'vitest';
import WebSocket from 'ws';
import { liveBuckets } from '../../src/domain/bucket';
import { generateIdentity } from '../../src/protocol';
import { soulOf } from '../../src/protocol/souls';
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

/** A `ws` class that keeps every message sent and received, frames that are arrays unpacked. */
function wireSpy() {
  const sent: Array<Record<string, unknown>> = [];
  const received: Array<Record<string, unknown>> = [];
  const unpack = (text: string) => {
    const v = JSON.parse(text) as unknown;
    return (Array.isArray(v) ? v : [v]) as Array<Record<string, unknown>>;
  };
  class Spy extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      this.on('message', (data: Buffer) => received.push(...unpack(data.toString())));
    }
    override send(data: unknown, ...rest: unknown[]): void {
      if (typeof data === 'string') sent.push(...unpack(data));
      (super.send as (...args: unknown[]) => void)(data, ...rest);
    }
  }
  const getsBySoul = () => {
    const n = new Map<string, number>();
    for (const m of sent) {
      const soul = (m.get as { '#'?: unknown } | undefined)?.['#'];
      if (typeof soul === 'string') n.set(soul, (n.get(soul) ?? 0) + 1);
    }
    return n;
  };
  const arrivalsById = () => {
    const n = new Map<string, number>();
    for (const m of received)
      for (const node of Object.values((m.put ?? {}) as Record<string, Record<string, unknown>>))
        for (const id of Object.keys(node)) if (id !== '_') n.set(id, (n.get(id) ?? 0) + 1);
    return n;
  };
  return { WebSocket: Spy as unknown as typeof WebSocket, getsBySoul, arrivalsById };
}

it('asks each live bucket once per link, receives each record once, and asks again after a reconnect', async () => {
  relay = await startRelayProcess();
  const f = await makeFixture();
  const writer = createGunAdapter({ relays: [relay.gunUrl], WebSocket });
  adapters.push(writer);
  // Two keys: one may write 20 points an hour.
  const authors = [f.alice, await generateIdentity()];
  const sealed = await Promise.all(Array.from({ length: 30 }, (_, i) => sealPoint(f, `Point ${i}`, authors[i % 2])));
  for (const s of sealed) await writer.publish(f.circle, s);
  await waitFor(() => sealed.every((s) => writer.sendState(s.id)?.state === 'sent'), 'all stored by the relay');

  const spy = wireSpy();
  const network = fakeNetwork();
  const reader = createGunAdapter({ relays: [relay.gunUrl], WebSocket: spy.WebSocket, network });
  adapters.push(reader);
  const seen = collect(reader, f);
  await waitFor(() => sealed.every((s) => seen.ids().includes(s.id)), 'every record delivered', 15_000);
  await sleep(1500);

  const souls = liveBuckets(Date.now()).map((b) => soulOf(f.circle.id, b));
  const gets = spy.getsBySoul();
  for (const soul of souls) expect(gets.get(soul), `GETs of ${soul}`).toBe(1);
  expect([...gets.keys()].sort()).toEqual([...souls].sort());
  const arrivals = spy.arrivalsById();
  for (const s of sealed) expect(arrivals.get(s.id), `arrivals of ${s.id}`).toBe(1);
  expect(seen.records).toHaveLength(30);

  // A reconnect: the new link is asked for every bucket again, once.
  network.set(false);
  await waitFor(() => reader.status().connected === 0, 'reader offline');
  network.set(true);
  await waitFor(() => reader.status().connected === 1, 'reader back');
  await waitFor(() => souls.every((soul) => spy.getsBySoul().get(soul) === 2), 'every bucket asked again', 15_000);
  await sleep(1500);
  for (const soul of souls) expect(spy.getsBySoul().get(soul), `GETs of ${soul} after the reconnect`).toBe(2);
  expect(seen.records).toHaveLength(30);
}, 60_000);
