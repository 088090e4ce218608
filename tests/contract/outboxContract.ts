/**
 * The offline send queue as part of the SyncAdapter contract: a record
 * published while no relay is reachable is "unsent", survives a reload (a new
 * adapter on the same outbox), and reaches other peers exactly once when a
 * relay comes back; the publisher learns when it went out.
 */
import { expect, it } from 'vitest';
import { createMemoryOutbox } from '../../src/sync/memoryOutbox';
import type { Outbox } from '../../src/sync/Outbox';
import type { SendState, SyncAdapter } from '../../src/sync/SyncAdapter';
import { sealPoint, sleep, waitFor, type Fixture } from '../fixtures/records';
import { collect, type ContractEnv } from './syncAdapterContract';

export interface OutboxCaseDeps {
  env(): ContractEnv;
  fixture(): Fixture;
  make(opts?: { outbox?: Outbox }): Promise<SyncAdapter>;
  /** Closes an adapter the suite would otherwise close at the end. */
  forget(a: SyncAdapter): void;
}

const count = (ids: string[], id: string) => ids.filter((x) => x === id).length;

export function outboxCases({ env, fixture, make, forget }: OutboxCaseDeps): void {
  it('queues a record published with no relay reachable and sends it exactly once when one is back', async () => {
    const f = fixture();
    const b = await make();
    const seen = collect(b, f);
    await waitFor(() => b.status().connected >= 1, 'B connected');
    await env().cutRelays();
    const a = await make();
    const events: Array<[string, SendState]> = [];
    a.onSend((id, s) => events.push([id, s]));
    const s = await sealPoint(f, 'offline point');
    await a.publish(f.circle, s);
    expect(a.sendState(s.id)).toEqual({ state: 'unsent' });
    await sleep(500);
    expect(a.status().connected).toBe(0);
    expect(a.sendState(s.id)).toEqual({ state: 'unsent' });
    expect(seen.ids()).not.toContain(s.id);

    const before = Date.now();
    await env().restoreRelays();
    await waitFor(() => a.sendState(s.id)?.state === 'sent', 'marked sent', 20_000);
    const sent = a.sendState(s.id);
    expect(sent?.state === 'sent' && sent.at).toBeGreaterThanOrEqual(before);
    expect(sent?.state === 'sent' && sent.at).toBeLessThanOrEqual(Date.now());
    await waitFor(() => seen.ids().includes(s.id), 'record at peer B', 20_000);
    await sleep(1000);
    expect(count(seen.ids(), s.id)).toBe(1);
    expect(events.map(([id, e]) => [id, e.state])).toEqual([
      [s.id, 'unsent'],
      [s.id, 'sent'],
    ]);
  });

  it('passes on a record received by hand: marked carried, queued while offline, delivered once when a relay is back', async () => {
    const f = fixture();
    const b = await make();
    const seen = collect(b, f);
    await waitFor(() => b.status().connected >= 1, 'B connected');
    await env().cutRelays();
    const outbox = createMemoryOutbox();
    const courier = await make({ outbox });
    // Someone else's record, handed over by text: the courier is not its author.
    const s = await sealPoint(f, 'handed over', f.mallory);
    const carried = { id: s.id, circle: f.circle.id, wire: s.wire, created: s.envelope.t };
    await courier.forward(carried);
    await courier.forward(carried);
    expect(courier.sendState(s.id)).toEqual({ state: 'unsent', carried: true });
    expect((await outbox.unsent()).map((e) => [e.id, e.carried])).toEqual([[s.id, true]]);

    await env().restoreRelays();
    await waitFor(() => courier.sendState(s.id)?.state === 'sent', 'carried record acknowledged', 20_000);
    expect(courier.sendState(s.id)?.carried).toBe(true);
    expect((await outbox.all()).map((e) => [e.id, e.carried, e.sentAt !== undefined])).toEqual([[s.id, true, true]]);
    await waitFor(() => seen.ids().includes(s.id), 'carried record at peer B', 20_000);
    await sleep(1000);
    expect(count(seen.ids(), s.id)).toBe(1);
    expect(seen.records.find((r) => r.id === s.id)?.author).toBe(f.mallory.publicKey);
  });

  it('after a reload, sends what was left unsent and nothing twice', async () => {
    const f = fixture();
    const outbox = createMemoryOutbox();
    const b = await make();
    const seen = collect(b, f);
    const first = await make({ outbox });
    const early = await sealPoint(f, 'sent before the cut');
    await first.publish(f.circle, early);
    await waitFor(() => first.sendState(early.id)?.state === 'sent', 'early record acknowledged');
    await waitFor(() => seen.ids().includes(early.id), 'early record at B');

    await env().cutRelays();
    const late = await sealPoint(f, 'published offline');
    await first.publish(f.circle, late);
    forget(first);
    await first.close(); // the page goes away
    expect((await outbox.unsent()).map((e) => e.id)).toEqual([late.id]);

    const reloaded = await make({ outbox });
    await waitFor(() => reloaded.sendState(late.id)?.state === 'unsent', 'queue restored');
    expect(reloaded.sendState(early.id)?.state).toBe('sent');
    await env().restoreRelays();
    await waitFor(() => reloaded.sendState(late.id)?.state === 'sent', 'queued record sent', 20_000);
    await waitFor(() => seen.ids().includes(late.id), 'queued record at B', 20_000);
    await sleep(1000);
    expect(count(seen.ids(), late.id)).toBe(1);
    expect(count(seen.ids(), early.id)).toBe(1);
    expect(await outbox.unsent()).toEqual([]);
    const counts = await env().relayCounts?.();
    // The relay came back with its journal: only the queued record is new to it.
    if (counts) expect(counts).toEqual({ accepted: 1, stored: 2 });
  });
}
