/**
 * The page side of record verification off the main thread: a small pool of
 * verify workers (src/workers/verify.worker.ts). Requests are queued per
 * author and batched per microtask; each worker has at most two batches in
 * flight, so the backlog of a flood waits here, where an honest record from
 * another key is scheduled into the very next batch (round-robin by author)
 * instead of behind thousands of the flooder's. Without workers (size 0, no
 * Worker support, or after repeated failures) the same lanes are verified
 * in-process in slices of at most ~8 ms with a task yield between them:
 * WebCrypto runs synchronously on the calling thread in Chromium, so verifying
 * a backlog in one go would block the page for its whole length. A worker's
 * unanswered batches after an error or timeout, and input that parsing refuses
 * anyway, are verified in-process at once — every request settles, none hangs.
 * A lone record while the workers are idle (a live point, an alert) may be
 * verified on the page instead (`lone`): no message round trip, and a few per
 * second at most, so a trickle of records cannot tie the page up.
 */
import { LIMITS } from '../domain/limits';
import type { VerifiedRecord } from '../domain/records';
import type { Result } from '../domain/result';
import type { Circle } from '../protocol/circle';
import type { InspectOptions } from '../protocol/inspectEnvelope';
import { loadOpenEnvelope, openEnvelopeIfLoaded, openEnvelopeOnDemand } from '../protocol/openEnvelopeOnDemand';
import type { CircleIntro, VerifyItem, VerifyReply, VerifyRequest } from '../workers/verifyMessages';

/** Same shape as src/sync's Verifier (structural: platform does not import sync). */
export type VerifyFn = (wire: unknown, circle: Circle, opts: InspectOptions) => Promise<Result<VerifiedRecord>>;

/** The slice of the Worker API the pool uses (tests pass a fake). */
export interface WorkerLike {
  onmessage: ((e: { data: unknown }) => void) | null;
  onerror: ((e: unknown) => void) | null;
  onmessageerror: ((e: unknown) => void) | null;
  postMessage(message: VerifyRequest): void;
  terminate(): void;
}

export interface VerifyPoolOptions {
  /** Creates one worker. */
  spawn: () => WorkerLike;
  /** Workers in the pool (default 1; 0 = in-process, sliced). */
  size?: number;
  /** Records per message (default 64: small replies; an honest record waits behind at most ~3 batches). */
  maxBatch?: number;
  /** A batch unanswered this long counts as a dead worker (default 30 s). */
  timeoutMs?: number;
  /** Replacement workers after failures before going in-process for good (default 2). */
  restarts?: number;
  /** The in-process path (default openEnvelope, loaded on its first use: the page verifies in workers). */
  fallback?: VerifyFn;
  /** In-process: verification started per task before yielding, in ms (default 8). */
  sliceMs?: number;
  /** In-process: how to end a task (default: a MessageChannel message, which setTimeout's clamp does not delay). */
  yieldTask?: () => Promise<void>;
  /** Verifies a lone record on the page when the workers are idle (default: never). */
  lone?: LoneOnPage;
}

/**
 * A record that waits alone while no batch is in flight is verified on the page: the worker's
 * message round trip cost a live point 1.1 ms at the median and 4–5 ms at p95 on a loaded 2-core
 * machine, against 0.4 / 1.3–2.5 on the page (bench:propose; 0.3–0.5 ms of the page's thread each).
 */
export interface LoneOnPage {
  /** The in-page verifier when its code is here; undefined sends the record to a worker. */
  readonly ready: () => VerifyFn | undefined;
  /** Starts loading that code (called when a lone record found it missing). */
  readonly load: () => void;
  /** Lone records verified on the page per second, at most (default LONE_PER_SECOND); more go to workers. */
  readonly perSecond?: number;
  /** The clock the budget is counted on (default performance.now). */
  readonly now?: () => number;
}

/** Lone records verified on the page per second, at most: ~5 ms of its thread a second at worst. */
export const LONE_PER_SECOND = 10;

export interface VerifyPool {
  readonly verify: VerifyFn;
  /** Counters for benches and diagnostics. */
  stats(): { posted: number; batches: number; inProcess: number; workers: number; failures: number };
  /** Ends the workers; anything still waiting is verified in-process. */
  close(): void;
}

interface Job {
  readonly wire: string;
  readonly circle: Circle;
  readonly opts: InspectOptions;
  readonly resolve: (r: Result<VerifiedRecord>) => void;
}

interface Lane {
  readonly jobs: Job[];
  head: number;
}

interface Slot {
  readonly worker: WorkerLike;
  /** Circle refs this worker has been told. */
  readonly known: Set<number>;
  readonly inFlight: Map<number, { jobs: Job[]; timer: ReturnType<typeof setTimeout> }>;
}

const IN_FLIGHT_PER_WORKER = 2;
/** In-process jobs started together inside one slice (then their results are awaited). */
const IN_PROCESS_STEP = 16;
const AUTHOR_FIELD = '"a":"';

/** Scheduling key only (never trusted): the author field as it appears in canonical wire text. */
function laneOf(wire: string): string {
  const at = wire.indexOf(AUTHOR_FIELD);
  return at < 0 ? '' : wire.slice(at + AUTHOR_FIELD.length, at + AUTHOR_FIELD.length + 43);
}

export function createVerifyPool(opts: VerifyPoolOptions): VerifyPool {
  const fallback = opts.fallback ?? openEnvelopeOnDemand;
  const maxBatch = opts.maxBatch ?? 64;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const sliceMs = opts.sliceMs ?? 8;
  let restarts = opts.restarts ?? 2;
  const refs = new WeakMap<CryptoKey, Map<string, number>>();
  const lanes = new Map<string, Lane>();
  const slots: Slot[] = [];
  let nextRef = 1;
  let nextBatch = 1;
  let flushQueued = false;
  let closed = false;
  const counts = { posted: 0, batches: 0, inProcess: 0, failures: 0 };
  const lone = opts.lone;
  const loneNow = lone?.now ?? (() => performance.now());
  let loneWindow = -Infinity;
  let loneUsed = 0;

  const inProcess = (job: Job) => {
    counts.inProcess++;
    fallback(job.wire, job.circle, job.opts).then(job.resolve, () =>
      job.resolve({ ok: false, error: { code: 'bad-shape', detail: 'verification failed' } }),
    );
  };

  const refOf = (circle: Circle) => {
    const byId = refs.get(circle.key) ?? refs.set(circle.key, new Map()).get(circle.key)!;
    let ref = byId.get(circle.id);
    if (ref === undefined) byId.set(circle.id, (ref = nextRef++));
    return ref;
  };

  const take = (max: number): Job[] => {
    const out: Job[] = [];
    // A lane taken from moves to the back of the map, and Map iteration visits re-added entries:
    // one job per author per round until the batch is full.
    for (const [key, lane] of lanes) {
      out.push(lane.jobs[lane.head++]!);
      lanes.delete(key);
      // A lane fed without pause (a flood) would otherwise keep every job it ever held.
      if (lane.head >= 1024 && lane.head * 2 >= lane.jobs.length) {
        lane.jobs.splice(0, lane.head);
        lane.head = 0;
      }
      if (lane.head < lane.jobs.length) lanes.set(key, lane);
      if (out.length >= max) break;
    }
    return out;
  };

  /** Yields to the event loop without setTimeout's nesting clamp (4 ms after five levels). */
  const nextTask =
    opts.yieldTask ??
    (() =>
      new Promise<void>((resolve) => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => {
          ch.port1.close();
          resolve();
        };
        ch.port2.postMessage(0);
      }));

  /** Verifies waiting jobs on this thread, fair by author, in slices of about sliceMs with a task yield between. */
  let pumping = false;
  const pump = async () => {
    if (pumping) return;
    pumping = true;
    try {
      while (lanes.size > 0 && slots.length === 0) {
        const sliceEnd = performance.now() + sliceMs;
        do {
          const jobs = take(IN_PROCESS_STEP);
          counts.inProcess += jobs.length;
          await Promise.all(
            jobs.map((job) =>
              fallback(job.wire, job.circle, job.opts).then(job.resolve, () =>
                job.resolve({ ok: false, error: { code: 'bad-shape', detail: 'verification failed' } }),
              ),
            ),
          );
        } while (lanes.size > 0 && performance.now() < sliceEnd);
        if (lanes.size > 0) await nextTask();
      }
    } finally {
      pumping = false;
    }
  };

  const drainInProcess = () => {
    for (const lane of lanes.values()) for (let i = lane.head; i < lane.jobs.length; i++) inProcess(lane.jobs[i]!);
    lanes.clear();
  };

  const spawn = (): boolean => {
    let worker: WorkerLike;
    try {
      worker = opts.spawn();
    } catch {
      return false;
    }
    const slot: Slot = { worker, known: new Set(), inFlight: new Map() };
    worker.onmessage = (e) => onReply(slot, e.data);
    worker.onerror = () => fail(slot);
    worker.onmessageerror = () => fail(slot);
    slots.push(slot);
    return true;
  };

  /** Ends one worker; its unanswered batches are verified in-process. */
  const retire = (slot: Slot): boolean => {
    const at = slots.indexOf(slot);
    if (at < 0) return false;
    slots.splice(at, 1);
    slot.worker.onmessage = slot.worker.onerror = slot.worker.onmessageerror = null;
    try {
      slot.worker.terminate();
    } catch {
      /* already gone */
    }
    for (const { jobs, timer } of slot.inFlight.values()) {
      clearTimeout(timer);
      jobs.forEach(inProcess);
    }
    slot.inFlight.clear();
    return true;
  };

  /** A dead or misbehaving worker: a replacement is spawned while the budget lasts. */
  const fail = (slot: Slot) => {
    if (!retire(slot)) return;
    counts.failures++;
    if (!closed && restarts > 0) {
      restarts--;
      spawn();
    }
    schedule();
  };

  const onReply = (slot: Slot, data: unknown) => {
    const reply = data as Partial<VerifyReply> | null;
    const sent = typeof reply?.batch === 'number' ? slot.inFlight.get(reply.batch) : undefined;
    if (!sent || !Array.isArray(reply?.results) || reply.results.length !== sent.jobs.length) {
      fail(slot);
      return;
    }
    clearTimeout(sent.timer);
    slot.inFlight.delete(reply.batch!);
    sent.jobs.forEach((job, i) => job.resolve(reply.results![i] as Result<VerifiedRecord>));
    schedule();
  };

  const post = (slot: Slot, jobs: Job[]) => {
    const circles: CircleIntro[] = [];
    const items: VerifyItem[] = jobs.map((job) => {
      const ref = refOf(job.circle);
      if (!slot.known.has(ref)) {
        slot.known.add(ref);
        circles.push({ ref, id: job.circle.id, key: job.circle.key });
      }
      return { wire: job.wire, ref, opts: job.opts };
    });
    const batch = nextBatch++;
    try {
      slot.worker.postMessage({ batch, circles, items });
    } catch {
      // e.g. a key that cannot be cloned: this batch in-process, the worker stays.
      for (const c of circles) slot.known.delete(c.ref);
      jobs.forEach(inProcess);
      return;
    }
    counts.posted += jobs.length;
    counts.batches++;
    const timer = setTimeout(() => fail(slot), timeoutMs);
    slot.inFlight.set(batch, { jobs, timer });
  };

  /** One record waiting and every worker idle: verifies it here when the page may (LoneOnPage); true if it did. */
  const onPage = (): boolean => {
    if (!lone || lanes.size !== 1 || slots.some((s) => s.inFlight.size > 0)) return false;
    const [key, lane] = lanes.entries().next().value as [string, Lane];
    if (lane.jobs.length - lane.head !== 1) return false;
    const verify = lone.ready();
    if (!verify) {
      lone.load();
      return false;
    }
    const t = loneNow();
    if (t - loneWindow >= 1000) {
      loneWindow = t;
      loneUsed = 0;
    }
    if (loneUsed >= (lone.perSecond ?? LONE_PER_SECOND)) return false;
    loneUsed++;
    lanes.delete(key);
    const job = lane.jobs[lane.head] as Job;
    counts.inProcess++;
    verify(job.wire, job.circle, job.opts).then(job.resolve, () =>
      job.resolve({ ok: false, error: { code: 'bad-shape', detail: 'verification failed' } }),
    );
    return true;
  };

  const flush = () => {
    flushQueued = false;
    if (slots.length === 0) {
      void pump();
      return;
    }
    if (onPage()) return;
    for (;;) {
      const free = slots
        .filter((s) => s.inFlight.size < IN_FLIGHT_PER_WORKER)
        .sort((a, b) => a.inFlight.size - b.inFlight.size)[0];
      if (!free || lanes.size === 0) return;
      post(free, take(maxBatch));
    }
  };

  function schedule() {
    if (flushQueued || lanes.size === 0) return;
    flushQueued = true;
    queueMicrotask(flush);
  }

  for (let i = 0; i < Math.max(0, opts.size ?? 1); i++) spawn();

  return {
    verify(wire, circle, inspect) {
      return new Promise((resolve) => {
        // Non-text and oversize input is refused by parsing alone: never worth a message.
        if (closed || typeof wire !== 'string' || wire.length > LIMITS.envelopeChars) {
          inProcess({ wire: wire as string, circle, opts: inspect, resolve });
          return;
        }
        const key = laneOf(wire);
        const lane = lanes.get(key) ?? lanes.set(key, { jobs: [], head: 0 }).get(key)!;
        lane.jobs.push({ wire, circle, opts: inspect, resolve });
        schedule();
      });
    },
    stats: () => ({ ...counts, workers: slots.length }),
    close() {
      closed = true;
      for (const slot of [...slots]) retire(slot);
      drainInProcess();
    },
  };
}

/**
 * Workers for this device: two from 2 cores up, one on a single core. Measured on 2 cores
 * (`npm run bench:flood`, issue 15): two workers verified 14,000 records/s against 10,000 for one
 * and 10,400 on the page in slices, with no frame gap over 17 ms in any of them.
 */
export function verifyPoolSize(cores: number | undefined): number {
  return Math.max(1, Math.min(2, cores ?? 2));
}

/**
 * The browser's verifier: a worker pool, or in-process openEnvelope where
 * Worker is missing. One per page: every adapter and record set shares it.
 */
export function browserVerifier(): VerifyPool {
  // No Worker: the same lanes, verified in-process in slices.
  if (typeof Worker === 'undefined') return createVerifyPool({ spawn: () => ({}) as WorkerLike, size: 0 });
  return createVerifyPool({
    size: verifyPoolSize(navigator.hardwareConcurrency),
    lone: { ready: openEnvelopeIfLoaded, load: loadOpenEnvelope },
    // Written out in full so Vite bundles the worker entry as its own chunk.
    spawn: () =>
      new Worker(new URL('../workers/verify.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike,
  });
}
