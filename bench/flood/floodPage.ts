/**
 * The page side of `npm run bench:flood`, built by Vite from the app's own
 * modules (makeReceiver, openEnvelope, the verify worker pool) into a bench-only
 * bundle: the app ships no bench hook. Records come sealed from Node
 * (records.json next to this page); the page verifies them in-process or in the
 * worker and reports timings, long tasks (PerformanceObserver 'longtask') and
 * the longest gap between animation frames.
 */
import type { CircleId } from '../../src/domain/brand';
import type { VerifiedRecord } from '../../src/domain/records';
import type { Result } from '../../src/domain/result';
import { createVerifyPool, type VerifyFn, type VerifyPool, type WorkerLike } from '../../src/platform/verifyWorker';
import { fromB64url } from '../../src/protocol/base64url';
import { importCircle, type Circle } from '../../src/protocol/circle';
import { openEnvelope } from '../../src/protocol/openEnvelope';
import { makeReceiver } from '../../src/sync/makeReceiver';

export interface WireRecord {
  id: string;
  bucket: number;
  wire: string;
}

export interface BenchRecords {
  circleId: string;
  circleKey: string;
  now: number;
  flood: WireRecord[];
  honest: WireRecord;
}

export type Mode = 'main' | 'worker';

export interface Responsiveness {
  longTasks: number[];
  maxFrameGapMs: number;
}

let records: BenchRecords;
let circle: Circle;
let pool: VerifyPool | undefined;

/** Long tasks and animation-frame gaps from now until stop() is called. */
function watchMainThread(): () => Responsiveness {
  const longTasks: number[] = [];
  const obs = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
  obs.observe({ type: 'longtask' });
  let last = performance.now();
  let maxGap = 0;
  let on = true;
  const frame = (t: number) => {
    maxGap = Math.max(maxGap, t - last);
    last = t;
    if (on) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  return () => {
    on = false;
    // Entries still queued in the observer belong to the measured window.
    obs.takeRecords().forEach((e) => longTasks.push(e.duration));
    obs.disconnect();
    return { longTasks, maxFrameGapMs: Math.max(maxGap, performance.now() - last) };
  };
}

/** Yields to the event loop without setTimeout's 4 ms clamp (a network frame per task). */
const nextTask = () =>
  new Promise<void>((r) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => r();
    ch.port2.postMessage(0);
  });

const settleFrames = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => requestAnimationFrame(r));
};

function verifierFor(mode: Mode): VerifyFn {
  if (mode === 'main') return openEnvelope;
  pool ??= createVerifyPool({
    spawn: () =>
      new Worker(new URL('../../src/workers/verify.worker.ts', import.meta.url), {
        type: 'module',
      }) as unknown as WorkerLike,
  });
  return pool.verify;
}

async function load(): Promise<{ flood: number }> {
  records = (await (await fetch('./records.json')).json()) as BenchRecords;
  circle = await importCircle(records.circleId as CircleId, fromB64url(records.circleKey));
  return { flood: records.flood.length };
}

/** Warms up the path (JIT, worker start-up) with a few records not used for timing. */
async function warm(mode: Mode): Promise<void> {
  const verify = verifierFor(mode);
  const opts = { now: records.now };
  const rs = await Promise.all(records.flood.slice(-50).map((r) => verify(r.wire, circle, opts)));
  if (!rs.every((r) => r.ok)) throw new Error(`warm-up refused: ${JSON.stringify(rs.find((r) => !r.ok))}`);
  await settleFrames();
}

/** (1) verify + decrypt throughput for the first `n` flood records, all requested at once. */
async function throughput(mode: Mode, n: number) {
  const verify = verifierFor(mode);
  const batch = records.flood.slice(0, n);
  const stop = watchMainThread();
  const t0 = performance.now();
  const rs: Result<VerifiedRecord>[] = await Promise.all(
    batch.map((r) => verify(r.wire, circle, { now: records.now })),
  );
  const ms = performance.now() - t0;
  await settleFrames();
  const main = stop();
  return { n, ms, ok: rs.filter((r) => r.ok).length, perSecond: (n / ms) * 1000, ...main };
}

/**
 * (2)+(3) the flood through makeReceiver as GUN's intake feeds it (one relay frame of `perFrame`
 * records per task, one frame due every `frameMs`), with one honest record from another key in the frame after `honestAfter`
 * flood records, i.e. while the flood is still arriving and draining.
 */
async function flood(mode: Mode, perFrame: number, frameMs: number, honestAfter: number) {
  const verify = verifierFor(mode);
  let delivered = 0;
  let rejected = 0;
  let honestAt = 0;
  let doneAt = 0;
  const total = records.flood.length + 1;
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  const check = () => {
    if (delivered + rejected === total) {
      doneAt = performance.now();
      resolveDone();
    }
  };
  const sub = {
    onRecord: (r: VerifiedRecord) => {
      delivered++;
      if (r.id === records.honest.id) honestAt = performance.now();
      check();
    },
    onReject: () => {
      rejected++;
      check();
    },
  };
  const receive = makeReceiver(circle, sub, { now: () => records.now }, undefined, verify);
  const stop = watchMainThread();
  const t0 = performance.now();
  // Frames are due on a wall-clock schedule, as the network would deliver them: a frame that is
  // due while the main thread is busy waits, and that wait counts in the honest record's latency.
  let honestDueAt = 0;
  for (let i = 0, frame = 0; i < records.flood.length; i += perFrame, frame++) {
    const due = t0 + frame * frameMs;
    while (performance.now() < due) await nextTask();
    for (const r of records.flood.slice(i, i + perFrame)) receive(r.id, r.bucket, r.wire);
    if (i + perFrame >= honestAfter && honestDueAt === 0) {
      honestDueAt = due;
      receive(records.honest.id, records.honest.bucket, records.honest.wire);
    }
    await nextTask();
  }
  const injectedAt = performance.now();
  await done;
  await settleFrames();
  const main = stop();
  return {
    records: total,
    delivered,
    rejected,
    injectMs: injectedAt - t0,
    drainMs: doneAt - t0,
    honestDueMs: honestDueAt - t0,
    honestLatencyMs: honestAt - honestDueAt,
    ...main,
  };
}

Object.assign(window, { vadaBench: { load, warm, throughput, flood } });
