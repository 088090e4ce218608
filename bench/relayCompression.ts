/**
 * Relay text compression (`npm run bench:compression`): a real relay process
 * serving the built app (dist/), and for each file a phone fetches on its
 * first load (index.html, every same-origin script, stylesheet, icon and
 * manifest it names, and sw.js) the body bytes on the wire as identity,
 * gzip and brotli; then 200 GETs of the main JS chunk with brotli against
 * 200 without compression, interleaved in the same run with warm caches,
 * each timed until its last byte arrived. Every compressed body is decoded
 * and checked against the file. Writes bench/results/relayCompression.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { percentile } from './latencyStats';
import { machineBusyMs } from './machineCpu';
import { startRelayProcess } from '../tests/fixtures/relayProcess';
import { runBench } from './benchRun';

const DIST = resolve(import.meta.dirname, '..', 'dist');
const OUT = join(import.meta.dirname, 'results', 'relayCompression.json');
const GETS = 200;
const ENCODINGS = ['identity', 'gzip', 'br'] as const;
type Encoding = (typeof ENCODINGS)[number];

/** One first-load file: body bytes on the wire per encoding asked, and the encoding actually sent. */
type FileRow = Record<Encoding, number> & { path: string; sent: Record<Encoding, string> };

interface Got {
  readonly encoding: string;
  readonly wire: Buffer;
  readonly ms: number;
}

/** One GET with the given Accept-Encoding, the body kept as sent (fetch would decode it). */
function get(base: string, path: string, accept: Encoding): Promise<Got> {
  const { hostname, port } = new URL(base);
  const t0 = performance.now();
  return new Promise((ok, fail) => {
    const req = request({ host: hostname, port, path, headers: { 'Accept-Encoding': accept } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => {
        if (res.statusCode !== 200) return fail(new Error(`${path} answered ${res.statusCode}`));
        ok({
          encoding: res.headers['content-encoding'] ?? 'identity',
          wire: Buffer.concat(parts),
          ms: performance.now() - t0,
        });
      });
    });
    req.on('error', fail);
    req.end();
  });
}

function decode(got: Got): Buffer {
  if (got.encoding === 'br') return brotliDecompressSync(got.wire);
  if (got.encoding === 'gzip') return gunzipSync(got.wire);
  return got.wire;
}

/** The same-origin files index.html names, plus the service worker the app registers. */
function firstLoadFiles(): string[] {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const named = [...html.matchAll(/(?:src|href)="(\/[^"/][^"]*)"/g)].map((m) => m[1] as string);
  return ['/', ...new Set(named), '/sw.js'];
}

const round2 = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);
function summary(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  return { n: ms.length, p50: round2(percentile(sorted, 0.5)), p95: round2(percentile(sorted, 0.95)) };
}

async function main(): Promise<void> {
  const relay = await startRelayProcess({ app: true, env: { VADA_APP_DIR: DIST } });
  try {
    const files: FileRow[] = [];
    let wrong = 0;
    for (const path of firstLoadFiles()) {
      const onDisk = readFileSync(join(DIST, path === '/' ? 'index.html' : path.slice(1)));
      const row: FileRow = {
        path,
        identity: 0,
        gzip: 0,
        br: 0,
        sent: { identity: '', gzip: '', br: '' },
      };
      for (const accept of ENCODINGS) {
        // Asking for brotli alone waits for it to be made; the measured GET then finds it ready.
        const got = await get(relay.url, path, accept);
        if (!decode(got).equals(onDisk)) wrong++;
        row[accept] = got.wire.length;
        row.sent[accept] = got.encoding;
      }
      files.push(row);
    }
    const total = (k: Encoding) => files.reduce((n, f) => n + f[k], 0);
    const totals = { identity: total('identity'), gzip: total('gzip'), br: total('br') };

    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    const main = /<script[^>]*src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    if (!main) throw new Error('no module script in dist/index.html');
    for (let i = 0; i < 20; i++) for (const a of ['br', 'identity'] as const) await get(relay.url, main, a); // warm-up
    const ms: Record<'br' | 'identity', number[]> = { br: [], identity: [] };
    const busy0 = machineBusyMs();
    const wall0 = performance.now();
    for (let i = 0; i < GETS; i++) {
      // Interleaved, alternating which goes first, so drift in machine load hits both alike.
      const order = i % 2 === 0 ? (['br', 'identity'] as const) : (['identity', 'br'] as const);
      for (const a of order) {
        const got = await get(relay.url, main, a);
        if (got.encoding !== a) wrong++;
        ms[a].push(got.ms);
      }
    }
    const busy1 = machineBusyMs();
    const result = {
      when: new Date().toISOString(),
      node: process.version,
      files,
      totals,
      mainChunk: { path: main, gets: GETS, br: summary(ms.br), identity: summary(ms.identity) },
      wrongBodies: wrong,
      machineBusyShare:
        busy0 !== undefined && busy1 !== undefined
          ? Math.round(((busy1 - busy0) / (performance.now() - wall0)) * 100) / 100
          : null,
    };
    mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
    writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);

    const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`.padStart(11);
    console.log(`First-load files, body bytes on the wire (${relay.url})`);
    console.log(`${'file'.padEnd(34)} ${'identity'.padStart(11)} ${'gzip'.padStart(11)} ${'br'.padStart(11)}`);
    for (const f of files) console.log(`${f.path.padEnd(34)} ${kib(f.identity)} ${kib(f.gzip)} ${kib(f.br)}`);
    console.log(`${'total'.padEnd(34)} ${kib(totals.identity)} ${kib(totals.gzip)} ${kib(totals.br)}`);
    console.log(`\n${GETS} GETs of ${main} each way, interleaved, warm cache (ms, to the last byte)`);
    console.log(`${''.padEnd(10)} ${'p50'.padStart(7)} ${'p95'.padStart(7)}`);
    for (const a of ['br', 'identity'] as const) {
      const s = result.mainChunk[a];
      console.log(`${a.padEnd(10)} ${String(s.p50).padStart(7)} ${String(s.p95).padStart(7)}`);
    }
    console.log(`wrong bodies: ${wrong}; machine busy share: ${result.machineBusyShare}; wrote ${OUT}`);
    if (wrong > 0) process.exitCode = 1;
  } finally {
    await relay.stop();
  }
}

runBench(main);
