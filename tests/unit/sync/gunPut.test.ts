/**
 * The GUN adapter's PUT path without a network: outbox entries of one node go
 * in PUT-sized batches, and each relay answer settles each entry by its own
 * line (src/protocol/putAnswer.ts). A fake chain records what would be put
 * and plays the relays' answers.
 */
import { describe, expect, it } from 'vitest';
import { bucketOf } from '../../../src/domain/bucket';
import { makeManualClock } from '../../../src/domain/clock';
import type { CircleId } from '../../../src/domain/brand';
import type { OutboxEntry } from '../../../src/domain/Outbox';
import { putAnswer } from '../../../src/protocol/putAnswer';
import { soulOf } from '../../../src/protocol/souls';
import type { GunChain } from '../../../src/sync/gunTypes';
import { PUT_BATCH, putBatches, putEntries } from '../../../src/sync/gunPut';
import { createMemoryOutbox } from '../../../src/sync/memoryOutbox';
import { createSendQueue } from '../../../src/sync/sendQueue';

const T0 = Date.UTC(2025, 5, 1, 12);
const CIRCLE = 'dppG_Uyoep5QtOzl6T97OA';
const SOUL = soulOf(CIRCLE as CircleId, bucketOf(T0));
const id = (n: number) => `${String(n).padStart(4, '0')}${'A'.repeat(39)}`;
const entry = (n: number, created = T0, wireChars = 500): OutboxEntry => ({
  id: id(n),
  circle: CIRCLE,
  wire: 'w'.repeat(wireChars),
  created,
});

type Put = { soul: string; node: Readonly<Record<string, string>>; ack: (a: unknown) => void; acks?: number };

/** A chain that records each put of a node and lets the test answer it. */
function fakeGun(): { gun: GunChain; puts: Put[] } {
  const puts: Put[] = [];
  const chain = (soul: string): GunChain => ({
    get: (key) => chain(key),
    put(value, ack, opt) {
      if (typeof value === 'string' || !ack) throw new Error('the adapter puts whole nodes with an answer callback');
      puts.push({ soul, node: value, ack: ack as (a: unknown) => void, acks: opt?.acks });
      return chain(soul);
    },
    map: () => chain(soul),
    on: () => chain(soul),
    off: () => {},
  });
  return { gun: chain(''), puts };
}

describe('putBatches', () => {
  it('puts the entries of one node together, in order, cut at PUT_BATCH records or wire characters', () => {
    const many = Array.from({ length: PUT_BATCH.records + 3 }, (_, i) => entry(i));
    const big = Array.from({ length: 9 }, (_, i) => entry(100 + i, T0, 4000));
    const otherHour = entry(999, T0 - 3_600_000);
    const batches = putBatches([...many, otherHour, ...big]);
    const lengths = batches.map((b) => [b.soul === SOUL, b.entries.length]);
    // 53 small ones: 50 + 3 (the 3 share a batch with the big ones until 32 KiB of wire text).
    expect(lengths).toEqual([
      [true, 50],
      [true, 3 + 7],
      [true, 2],
      [false, 1],
    ]);
    for (const b of batches)
      expect(b.entries.reduce((n, e) => n + e.wire.length, 0)).toBeLessThanOrEqual(PUT_BATCH.wireChars);
    expect(batches.flatMap((b) => b.entries.map((e) => e.id)).sort()).toEqual(
      [...many, ...big, otherHour].map((e) => e.id).sort(),
    );
  });
});

describe('putEntries', () => {
  it('settles each entry by its own line of an answer, hears as many answers as relays, and a later store wins', async () => {
    const queue = createSendQueue(createMemoryOutbox(), makeManualClock(T0));
    const [good, forged, other] = [entry(1), entry(2), entry(3)];
    for (const e of [good, forged, other]) await queue.enqueue(e);
    const { gun, puts } = fakeGun();
    putEntries(gun, [good, forged, other], queue, 2);
    expect(puts).toHaveLength(1);
    expect(puts[0]).toMatchObject({ soul: SOUL, acks: 2 });
    expect(Object.keys(puts[0]!.node)).toEqual([good.id, forged.id, other.id]);

    // The first relay took two and refused the forged one; GUN's "no ACK yet" changes nothing.
    const refused = [{ soul: SOUL, id: forged.id, code: 'bad-signature' }];
    puts[0]!.ack({ err: 'Error: No ACK yet.', lack: true });
    expect(queue.state(good.id)).toEqual({ state: 'unsent' });
    puts[0]!.ack(putAnswer('x', { kind: 'stored', refused }));
    expect(queue.state(good.id)).toEqual({ state: 'sent', at: T0 });
    expect(queue.state(other.id)).toEqual({ state: 'sent', at: T0 });
    expect(queue.state(forged.id)).toEqual({ state: 'refused', reason: 'refused: bad-signature' });
    // A second relay stored all three: the forged record is on the network after all.
    puts[0]!.ack(putAnswer('x', { kind: 'stored', refused: [] }));
    expect(queue.state(forged.id)).toEqual({ state: 'sent', at: T0 });
  });

  it('reads answers of relays from before per-record answers: `refused:` refuses all, a storage failure keeps them queued', async () => {
    const queue = createSendQueue(createMemoryOutbox(), makeManualClock(T0));
    const [a, b, c] = [entry(1), entry(2), entry(3, T0 - 3_600_000)];
    for (const e of [a, b, c]) await queue.enqueue(e);
    const { gun, puts } = fakeGun();
    putEntries(gun, [a, b, c], queue);
    expect(puts.map((p) => [p.soul === SOUL, Object.keys(p.node).length, p.acks])).toEqual([
      [true, 2, 1],
      [false, 1, 1],
    ]);
    puts[0]!.ack({ '@': 'x', err: 'refused: bad-id,expired' });
    puts[1]!.ack({ '@': 'y', err: 'relay storage failed' });
    expect(queue.state(a.id)).toEqual({ state: 'refused', reason: 'refused: bad-id,expired' });
    expect(queue.state(b.id)).toEqual({ state: 'refused', reason: 'refused: bad-id,expired' });
    expect(queue.state(c.id)).toEqual({ state: 'unsent' });
  });
});
