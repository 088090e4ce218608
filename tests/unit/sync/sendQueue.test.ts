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
});
