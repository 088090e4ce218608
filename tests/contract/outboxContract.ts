/**
 * The offline send queue as part of the SyncAdapter contract: a record
 * published while no relay is reachable is "unsent", survives a reload (a new
 * adapter on the same outbox), and reaches other peers exactly once when a
 * relay comes back; the publisher learns when it went out.
 */
import { expect, it } from 'vitest';
import { createMemoryOutbox } from '../../src/sync/memoryOutbox';
import type { Outbox } from '../../src/domain/Outbox';
import type { SendState, SyncAdapter } from '../../src/sync/SyncAdapter';
import { sealPoint, sleep, waitFor, type Fixture } from '../fixtures/records';
import { collect, type ContractEnv } from './syncAdapterContract';

export interface OutboxCaseDeps {
  env(): ContractEnv;
  fixture(): Fixture;
  make(opts?: { outbox?: Outbox }): Promise<SyncAdapter>;
  /** Closes an adapter the suite would otherwise close at the end. */
  forget(a: SyncAdapter): void;
  /** The relays refuse invalid records and answer per record: the per-record case applies. */
  relayChecksRecords: boolean;
}

const count = (ids: string[], id: string) => ids.filter((x) => x === id).length;

export function outboxCases({ env, fixture, make, forget, relayChecksRecords }: OutboxCaseDeps): void {
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

  if (relayChecksRecords)
    it('settles each record of one PUT by its own answer: a forged one refused for good, the valid one sent', async () => {
      const f = fixture();
      const b = await make();
      const seen = collect(b, f);
      const now = Date.now();
      const honest = await sealPoint(f, 'honest', f.alice, now);
      const genuine = await sealPoint(f, 'filed under a forged id', f.alice, now);
      const forgedId = genuine.id.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
      // Left in the outbox by an earlier page, in one hour's node: the next adapter sends them in one PUT.
      const outbox = createMemoryOutbox();
      await outbox.put({ id: forgedId, circle: f.circle.id, wire: genuine.wire, created: genuine.envelope.t });
      await outbox.put({ id: honest.id, circle: f.circle.id, wire: honest.wire, created: honest.envelope.t });
      const a = await make({ outbox });
      const settled = () => a.sendState(forgedId)?.state === 'refused' && a.sendState(honest.id)?.state === 'sent';
      await waitFor(settled, 'each record settled by the answer', 20_000);
      expect(a.sendState(forgedId)).toEqual({ state: 'refused', reason: 'refused: bad-id' });
      await waitFor(() => seen.ids().includes(honest.id), 'honest record at B', 20_000);

      // A new link is sent the valid record again (a duplicate to the relay), never the refused one.
      await env().cutRelays();
      await env().restoreRelays();
      await waitFor(() => a.status().connected >= 1, 'reconnected', 20_000);
      await sleep(1500);
      expect(await env().relayRefusals?.()).toBe(0);
      expect((await outbox.all()).map((e) => [e.id, e.refused, e.sentAt !== undefined])).toEqual([
        [forgedId, 'refused: bad-id', false],
        [honest.id, undefined, true],
      ]);
      expect(seen.ids()).toEqual([honest.id]);
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
