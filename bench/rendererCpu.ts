/**
 * CPU time of the browser's renderer threads that this bench process started
 * (from /proc, Linux only), split into each renderer's main thread, its
 * dedicated workers and the rest (V8's GC helpers, thread pool). On a shared,
 * busy machine wall-clock throughput mostly measures the other processes; CPU
 * time per record measures the code: records per CPU-second is what one idle
 * core would reach.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ is 100 on Linux: one tick is 10 ms. */
const TICK_MS = 10;

export interface ThreadCpu {
  /** Renderer main threads, ms. */
  main: number;
  /** Dedicated worker threads, ms. */
  worker: number;
  /** Every other renderer thread, ms. */
  other: number;
}

const read = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

/** [comm, parent pid, utime + stime ticks] of a /proc stat line. */
function parseStat(stat: string): [string, number, number] {
  const close = stat.lastIndexOf(')');
  const comm = stat.slice(stat.indexOf('(') + 1, close);
  // After ") ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime …
  const f = stat.slice(close + 2).split(' ');
  return [comm, Number(f[1]), Number(f[11]) + Number(f[12])];
}

/** Processes descending from this one that run a renderer (they have a Compositor thread). */
function renderers(): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const s = read(`/proc/${d}/stat`);
    if (s) parent.set(Number(d), parseStat(s)[1]);
  }
  const mine = new Set([process.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [p, q] of parent)
      if (!mine.has(p) && mine.has(q)) {
        mine.add(p);
        grew = true;
      }
  }
  return [...mine].filter((p) => {
    const tasks = (() => {
      try {
        return readdirSync(`/proc/${p}/task`);
      } catch {
        return [];
      }
    })();
    return tasks.some((t) => read(`/proc/${p}/task/${t}/comm`)?.trim() === 'Compositor');
  });
}

/** Per-thread CPU ms of every renderer now, keyed by "pid/tid". */
export function snapshot(): Map<string, { kind: keyof ThreadCpu; ms: number }> {
  const out = new Map<string, { kind: keyof ThreadCpu; ms: number }>();
  if (process.platform !== 'linux') return out;
  for (const pid of renderers()) {
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      const s = read(`/proc/${pid}/task/${tid}/stat`);
      if (!s) continue;
      const [comm, , ticks] = parseStat(s);
      const kind = Number(tid) === pid ? 'main' : comm.startsWith('DedicatedWorker') ? 'worker' : 'other';
      // schedstat's first field is the thread's time on a CPU in ns (stat's ticks are 10 ms).
      const onCpuNs = Number(read(`/proc/${pid}/task/${tid}/schedstat`)?.split(' ')[0]);
      out.set(`${pid}/${tid}`, { kind, ms: Number.isFinite(onCpuNs) ? onCpuNs / 1e6 : ticks * TICK_MS });
    }
  }
  return out;
}

/** Renderer CPU ms spent between two snapshots (threads that started in between count from zero). */
export function spent(before: ReturnType<typeof snapshot>, after: ReturnType<typeof snapshot>): ThreadCpu {
  const out: ThreadCpu = { main: 0, worker: 0, other: 0 };
  for (const [key, t] of after) out[t.kind] += t.ms - (before.get(key)?.ms ?? 0);
  return out;
}
