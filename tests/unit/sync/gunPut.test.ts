/**
 * The GUN adapter's PUT path without a network: outbox entries of one node go
 * in PUT-sized batches, written as GUN PUT frames (protocol §1) on every open
 * link under an id per link, and each relay's answer settles each entry by its
 * own line (src/protocol/putAnswer.ts). Fake links record the frames; the test
 * plays the relays' answers.
 */
import { describe, expect, it } from 'vitest';
import { bucketOf } from '../../../src/domain/bucket';
import { makeManualClock } from '../../../src/domain/clock';
import type { CircleId } from '../../../src/domain/brand';
import type { OutboxEntry } from '../../../src/domain/Outbox';
import { putAnswer } from '../../../src/protocol/putAnswer';
import { soulOf } from '../../../src/protocol/souls';
import { ANSWERS_AWAITED, makePutSender, PUT_BATCH, putBatches } from '../../../src/sync/gunPut';
import type { GunPeer } from '../../../src/sync/gunTypes';
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

/** A relay link whose socket is open and keeps every frame sent on it. */
function fakeLink(): { peer: GunPeer; frames: string[] } {
  const frames: string[] = [];
  const wire = { readyState: 1, send: (text: string) => void frames.push(text), close() {} };
  return { peer: { url: 'http://relay.test/gun', wire } as GunPeer, frames };
}

/** A frame as sent, parsed: its id and the node it puts (one soul per PUT). */
function parsePut(frame: string): { id: string; soul: string; node: Record<string, unknown> } {
  const m = JSON.parse(frame) as { '#': string; put: Record<string, Record<string, unknown>> };
  const [soul, node] = Object.entries(m.put)[0]!;
  expect(Object.keys(m.put)).toHaveLength(1);
  return { id: m['#'], soul, node };
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

describe('makePutSender', () => {
  it('writes each PUT in GUN’s format with the send time as state, on every open link under its own id', async () => {
    const clock = makeManualClock(T0);
    const queue = createSendQueue(createMemoryOutbox(), clock);
    const [one, two] = [fakeLink(), fakeLink()];
    const puts = makePutSender({ links: () => [one.peer, two.peer], queue, now: () => T0 + 5 });
    const [a, b] = [entry(1), entry(2)];
    puts.send([a, b]);
    expect(one.frames).toHaveLength(1);
    expect(two.frames).toHaveLength(1);
    const [p1, p2] = [parsePut(one.frames[0]!), parsePut(two.frames[0]!)];
    expect(p1.id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(p1.id).not.toBe(p2.id);
    expect(p1.soul).toBe(SOUL);
    expect(p1.node).toEqual({
      _: { '#': SOUL, '>': { [a.id]: T0 + 5, [b.id]: T0 + 5 } },
      [a.id]: a.wire,
      [b.id]: b.wire,
    });
    expect(p2.node).toEqual(p1.node);
    // No link open: nothing is sent, the entries stay queued for the next link.
    makePutSender({ links: () => [], queue, now: clock.now }).send([a]);
    expect(one.frames).toHaveLength(1);
  });

  it('settles each entry by its own line of an answer, hears every relay once, and a later store wins', async () => {
    const queue = createSendQueue(createMemoryOutbox(), makeManualClock(T0));
    const [good, forged, other] = [entry(1), entry(2), entry(3)];
    for (const e of [good, forged, other]) await queue.enqueue(e);
    const [one, two] = [fakeLink(), fakeLink()];
    const puts = makePutSender({ links: () => [one.peer, two.peer], queue, now: () => T0 });
    puts.send([good, forged, other]);
    const [id1, id2] = [parsePut(one.frames[0]!).id, parsePut(two.frames[0]!).id];
    expect(Object.keys(parsePut(one.frames[0]!).node)).toEqual(['_', good.id, forged.id, other.id]);

    // Messages that answer none of these PUTs are not taken.
    expect(puts.hear({ '@': 'someone-else', ok: { '': 1 } })).toBe(false);
    expect(puts.hear({ ok: { '': 1 } })).toBe(false);
    expect(queue.state(good.id)).toEqual({ state: 'unsent' });

    // The first relay took two and refused the forged one.
    const refused = [{ soul: SOUL, id: forged.id, code: 'bad-signature' }];
    expect(puts.hear(putAnswer(id1, { kind: 'stored', refused }))).toBe(true);
    expect(queue.state(good.id)).toEqual({ state: 'sent', at: T0 });
    expect(queue.state(other.id)).toEqual({ state: 'sent', at: T0 });
    expect(queue.state(forged.id)).toEqual({ state: 'refused', reason: 'refused: bad-signature' });
    // The same answer again is no longer awaited.
    expect(puts.hear(putAnswer(id1, { kind: 'stored', refused: [] }))).toBe(false);
    expect(queue.state(forged.id)).toEqual({ state: 'refused', reason: 'refused: bad-signature' });
    // The second relay stored all three: the forged record is on the network after all.
    expect(puts.hear(putAnswer(id2, { kind: 'stored', refused: [] }))).toBe(true);
    expect(queue.state(forged.id)).toEqual({ state: 'sent', at: T0 });
  });

  it('reads answers of relays from before per-record answers: `refused:` refuses all, a storage failure keeps them queued', async () => {
    const queue = createSendQueue(createMemoryOutbox(), makeManualClock(T0));
    const [a, b, c] = [entry(1), entry(2), entry(3, T0 - 3_600_000)];
    for (const e of [a, b, c]) await queue.enqueue(e);
    const link = fakeLink();
    const puts = makePutSender({ links: () => [link.peer], queue, now: () => T0 });
    puts.send([a, b, c]);
    const sent = link.frames.map(parsePut);
    expect(sent.map((p) => [p.soul === SOUL, Object.keys(p.node).length - 1])).toEqual([
      [true, 2],
      [false, 1],
    ]);
    puts.hear({ '@': sent[0]!.id, err: 'refused: bad-id,expired' });
    puts.hear({ '@': sent[1]!.id, err: 'relay storage failed' });
    expect(queue.state(a.id)).toEqual({ state: 'refused', reason: 'refused: bad-id,expired' });
    expect(queue.state(b.id)).toEqual({ state: 'refused', reason: 'refused: bad-id,expired' });
    expect(queue.state(c.id)).toEqual({ state: 'unsent' });
  });

  it(`keeps at most ${ANSWERS_AWAITED} PUTs awaiting an answer: the oldest one's entries stay queued`, async () => {
    const queue = createSendQueue(createMemoryOutbox(), makeManualClock(T0));
    const first = entry(1);
    await queue.enqueue(first);
    const link = fakeLink();
    const puts = makePutSender({ links: () => [link.peer], queue, now: () => T0 });
    puts.send([first]);
    for (let i = 0; i < ANSWERS_AWAITED; i++) puts.send([entry(2)]);
    expect(puts.hear(putAnswer(parsePut(link.frames[0]!).id, { kind: 'stored', refused: [] }))).toBe(false);
    expect(queue.state(first.id)).toEqual({ state: 'unsent' });
    expect(puts.hear(putAnswer(parsePut(link.frames.at(-1)!).id, { kind: 'stored', refused: [] }))).toBe(true);
  });
});
