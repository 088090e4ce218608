/**
 * CPU time of the whole machine (all cores) from /proc/stat. Busy time tells
 * a scenario how much CPU went to processes outside the bench (the machine is
 * shared): a figure measured while others were busy is inflated. Steal time is
 * CPU the virtual machine's host gave to someone else while this machine
 * wanted it: on the 2-core VM the benches run on it is what makes the same
 * tree's p95 move by several ms from one run to the next (bench/README.md).
 */
import { readFileSync } from 'node:fs';

/** USER_HZ is 100 on Linux: one /proc/stat tick is 10 ms. */
const TICK_MS = 10;

/** The first line of /proc/stat as numbers (user nice system idle iowait irq softirq steal …), or undefined. */
function cpuTicks(): number[] | undefined {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const ticks = cpu.trim().split(/\s+/).slice(1).map(Number);
    return ticks.length >= 8 && ticks.every(Number.isFinite) ? ticks : undefined;
  } catch {
    return undefined;
  }
}

/** Busy milliseconds since boot summed over cores; undefined where /proc/stat is missing. */
export function machineBusyMs(): number | undefined {
  const t = cpuTicks();
  if (!t) return undefined;
  // Everything but idle (3) and iowait (4) is busy.
  const [user, nice, system, , , irq, softirq, steal] = t as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return (user + nice + system + irq + softirq + steal) * TICK_MS;
}

/** Milliseconds of CPU the host took away since boot, summed over cores; undefined where /proc/stat is missing. */
export function machineStealMs(): number | undefined {
  const steal = cpuTicks()?.[7];
  return steal === undefined ? undefined : steal * TICK_MS;
}

/**
 * The CPU as /proc/cpuinfo names it (its first processor): vendor, family, model, stepping, clock
 * and cache, e.g. "AuthenticAMD family 25 model 17 stepping 1, 2596 MHz, 1024 KB cache". Two VMs of
 * one kind both say "AMD EPYC" as the model name and still measure differently; the numbers tell
 * their CPUs apart. Undefined where there is no /proc/cpuinfo or it lacks the vendor.
 */
export function cpuIdentity(cpuinfo: string): string | undefined {
  const first = cpuinfo.split(/\n\s*\n/)[0] ?? '';
  const field = (name: string) => new RegExp(`^${name}\\s*:\\s*(.*)$`, 'm').exec(first)?.[1]?.trim() || undefined;
  const vendor = field('vendor_id');
  if (!vendor) return undefined;
  const numbers = (
    [
      ['family', 'cpu family'],
      ['model', 'model'],
      ['stepping', 'stepping'],
    ] as const
  ).flatMap(([label, key]) => {
    const v = field(key);
    return v === undefined ? [] : [`${label} ${v}`];
  });
  const mhz = Number(field('cpu MHz'));
  const cache = field('cache size');
  return [
    [vendor, ...numbers].join(' '),
    ...(mhz > 0 ? [`${Math.round(mhz)} MHz`] : []),
    ...(cache ? [`${cache} cache`] : []),
  ].join(', ');
}

/** This machine's CPU (cpuIdentity of /proc/cpuinfo); undefined where there is none. */
export function machineCpu(): string | undefined {
  try {
    return cpuIdentity(readFileSync('/proc/cpuinfo', 'utf8'));
  } catch {
    return undefined;
  }
}
