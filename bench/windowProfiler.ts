/**
 * Optional CPU profile of a peer process's measured window only (from 'mark'
 * to 'collect'), via node:inspector, when BENCH_PROFILE=<dir> is set. Read the
 * files with `tsx bench/profileSummary.ts <dir>`.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

let session: Session | undefined;

/** Starts profiling if BENCH_PROFILE is set; a no-op otherwise. */
export async function startWindowProfile(): Promise<void> {
  if (!process.env.BENCH_PROFILE || session) return;
  session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
}

/** Stops profiling and writes `<dir>/<tag>-<pid>.cpuprofile`. */
export async function stopWindowProfile(tag: string): Promise<void> {
  const dir = process.env.BENCH_PROFILE;
  if (!dir || !session) return;
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(join(dir, `${tag}-${process.pid}.cpuprofile`), JSON.stringify(profile));
  session.disconnect();
  session = undefined;
}
