/**
 * Relay map-pack serving latency (`tsx bench/packServe.ts`, part of
 * `bench:packs`): a real relay process started with `--tiles-pack` on a
 * ≈ 90 MB pack of 5,460 tiles (leaf directories included), read the way
 * phones read it: the pmtiles library's FetchSource doing 500 random tile
 * reads one after another (directories cached after the first reads, as in
 * the app), next to 500 bare single-Range GETs of a tile-sized span and 500
 * plain GETs of a static file of the same size from the same relay (the
 * baseline: what any tile costs from this server). Writes
 * bench/results/packServe.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile } from './latencyStats';
import { machineBusyMs } from './machineCpu';
import { libraryOverHttp, packOnDisk, sizedTiles } from '../tests/fixtures/relayPacks';
import { startRelayProcess } from '../tests/fixtures/relayProcess';
import { runBench } from './benchRun';

const READS = 500;
const OUT = join(import.meta.dirname, 'results', 'packServe.json');

/** A deterministic pseudo-random sequence (same tiles every run). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

interface Summary {
  readonly n: number;
  readonly p50: number | null;
  readonly p95: number | null;
  readonly max: number | null;
}

function summary(ms: number[]): Summary {
  const sorted = [...ms].sort((a, b) => a - b);
  const r = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);
  return {
    n: ms.length,
    p50: r(percentile(sorted, 0.5)),
    p95: r(percentile(sorted, 0.95)),
    max: r(sorted.at(-1) ?? null),
  };
}

async function timed(f: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vada-bench-packs-'));
  try {
    // Tiles of 2–30 KB (raster tiles of a city: sea and fields to dense streets).
    const tiles = sizedTiles(10, 15, 2, (i) => 2_000 + ((i * 7919) % 28_000));
    const pack = await packOnDisk(dir, 'bench-city.pmtiles', tiles, { name: 'Bench city' });
    const avgTile = Math.round(tiles.reduce((n, t) => n + (t.data as Uint8Array).length, 0) / tiles.length);
    const app = join(dir, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'index.html'), '<!doctype html><title>bench</title>');
    writeFileSync(join(app, 'tile.png'), Buffer.alloc(avgTile, 7));
    const relay = await startRelayProcess({ app: true, env: { VADA_APP_DIR: app }, args: ['--tiles-pack', pack.file] });
    const url = `${relay.url}/packs/bench-city.pmtiles`;
    const busy0 = machineBusyMs();
    const wall0 = performance.now();
    try {
      const random = lcg(14);
      // Baseline: the same relay's static file server, a file of the average tile size.
      const staticMs: number[] = [];
      for (let i = 0; i < 20; i++) await (await fetch(`${relay.url}/tile.png`)).arrayBuffer(); // warm-up
      for (let i = 0; i < READS; i++)
        staticMs.push(await timed(async () => (await fetch(`${relay.url}/tile.png`)).arrayBuffer()));

      // Bare single-Range GETs of a tile-sized span at random offsets of the pack.
      const rangeMs: number[] = [];
      for (let i = 0; i < READS; i++) {
        const start = Math.floor(random() * (pack.bytes.length - avgTile));
        rangeMs.push(
          await timed(async () => {
            const res = await fetch(url, { headers: { Range: `bytes=${start}-${start + avgTile - 1}` } });
            if (res.status !== 206) throw new Error(`range answered ${res.status}`);
            await res.arrayBuffer();
          }),
        );
      }

      // The pmtiles library: first tile cold (header + root + leaf + tile), then random tiles.
      const reader = libraryOverHttp(url);
      const first = tiles[0];
      if (!first) throw new Error('no tiles');
      const coldMs = await timed(() => reader.getZxy(first.z, first.x, first.y));
      const tileMs: number[] = [];
      let wrong = 0;
      for (let i = 0; i < READS; i++) {
        const t = tiles[Math.floor(random() * tiles.length)] ?? first;
        let got: Uint8Array | undefined;
        tileMs.push(
          await timed(async () => {
            const r = await reader.getZxy(t.z, t.x, t.y);
            got = r ? new Uint8Array(r.data) : undefined;
          }),
        );
        if (!got || !Buffer.from(got).equals(Buffer.from(t.data as Uint8Array))) wrong++;
      }
      const busy1 = machineBusyMs();
      const result = {
        when: new Date().toISOString(),
        node: process.version,
        pack: { tiles: tiles.length, bytes: pack.bytes.length, averageTileBytes: avgTile },
        reads: READS,
        staticGet: summary(staticMs),
        rangeGet: summary(rangeMs),
        fetchSourceTile: summary(tileMs),
        fetchSourceFirstTileColdMs: Math.round(coldMs * 100) / 100,
        wrongTiles: wrong,
        machineBusyShare:
          busy0 !== undefined && busy1 !== undefined
            ? Math.round(((busy1 - busy0) / (performance.now() - wall0)) * 100) / 100
            : null,
      };
      mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
      writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
      const row = (name: string, s: Summary) =>
        `${name.padEnd(34)} ${String(s.p50).padStart(7)} ${String(s.p95).padStart(7)} ${String(s.max).padStart(7)}`;
      console.log(
        `Pack: ${tiles.length} tiles, ${(pack.bytes.length / 1e6).toFixed(1)} MB, average tile ${avgTile} bytes; ${READS} reads each, one at a time`,
      );
      console.log(`${'ms'.padEnd(34)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'max'.padStart(7)}`);
      console.log(row('static file GET (baseline)', result.staticGet));
      console.log(row('pack single Range GET', result.rangeGet));
      console.log(row('pack tile via pmtiles FetchSource', result.fetchSourceTile));
      console.log(
        `first tile, cold (header, directories, tile): ${result.fetchSourceFirstTileColdMs} ms; wrong tiles: ${wrong}`,
      );
      console.log(`wrote ${OUT}`);
      if (wrong > 0) process.exitCode = 1;
    } finally {
      await relay.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

runBench(main);
