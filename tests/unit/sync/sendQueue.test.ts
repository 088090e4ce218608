/** The adapters' shared send queue over the in-memory Outbox. */
import { describe, expect, it } from 'vitest';
import { makeManualClock } from '../../../src/domain/clock';
import { LIMITS } from '../../../src/domain/limits';
import { createMemoryOutbox } from '../../../src/sync/memoryOutbox';
import { createSendQueue } from '../../../src/sync/sendQueue';

const T0 = Date.UTC(2025, 5, 1, 12);
const entry = (id: string, created = T0) => ({ id, circle: 'c', wire: `w-${id}`, created });

describe('createSendQueue', () => {
  it('stores before it reports, keeps the first acknowledgement time, and lists only pending entries', async () => {
    const clock = makeManualClock(T0);
    const outbox = createMemoryOutbox();
    const q = createSendQueue(outbox, clock);
    expect(await q.enqueue(entry('a'))).toBe(true);
    expect(await q.enqueue(entry('a'))).toBe(false);
    await q.enqueue(entry('b'));
    expect((await outbox.unsent()).map((e) => e.id)).toEqual(['a', 'b']);
    clock.advance(5_000);
    q.acked('a');
    clock.advance(5_000);
    q.acked('a');
    expect(q.state('a')).toEqual({ state: 'sent', at: T0 + 5_000 });
    expect(q.pending().map((e) => e.id)).toEqual(['b']);
    await Promise.resolve();
    expect((await outbox.all()).find((e) => e.id === 'a')?.sentAt).toBe(T0 + 5_000);
  });

  it('a refusal stops retries, but a later acknowledgement from another relay wins', async () => {
    const q = createSendQueue(createMemoryOutbox(), makeManualClock(T0));
    await q.enqueue(entry('r'));
    q.refused('r', 'refused: bad-id');
    expect(q.state('r')).toEqual({ state: 'refused', reason: 'refused: bad-id' });
    expect(q.pending()).toEqual([]);
    q.acked('r');
    expect(q.state('r')).toEqual({ state: 'sent', at: T0 });
    q.refused('r', 'refused: late');
    expect(q.state('r')?.state).toBe('sent');
  });

  it('a new queue on the same outbox replays known states to listeners and drops expired entries', async () => {
    const clock = makeManualClock(T0);
    const outbox = createMemoryOutbox();
    const first = createSendQueue(outbox, clock);
    await first.enqueue(entry('old', T0 - LIMITS.retentionMs - 1));
    await first.enqueue(entry('new'));
    const second = createSendQueue(outbox, clock);
    await second.ready;
    const heard: string[] = [];
    second.onChange((id, s) => heard.push(`${id}:${s.state}`));
    expect(heard).toEqual(['new:unsent']);
    expect((await outbox.all()).map((e) => e.id)).toEqual(['new']);
  });
  it('hands a new entry to send once its write has started, without waiting for it; an early answer is kept', async () => {
    const inner = createMemoryOutbox();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const writes: string[] = [];
    // A slow store that keeps the Outbox contract: changes apply in the order they were asked.
    const outbox = {
      ...inner,
      put: async (e: Parameters<typeof inner.put>[0]) => (writes.push(e.id), await gate, inner.put(e)),
      markSent: async (id: string, at: number) => (await gate, inner.markSent(id, at)),
    };
    const q = createSendQueue(outbox, makeManualClock(T0));
    const sent: string[] = [];
    const first = q.enqueue(entry('a'), (e) => sent.push(e.id));
    await q.ready;
    await Promise.resolve();
    expect(writes).toEqual(['a']);
    expect(sent).toEqual(['a']);
    q.acked('a');
    let done = false;
    void first.then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    release();
    expect(await first).toBe(true);
    expect(await q.enqueue(entry('a'), (e) => sent.push(e.id))).toBe(false);
    expect(sent).toEqual(['a']);
    await Promise.resolve();
    expect((await inner.all()).map((e) => [e.id, e.sentAt])).toEqual([['a', T0]]);
  });

  it('a failed write rejects the enqueue, but the entry was sent and stays queued', async () => {
    const outbox = { ...createMemoryOutbox(), put: () => Promise.reject(new Error('quota')) };
    const q = createSendQueue(outbox, makeManualClock(T0));
    const sent: string[] = [];
    await expect(q.enqueue(entry('x'), (e) => sent.push(e.id))).rejects.toThrow('quota');
    expect(sent).toEqual(['x']);
    expect(q.pending().map((e) => e.id)).toEqual(['x']);
  });
});
