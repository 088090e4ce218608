/**
 * `tsx bench/profileSummary.ts <dir>`: summarises the V8 .cpuprofile files
 * that `BENCH_PROFILE=<dir> npm run bench` leaves (main thread of each relay
 * and subscriber process): self time by area (GUN, Vada protocol, WebCrypto
 * glue, ws, GC, idle) and the top functions. Off-thread crypto work (Node runs
 * WebCrypto jobs on libuv's pool) does not appear here; compare with the
 * CPU ms the bench prints.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The area a frame's source belongs to. */
export function areaOf(url: string, fn: string): string {
  if (fn === '(garbage collector)' || fn === '(idle)' || fn === '(program)') return fn;
  if (url.includes('node_modules/gun/')) return 'gun';
  if (url.includes('node_modules/ws/')) return 'ws';
  if (url.includes('/src/protocol/') || url.includes('/src/domain/')) return 'vada protocol';
  if (url.includes('/src/sync/')) return 'vada sync';
  if (url.includes('/relay/')) return 'vada relay';
  if (url.includes('internal/crypto')) return 'node webcrypto (JS side)';
  if (url.includes('/bench/')) return 'bench harness';
  if (url.includes('node_modules/tsx') || url.includes('esbuild')) return 'tsx loader';
  return url.startsWith('node:') || url === '' ? 'node internals' : 'other';
}

function summarize(file: string, top: number): void {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const areas = new Map<string, number>();
  const fns = new Map<string, number>();
  for (const [id, ms] of self) {
    const f = byId.get(id)?.callFrame;
    if (!f) continue;
    const area = areaOf(f.url, f.functionName);
    areas.set(area, (areas.get(area) ?? 0) + ms);
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
    fns.set(key, (fns.get(key) ?? 0) + ms);
  }
  const pct = (ms: number): string => `${((ms / total) * 100).toFixed(1)}%`;
  console.log(`\n${file}: ${total.toFixed(0)} ms sampled`);
  for (const [a, ms] of [...areas].sort((x, y) => y[1] - x[1]))
    console.log(`  ${a.padEnd(26)} ${ms.toFixed(0).padStart(6)} ms ${pct(ms).padStart(6)}`);
  console.log('  top functions (self):');
  for (const [k, ms] of [...fns].sort((x, y) => y[1] - x[1]).slice(0, top))
    console.log(`    ${ms.toFixed(0).padStart(6)} ms ${pct(ms).padStart(6)}  ${k}`);
}

const dir = process.argv[2];
if (!dir) {
  console.error('usage: tsx bench/profileSummary.ts <dir with .cpuprofile files>');
  process.exit(2);
}
for (const f of readdirSync(dir)
  .filter((f) => f.endsWith('.cpuprofile'))
  .sort())
  summarize(join(dir, f), 12);
