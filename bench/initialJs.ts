/**
 * `npm run bench:size [-- --base <git ref>]`: what the first load costs in
 * JavaScript, the chunks the entry page loads before anything else (its
 * module script and modulepreloads), raw and gzip, next to the chunks
 * loaded on demand (languages, scanner, workers). With `--base`, the same
 * figures for another commit, built in a temporary worktree in the same
 * run, so a change's cost is measured against a baseline on the same
 * machine and toolchain (default base: HEAD, i.e. the work tree against the
 * last commit). Says whether the initial JS meets the budget of issue 15
 * (110 KiB gzip) and whether the service worker precaches every chunk (a
 * chunk it misses would not load offline); writes bench/results/initial-js.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(import.meta.dirname, '..');
/** Issue 15, goal 1: the entry chunk and its modulepreloads, gzip. */
const BUDGET_GZIP = 110 * 1024;

interface Chunk {
  readonly file: string;
  readonly raw: number;
  readonly gzip: number;
}

interface Sizes {
  readonly initial: readonly Chunk[];
  readonly lazy: readonly Chunk[];
  /** JS chunks missing from the service worker's precache manifest (dist/sw.js). */
  readonly notPrecached: readonly string[];
}

function build(cwd: string, outDir: string): void {
  execFileSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
    cwd,
    stdio: 'inherit',
  });
}

function measure(dist: string): Sizes {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entry = new Set([...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string));
  const chunk = (file: string): Chunk => {
    const bytes = readFileSync(join(dist, file));
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  };
  const all = readdirSync(join(dist, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `assets/${f}`);
  const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
  return {
    initial: all.filter((f) => entry.has(f)).map(chunk),
    lazy: all.filter((f) => !entry.has(f)).map(chunk),
    notPrecached: all.filter((f) => !sw.includes(`"${f}"`)),
  };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const sum = (chunks: readonly Chunk[], k: 'raw' | 'gzip') => chunks.reduce((a, c) => a + c[k], 0);
/** Hashed names differ between builds: compare by the name before the hash. */
const stem = (file: string) => file.replace(/^assets\//, '').replace(/-[\w-]{8}\.js$/, '');

function baseline(ref: string): Sizes {
  const dir = mkdtempSync(join(tmpdir(), 'vada-size-'));
  const tree = join(dir, 'tree');
  execFileSync('git', ['worktree', 'add', '--detach', tree, ref], { cwd: ROOT, stdio: 'ignore' });
  try {
    symlinkSync(join(ROOT, 'node_modules'), join(tree, 'node_modules'));
    build(tree, join(dir, 'dist'));
    return measure(join(dir, 'dist'));
  } finally {
    execFileSync('git', ['worktree', 'remove', '--force', tree], { cwd: ROOT, stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(): void {
  const args = process.argv.slice(2);
  const at = args.indexOf('--base');
  const ref = at >= 0 ? (args[at + 1] ?? 'HEAD') : 'HEAD';
  const out = mkdtempSync(join(tmpdir(), 'vada-size-now-'));
  try {
    build(ROOT, out);
    const now = measure(out);
    const base = baseline(ref);
    const rows: [string, string, string][] = [
      ['initial JS (gzip)', kb(sum(base.initial, 'gzip')), kb(sum(now.initial, 'gzip'))],
      ['initial JS (raw)', kb(sum(base.initial, 'raw')), kb(sum(now.initial, 'raw'))],
    ];
    const baseLazy = new Map(base.lazy.map((c) => [stem(c.file), c]));
    for (const c of now.lazy) {
      const b = baseLazy.get(stem(c.file));
      rows.push([`on demand: ${stem(c.file)} (gzip)`, b ? kb(b.gzip) : '—', kb(c.gzip)]);
    }
    const width = Math.max(...rows.map((r) => r[0].length));
    console.log(`${'chunk'.padEnd(width)}  ${`base ${ref}`.padStart(14)}  ${'now'.padStart(10)}`);
    for (const [name, b, n] of rows) console.log(`${name.padEnd(width)}  ${b.padStart(14)}  ${n.padStart(10)}`);
    const initialGzip = sum(now.initial, 'gzip');
    const delta = initialGzip - sum(base.initial, 'gzip');
    console.log(`\ninitial JS gzip change: ${delta >= 0 ? '+' : ''}${kb(delta)}`);
    const met = initialGzip <= BUDGET_GZIP;
    console.log(`budget ${kb(BUDGET_GZIP)} gzip: ${met ? 'MET' : 'NOT MET'} (${kb(initialGzip)})`);
    const chunks = now.initial.length + now.lazy.length;
    console.log(
      now.notPrecached.length === 0
        ? `precached by the service worker: all ${chunks} JS chunks`
        : `NOT precached (would not load offline): ${now.notPrecached.join(', ')}`,
    );
    const results = join(ROOT, 'bench', 'results');
    mkdirSync(results, { recursive: true });
    writeFileSync(
      join(results, 'initial-js.json'),
      `${JSON.stringify(
        {
          when: new Date().toISOString(),
          base: ref,
          budgetGzip: BUDGET_GZIP,
          met,
          rows: [
            { side: 'base', initialGzip: sum(base.initial, 'gzip'), initialRaw: sum(base.initial, 'raw') },
            { side: 'now', initialGzip, initialRaw: sum(now.initial, 'raw') },
          ],
          initial: now.initial,
          lazy: now.lazy,
          notPrecached: now.notPrecached,
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

main();
