/**
 * The verify worker pool against fake Workers: batching, reply mapping,
 * fairness between authors, failure handling (error, timeout, bad reply,
 * uncloneable message, no Worker) and the pre-post size check. The "real"
 * fake runs the worker's own service (src/workers/verifyService.ts) behind a
 * structured clone, like a browser would.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bucketOf } from '../../../src/domain/bucket';
import { LIMITS } from '../../../src/domain/limits';
import type { VerifiedRecord } from '../../../src/domain/records';
import { ok, refuse, type Result } from '../../../src/domain/result';
import { createVerifyPool, verifyPoolSize, type VerifyFn, type WorkerLike } from '../../../src/platform/verifyWorker';
import { openEnvelope } from '../../../src/protocol/openEnvelope';
import type { VerifyReply, VerifyRequest } from '../../../src/workers/verifyMessages';
import { makeVerifyService } from '../../../src/workers/verifyService';
import { makeFixture, sealPoint } from '../../fixtures/records';

const T = Date.UTC(2025, 5, 1, 12, 30);
const OPTS = { now: T + 1000 };
const tick = () => new Promise((r) => setTimeout(r, 0));

/** A worker that records what it is sent and answers only when told. */
class ManualWorker implements WorkerLike {
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  onmessageerror: ((e: unknown) => void) | null = null;
  sent: VerifyRequest[] = [];
  terminated = false;
  throwOnPost = false;
  postMessage(m: VerifyRequest) {
    if (this.throwOnPost) throw new DOMException('could not be cloned', 'DataCloneError');
    this.sent.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  reply(data: unknown) {
    this.onmessage?.({ data });
  }
}

/** A worker that runs the real verify service on a structured clone of each message, asynchronously. */
class ServiceWorker extends ManualWorker {
  private readonly handle = makeVerifyService((reply: VerifyReply) =>
    setTimeout(() => this.reply(structuredClone(reply)), 0),
  );
  override postMessage(m: VerifyRequest) {
    super.postMessage(m);
    const copy = structuredClone(m);
    setTimeout(() => void this.handle(copy), 0);
  }
}

const fakeOk = (label: string) => ok({ id: label } as unknown as VerifiedRecord);
const wireBy = (author: string, n: number) =>
  JSON.stringify({ v: 1, c: 'c', k: 'point', t: n, a: author.padEnd(43, 'x'), n: `${n}` });

function pool(workers: ManualWorker[], extra: Partial<Parameters<typeof createVerifyPool>[0]> = {}) {
  const made: ManualWorker[] = [];
  const fallback = vi.fn<VerifyFn>(async (wire) => fakeOk(`in-process:${String(wire).slice(0, 20)}`));
  const p = createVerifyPool({
    spawn: () => {
      const w = workers.shift();
      if (!w) throw new Error('no more workers');
      made.push(w);
      return w;
    },
    fallback,
    ...extra,
  });
  return { p, made, fallback };
}

afterEach(() => vi.useRealTimers());

describe('createVerifyPool', () => {
  it('verifies genuine records in the worker exactly as openEnvelope does, and refuses forgeries the same way', async () => {
    const f = await makeFixture();
    const s = await sealPoint(f, 'Through the worker', f.alice, T);
    const other = await sealPoint(f, 'Other', f.mallory, T);
    const w = new ServiceWorker();
    const { p, fallback } = pool([w], { fallback: openEnvelope });
    const opts = { now: T + 1000, expectedId: s.id, expectedBucket: bucketOf(T) };
    const [good, wrongId] = await Promise.all([p.verify(s.wire, f.circle, opts), p.verify(other.wire, f.circle, opts)]);
    expect(good).toEqual(await openEnvelope(s.wire, f.circle, opts));
    expect(good.ok && good.value.id).toBe(s.id);
    expect(wrongId).toMatchObject({ ok: false, error: { code: 'bad-id' } });
    expect(w.sent).toHaveLength(1);
    expect(p.stats()).toMatchObject({ posted: 2, batches: 1, inProcess: 0, failures: 0 });
    expect(fallback).not.toBe(undefined);
  });

  it('batches requests of one tick into one message, introduces each circle once per worker, and maps replies by batch', async () => {
    const f = await makeFixture();
    const w = new ManualWorker();
    const { p } = pool([w]);
    const first = [0, 1, 2].map((i) => p.verify(wireBy('A', i), f.circle, OPTS));
    await tick();
    const second = p.verify(wireBy('A', 3), f.circle, OPTS);
    await tick();
    expect(w.sent.map((m) => m.items.length)).toEqual([3, 1]);
    expect(w.sent[0]!.circles).toHaveLength(1);
    expect(w.sent[0]!.circles[0]).toMatchObject({ id: f.circle.id, key: f.circle.key });
    expect(w.sent[1]!.circles).toEqual([]);
    expect(w.sent[1]!.items[0]!.ref).toBe(w.sent[0]!.items[0]!.ref);
    // Replies out of order still reach the right callers.
    w.reply({ batch: w.sent[1]!.batch, results: [fakeOk('b3')] });
    w.reply({ batch: w.sent[0]!.batch, results: [fakeOk('b0'), refuse('bad-signature', 'x'), fakeOk('b2')] });
    expect(await second).toEqual(fakeOk('b3'));
    expect(await Promise.all(first)).toEqual([fakeOk('b0'), refuse('bad-signature', 'x'), fakeOk('b2')]);
  });

  it('keeps at most two batches in flight per worker and schedules other authors ahead of a flood backlog', async () => {
    const f = await makeFixture();
    const w = new ManualWorker();
    const { p } = pool([w], { maxBatch: 10 });
    const flood = Array.from({ length: 100 }, (_, i) => p.verify(wireBy('flooder', i), f.circle, OPTS));
    await tick();
    const honest = p.verify(wireBy('honest', 1), f.circle, OPTS);
    await tick();
    expect(w.sent).toHaveLength(2);
    w.reply({ batch: w.sent[0]!.batch, results: w.sent[0]!.items.map(() => fakeOk('f')) });
    await tick();
    expect(w.sent).toHaveLength(3);
    const third = w.sent[2]!.items.map((i) => i.wire);
    expect(third).toHaveLength(10);
    // Round-robin by author: the honest record rides in the next batch, not behind 80 queued flood records.
    expect(third.slice(0, 2)).toContain(wireBy('honest', 1));
    w.reply({ batch: w.sent[2]!.batch, results: third.map((x) => fakeOk(x === wireBy('honest', 1) ? 'honest' : 'f')) });
    expect(await honest).toEqual(fakeOk('honest'));
    expect(flood).toHaveLength(100);
  });

  it('verifies a lone record on the page while the workers are idle, within its per-second budget', async () => {
    const f = await makeFixture();
    const w = new ManualWorker();
    let t = 0;
    const onPage = vi.fn<VerifyFn>(async (wire) => fakeOk(`page:${String(wire).slice(-4)}`));
    const { p } = pool([w], { lone: { ready: () => onPage, load: () => {}, perSecond: 2, now: () => t } });
    // Alone, workers idle: on the page, no message.
    expect(await p.verify(wireBy('A', 1), f.circle, OPTS)).toEqual(fakeOk(`page:${wireBy('A', 1).slice(-4)}`));
    expect(w.sent).toHaveLength(0);
    // Two at once: a batch for the worker.
    const pair = [p.verify(wireBy('A', 2), f.circle, OPTS), p.verify(wireBy('B', 3), f.circle, OPTS)];
    await tick();
    expect(w.sent.map((m) => m.items.length)).toEqual([1 + 1]);
    // A lone one while that batch is in flight: the worker too (behind its batch, not beside it on the page).
    const during = p.verify(wireBy('C', 4), f.circle, OPTS);
    await tick();
    expect(w.sent.map((m) => m.items.length)).toEqual([2, 1]);
    w.reply({ batch: w.sent[0]!.batch, results: [fakeOk('w2'), fakeOk('w3')] });
    w.reply({ batch: w.sent[1]!.batch, results: [fakeOk('w4')] });
    expect(await Promise.all([...pair, during])).toEqual([fakeOk('w2'), fakeOk('w3'), fakeOk('w4')]);
    // The budget: 2 a second on the page (one used above), the next in that second goes to the worker.
    await p.verify(wireBy('D', 5), f.circle, OPTS);
    const over = p.verify(wireBy('D', 6), f.circle, OPTS);
    await tick();
    expect(w.sent).toHaveLength(3);
    w.reply({ batch: w.sent[2]!.batch, results: [fakeOk('w6')] });
    expect(await over).toEqual(fakeOk('w6'));
    expect(onPage).toHaveBeenCalledTimes(2);
    // A second later the page may again.
    t += 1000;
    await p.verify(wireBy('D', 7), f.circle, OPTS);
    expect(onPage).toHaveBeenCalledTimes(3);
    expect(w.sent).toHaveLength(3);
  });

  it('sends a lone record to a worker while the in-page code is not loaded, and starts loading it', async () => {
    const f = await makeFixture();
    const w = new ManualWorker();
    const load = vi.fn();
    const { p } = pool([w], { lone: { ready: () => undefined, load } });
    const r = p.verify(wireBy('A', 1), f.circle, OPTS);
    await tick();
    expect(w.sent).toHaveLength(1);
    expect(load).toHaveBeenCalledTimes(1);
    w.reply({ batch: w.sent[0]!.batch, results: [fakeOk('w1')] });
    expect(await r).toEqual(fakeOk('w1'));
  });

  it('keeps a long single-author backlog in order across lane compaction', async () => {
    const f = await makeFixture();
    const w = new ManualWorker();
    const { p } = pool([w], { maxBatch: 500 });
    const all = Array.from({ length: 3000 }, (_, i) => p.verify(wireBy('flooder', i), f.circle, OPTS));
    const seen: string[] = [];
    for (let round = 0; round < 10 && seen.length < 3000; round++) {
      await tick();
      for (const m of w.sent.splice(0)) {
        seen.push(...m.items.map((i) => i.wire));
        w.reply({ batch: m.batch, results: m.items.map((i) => fakeOk(i.wire)) });
      }
    }
    expect(seen).toEqual(Array.from({ length: 3000 }, (_, i) => wireBy('flooder', i)));
    expect((await Promise.all(all)).map((r) => r.ok && r.value.id)).toEqual(seen);
  });

  it('introduces one key used under two circle ids as two circles', async () => {
    const f = await makeFixture();
    const w = new ManualWorker();
    const { p } = pool([w]);
    void p.verify(wireBy('A', 1), f.circle, OPTS);
    void p.verify(wireBy('A', 2), { ...f.circle, id: 'other' as typeof f.circle.id }, OPTS);
    await tick();
    expect(w.sent[0]!.circles.map((c) => c.id)).toEqual([f.circle.id, 'other']);
    expect(new Set(w.sent[0]!.items.map((i) => i.ref)).size).toBe(2);
  });

  it('refuses oversize and non-text input without posting it', async () => {
    const f = await makeFixture();
    const w = new ManualWorker();
    const p = createVerifyPool({ spawn: () => w });
    const big = await p.verify('x'.repeat(LIMITS.envelopeChars + 1), f.circle, OPTS);
    const obj = await p.verify({ v: 1 }, f.circle, OPTS);
    await tick();
    expect(big).toMatchObject({ ok: false, error: { code: 'too-large' } });
    expect(obj.ok).toBe(false);
    expect(w.sent).toEqual([]);
  });

  it('after a worker error, answers its batches in-process and moves on to a replacement worker', async () => {
    const f = await makeFixture();
    const [w1, w2] = [new ManualWorker(), new ManualWorker()];
    const { p, fallback } = pool([w1, w2], { restarts: 1 });
    const lost = p.verify(wireBy('A', 1), f.circle, OPTS);
    await tick();
    w1.onerror?.(new Error('boom'));
    expect(await lost).toEqual(fakeOk(`in-process:${wireBy('A', 1).slice(0, 20)}`));
    expect(w1.terminated).toBe(true);
    const next = p.verify(wireBy('A', 2), f.circle, OPTS);
    await tick();
    expect(w2.sent).toHaveLength(1);
    expect(w2.sent[0]!.circles).toHaveLength(1);
    w2.reply({ batch: w2.sent[0]!.batch, results: [fakeOk('w2')] });
    expect(await next).toEqual(fakeOk('w2'));
    expect(fallback).toHaveBeenCalledTimes(1);
    expect(p.stats()).toMatchObject({ failures: 1, workers: 1 });
  });

  it('goes in-process for good when workers keep failing or cannot be made, so nothing hangs', async () => {
    const f = await makeFixture();
    const w = new ManualWorker();
    const { p } = pool([w], { restarts: 0 });
    const a = p.verify(wireBy('A', 1), f.circle, OPTS);
    await tick();
    w.onmessageerror?.(new Error('garbled'));
    expect((await a).ok).toBe(true);
    expect(await p.verify(wireBy('A', 2), f.circle, OPTS)).toEqual(fakeOk(`in-process:${wireBy('A', 2).slice(0, 20)}`));
    expect(p.stats()).toMatchObject({ workers: 0, inProcess: 2 });

    const none = createVerifyPool({
      spawn: () => {
        throw new Error('no Worker here');
      },
    });
    expect(await none.verify('{}', f.circle, OPTS)).toMatchObject({ ok: false, error: { code: 'bad-shape' } });
  });

  it('treats a silent worker (timeout) and a malformed reply as failures', async () => {
    vi.useFakeTimers();
    const f = await makeFixture();
    const [silent, garbled] = [new ManualWorker(), new ManualWorker()];
    const { p, fallback } = pool([silent, garbled], { timeoutMs: 5_000, restarts: 1 });
    const a = p.verify(wireBy('A', 1), f.circle, OPTS);
    await vi.advanceTimersByTimeAsync(0);
    expect(silent.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(5_000);
    expect((await a).ok).toBe(true);
    expect(silent.terminated).toBe(true);
    const b = p.verify(wireBy('A', 2), f.circle, OPTS);
    await vi.advanceTimersByTimeAsync(0);
    garbled.reply({ batch: garbled.sent[0]!.batch, results: [] });
    expect((await b).ok).toBe(true);
    expect(garbled.terminated).toBe(true);
    expect(fallback).toHaveBeenCalledTimes(2);
  });

  it('verifies a batch in-process when its message cannot be posted, and keeps the worker', async () => {
    const f = await makeFixture();
    const w = new ManualWorker();
    w.throwOnPost = true;
    const { p, fallback } = pool([w]);
    expect((await p.verify(wireBy('A', 1), f.circle, OPTS)).ok).toBe(true);
    expect(fallback).toHaveBeenCalledTimes(1);
    w.throwOnPost = false;
    const again = p.verify(wireBy('A', 2), f.circle, OPTS);
    await tick();
    expect(w.sent[0]!.circles).toHaveLength(1);
    w.reply({ batch: w.sent[0]!.batch, results: [fakeOk('ok')] });
    expect(await again).toEqual(fakeOk('ok'));
  });

  it('on close, ends the workers and answers what was still waiting', async () => {
    const f = await makeFixture();
    const w = new ManualWorker();
    const { p } = pool([w], { maxBatch: 1 });
    const all = [1, 2, 3, 4].map((i) => p.verify(wireBy('A', i), f.circle, OPTS));
    await tick();
    expect(w.sent).toHaveLength(2);
    p.close();
    const results: Result<VerifiedRecord>[] = await Promise.all(all);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(w.terminated).toBe(true);
  });

  it('without workers, verifies a backlog in-process in slices with a task between them, fair by author', async () => {
    const f = await makeFixture();
    const order: string[] = [];
    /** How many records had been handed to the verifier at each task boundary. */
    const boundaries: number[] = [];
    const fallback = vi.fn<VerifyFn>(async (wire) => {
      order.push(String(wire));
      return fakeOk(String(wire));
    });
    // sliceMs 0: one step of jobs per task, then the pool must end the task before the next step.
    const p = createVerifyPool({
      spawn: () => new ManualWorker(),
      size: 0,
      fallback,
      sliceMs: 0,
      yieldTask: async () => {
        boundaries.push(order.length);
        await tick();
      },
    });
    const flood = Array.from({ length: 100 }, (_, i) => p.verify(wireBy('flooder', i), f.circle, OPTS));
    const honest = p.verify(wireBy('honest', 1), f.circle, OPTS);
    const results = await Promise.all([...flood, honest]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(p.stats()).toMatchObject({ workers: 0, posted: 0, inProcess: 101 });
    // Round-robin by author: the honest record is in the first step, not behind 100 flood records.
    expect(order.indexOf(wireBy('honest', 1))).toBeLessThan(16);
    // Each author's own records keep their order.
    expect(order.filter((w) => w !== wireBy('honest', 1))).toEqual(
      Array.from({ length: 100 }, (_, i) => wireBy('flooder', i)),
    );
    // Never the whole backlog in one task: a boundary after every step of 16 (101 records: 6 boundaries).
    expect(boundaries).toEqual([16, 32, 48, 64, 80, 96]);
  });

  it('without workers, keeps verifying records that arrive while a slice is under way', async () => {
    const f = await makeFixture();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const fallback = vi.fn<VerifyFn>(async (wire) => {
      if (String(wire) === wireBy('A', 0)) await gate;
      return fakeOk(String(wire));
    });
    const p = createVerifyPool({ spawn: () => new ManualWorker(), size: 0, fallback });
    const first = p.verify(wireBy('A', 0), f.circle, OPTS);
    await tick();
    const later = p.verify(wireBy('B', 1), f.circle, OPTS);
    await tick();
    expect(fallback).toHaveBeenCalledTimes(1);
    release();
    expect(await first).toEqual(fakeOk(wireBy('A', 0)));
    expect(await later).toEqual(fakeOk(wireBy('B', 1)));
  });

  it('sizes the pool at two workers from 2 cores up, one on a single core', () => {
    expect([undefined, 0, 1, 2, 3, 4, 16].map(verifyPoolSize)).toEqual([2, 1, 1, 2, 2, 2, 2]);
  });
});

describe('makeVerifyService', () => {
  it('refuses items for a circle it was never told, in request order', async () => {
    const f = await makeFixture();
    const s = await sealPoint(f, 'Known', f.alice, T);
    const replies: VerifyReply[] = [];
    const handle = makeVerifyService((r) => replies.push(r));
    await handle({
      batch: 9,
      circles: [{ ref: 1, id: f.circle.id, key: f.circle.key }],
      items: [
        { wire: s.wire, ref: 2, opts: OPTS },
        { wire: s.wire, ref: 1, opts: OPTS },
      ],
    });
    expect(replies).toHaveLength(1);
    expect(replies[0]!.batch).toBe(9);
    expect(replies[0]!.results.map((r) => (r.ok ? r.value.id : r.error.code))).toEqual(['wrong-circle', s.id]);
  });
});
