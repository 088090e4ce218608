/**
 * What the bench scripts share: the machine conditions every result is read
 * against, writing the result to bench/results/, and ending the process
 * (browsers, relays and child processes would otherwise keep it alive).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { machineCpu, machineStealMs } from './machineCpu';

/** Taken when a bench starts: its clock, the load average then, and the host's steal counter. */
export interface BenchStart {
  readonly at: number;
  readonly load: string[];
  readonly stealMs: number | undefined;
}

export function startBench(): BenchStart {
  return { at: Date.now(), load: loadavg().map((x) => x.toFixed(2)), stealMs: machineStealMs() };
}

/** Seconds since the bench started. */
export const benchSeconds = (start: BenchStart): number => Math.round((Date.now() - start.at) / 1000);

/**
 * The `conditions` every result starts with: date, versions, the CPU and its
 * cores, the load average at the start, how long the run took, and how much
 * CPU the VM's host took away meanwhile (ms over all cores; a run with steal
 * has inflated tails).
 */
export function machineConditions(start: BenchStart, chromium?: string) {
  const steal = machineStealMs();
  return {
    date: new Date().toISOString(),
    node: process.version,
    ...(chromium === undefined ? {} : { chromium }),
    cpu: machineCpu() ?? null,
    cores: cpus().length,
    loadAtStart: start.load,
    durationS: benchSeconds(start),
    stealMs: steal === undefined || start.stealMs === undefined ? null : steal - start.stealMs,
  };
}

/** Writes `result` as bench/results/<file> and says so, with its duration and steal when it has conditions. */
export function writeResult(file: string, result: object): void {
  const dir = new URL('./results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL(file, dir), `${JSON.stringify(result, null, 2)}\n`);
  const c = (result as { conditions?: Partial<ReturnType<typeof machineConditions>> }).conditions;
  const steal = c?.stealMs ? `, ${(c.stealMs / 1000).toFixed(1)} s of CPU taken by the VM's host` : '';
  console.log(`wrote bench/results/${file}${c?.durationS === undefined ? '' : ` (${c.durationS} s${steal})`}`);
}

/** Runs a bench's main and ends the process: 0 when it finished, 1 (with the error printed) when it failed. */
export function runBench(main: () => Promise<unknown>): void {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
