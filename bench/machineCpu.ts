/**
 * Busy CPU time of the whole machine (all cores) from /proc/stat, so a
 * scenario can tell how much CPU went to processes outside the bench (the
 * machine is shared): a figure measured while others were busy is inflated.
 */
import { readFileSync } from 'node:fs';

/** USER_HZ is 100 on Linux: one /proc/stat tick is 10 ms. */
const TICK_MS = 10;

/** Busy milliseconds since boot summed over cores; undefined where /proc/stat is missing. */
export function machineBusyMs(): number | undefined {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    // user nice system idle iowait irq softirq steal …: everything but idle and iowait is busy.
    const [user, nice, system, _idle, _iowait, irq, softirq, steal] = cpu.trim().split(/\s+/).slice(1).map(Number);
    const busy = [user, nice, system, irq, softirq, steal].reduce<number>((a, b) => a + (b ?? 0), 0);
    return Number.isFinite(busy) ? busy * TICK_MS : undefined;
  } catch {
    return undefined;
  }
}
