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
import { parseEnvelope, encodeEnvelope, type Envelope } from '../../src/protocol/envelope';
import { hasWork } from '../../src/protocol/pow';
import { recordIdSync } from '../../src/protocol/recordId';
import { verifySignature } from '../../src/protocol/verifySignature';
import { aadBytes, idBytes, recordBytes, signingBytes } from '../../src/protocol/canonical';
import { buf, fromCheckedB64url } from '../../src/protocol/base64url';
import { hasWorkBytes } from '../../src/protocol/pow';
import { recordIdOfBytes } from '../../src/protocol/recordId';
import { parsePayload } from '../../src/domain/parsePayload';

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

/**
 * 'main': openEnvelope called directly (what the app did before: no slicing);
 * 'sliced': the pool without workers (in-process, ~8 ms slices, task yields between);
 * 'worker' / 'workers2': the pool with one / two verify workers.
 */
export type Mode = 'main' | 'sliced' | 'worker' | 'workers2';

export interface Responsiveness {
  longTasks: number[];
  maxFrameGapMs: number;
}

let records: BenchRecords;
let circle: Circle;
const pools = new Map<Mode, VerifyPool>();

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
  let pool = pools.get(mode);
  if (!pool) {
    pool = createVerifyPool({
      size: mode === 'workers2' ? 2 : mode === 'sliced' ? 0 : 1,
      spawn: () =>
        new Worker(new URL('../../src/workers/verify.worker.ts', import.meta.url), {
          type: 'module',
        }) as unknown as WorkerLike,
    });
    pools.set(mode, pool);
  }
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

/** Per-stage cost of verification on this thread, µs per record (each stage over the same records). */
async function profile(n: number): Promise<Record<string, number>> {
  const rs = records.flood.slice(0, n);
  const out: Record<string, number> = {};
  // Each stage three times in a row, the fastest kept: the first pass pays JIT and key imports.
  const time = async (name: string, f: () => unknown) => {
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await f();
      const us = ((performance.now() - t0) * 1000) / n;
      out[name] = Math.min(out[name] ?? Infinity, us);
    }
  };
  let envs: Envelope[] = [];
  await time('JSON.parse', () => rs.forEach((r) => JSON.parse(r.wire)));
  await time(
    'parseEnvelope (parse+shape+canonical)',
    () => (envs = rs.map((r) => (parseEnvelope(r.wire) as { value: Envelope }).value)),
  );
  await time('  encodeEnvelope only', () => envs.forEach((e) => encodeEnvelope(e)));
  await time('hasWork (noble sha256)', () => envs.forEach((e) => hasWork(e)));
  await time('idBytes+signingBytes+aadBytes', () => envs.forEach((e) => (idBytes(e), signingBytes(e), aadBytes(e))));
  const digest = (e: Envelope) => crypto.subtle.digest('SHA-256', buf(idBytes(e)));
  await time('id sha256 WebCrypto, Promise.all', () => Promise.all(envs.map(digest)));
  await time('id sha256 WebCrypto, one await each', async () => {
    for (const e of envs) await digest(e);
  });
  await time('id sha256 noble sync (recordIdSync)', () => envs.forEach((e) => recordIdSync(e)));
  const rbs = envs.map(recordBytes);
  await time('recordBytes (one encoding for all four)', () => envs.forEach((e) => recordBytes(e)));
  await time('hasWorkBytes (noble sha256)', () => rbs.forEach((rb) => hasWorkBytes(rb)));
  await time('recordIdOfBytes (noble sha256)', () => rbs.forEach((rb) => recordIdOfBytes(rb)));
  await time('id sha256 WebCrypto of RecordBytes.id, one await each', async () => {
    for (const rb of rbs) await crypto.subtle.digest('SHA-256', rb.id);
  });
  await time('fromB64url(p) (ours)', () => envs.forEach((e) => fromB64url(e.p)));
  await time('fromCheckedB64url(p) (native if any)', () => envs.forEach((e) => fromCheckedB64url(e.p)));
  await time('Ed25519 verify, Promise.all', () =>
    Promise.all(envs.map((e) => verifySignature(e.a, e.s, signingBytes(e)))),
  );
  await time('AES-GCM decrypt, Promise.all', () =>
    Promise.all(
      envs.map((e) =>
        crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: buf(fromB64url(e.n)), additionalData: buf(aadBytes(e)), tagLength: 128 },
          circle.key,
          buf(fromB64url(e.p)),
        ),
      ),
    ),
  );
  const texts = await Promise.all(
    envs.map(async (e) =>
      new TextDecoder().decode(
        await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: buf(fromB64url(e.n)), additionalData: buf(aadBytes(e)), tagLength: 128 },
          circle.key,
          buf(fromB64url(e.p)),
        ),
      ),
    ),
  );
  await time('AES-GCM decrypt of views, Promise.all', () =>
    Promise.all(
      envs.map((e, i) =>
        crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: fromCheckedB64url(e.n), additionalData: rbs[i]!.aad, tagLength: 128 },
          circle.key,
          fromCheckedB64url(e.p),
        ),
      ),
    ),
  );
  await time('Ed25519 verify of views (key cached), Promise.all', () =>
    Promise.all(envs.map((e, i) => verifySignature(e.a, e.s, rbs[i]!.signing))),
  );
  await time('parsePayload', () => envs.forEach((e, i) => parsePayload(e.k, texts[i]!, e.t)));
  // Where does WebCrypto run? If on the calling thread, the issuing loop or the microtasks after it
  // take the whole time and no task runs in between; if on a crypto thread, a task posted meanwhile runs.
  {
    const sigs = envs.map((e) => ({ e, data: signingBytes(e) }));
    const t0 = performance.now();
    let tickAt = 0;
    const ch = new MessageChannel();
    ch.port1.onmessage = () => (tickAt = performance.now());
    ch.port2.postMessage(0);
    const all = Promise.all(sigs.map(({ e, data }) => verifySignature(e.a, e.s, data)));
    const issued = performance.now();
    await all;
    const done = performance.now();
    out['Ed25519 x n: issue loop, µs total/n'] = ((issued - t0) * 1000) / n;
    out['Ed25519 x n: a task ran after (ms, 0 = never)'] = tickAt ? tickAt - t0 : 0;
    out['Ed25519 x n: all done (ms)'] = done - t0;
  }
  let verified: unknown[] = [];
  await time('openEnvelope, Promise.all', async () => {
    verified = await Promise.all(rs.map((r) => openEnvelope(r.wire, circle, { now: records.now })));
  });
  {
    const w = new Worker(new URL('./profileWorker.ts', import.meta.url), { type: 'module' });
    const passes = await new Promise<number[]>((resolve) => {
      w.onmessage = (e: MessageEvent<number[]>) => resolve(e.data);
      w.postMessage({
        wires: rs.map((r) => r.wire),
        circleId: records.circleId,
        circleKey: records.circleKey,
        now: records.now,
      });
    });
    w.terminate();
    passes.forEach((us, i) => (out[`openEnvelope in a fresh worker, pass ${i + 1}`] = us));
  }
  await time('structuredClone of wires', () => structuredClone(rs.map((r) => r.wire)));
  await time('structuredClone of results', () => structuredClone(verified));
  return out;
}

Object.assign(window, { vadaBench: { load, warm, throughput, flood, profile } });
