/**
 * `npm run pack` (scripts/pack.ts) as a child process against the local tile
 * server fixture on 127.0.0.1: the pack it writes reads back with the pmtiles
 * library tile for tile equal to the server's bytes; OpenStreetMap's servers
 * are refused naming the policy, before any request; never more than two
 * requests at once; too many tiles is refused until --max-tiles; and a run
 * killed part-way is finished by a rerun that fetches only the missing tiles.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tilesInBounds } from '../../../src/domain/tiles';
import { libraryReader } from '../../fixtures/packs';
import { solidPng, startTileServer, type TileServer } from '../../fixtures/tileServer';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const TSX = pathToFileURL(join(REPO, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const dir = mkdtempSync(join(tmpdir(), 'vada-pack-'));
const children = new Set<ChildProcess>();
// A small area of a city: zooms 10-14, 30 tiles.
const BBOX = '13.36,52.49,13.44,52.54';
const bounds = { west: 13.36, south: 52.49, east: 13.44, north: 52.54 };
const EXPECTED = [...tilesInBounds(bounds, 10, 14)];

interface Run {
  code: number | null;
  out: string;
}

/** Runs the script; `poll` is called every 10 ms while it runs (to kill it part-way). */
function runPack(args: string[], poll?: (child: ChildProcess) => void): Promise<Run> {
  const child = spawn(process.execPath, ['--import', TSX, join(REPO, 'scripts', 'pack.ts'), ...args], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  const take = (d: Buffer) => void (out += d.toString());
  const timer = poll ? setInterval(() => poll(child), 10) : undefined;
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  return new Promise((ok) =>
    child.once('exit', (code) => {
      clearInterval(timer);
      children.delete(child);
      ok({ code, out });
    }),
  );
}

let server: TileServer;
beforeAll(async () => {
  server = await startTileServer({ delayMs: 60 });
});
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

const expectedPng = (x: number, y: number) => solidPng((x * 37) % 256, (y * 53) % 256, 160);

async function expectPackMatchesServer(file: string) {
  const reader = libraryReader(new Uint8Array(readFileSync(file)));
  const header = await reader.getHeader();
  expect([header.numAddressedTiles, header.minZoom, header.maxZoom, header.tileType]).toEqual([
    EXPECTED.length,
    10,
    14,
    2,
  ]);
  for (const t of EXPECTED) {
    const got = await reader.getZxy(t.z, t.x, t.y);
    expect(Buffer.from(got?.data ?? new ArrayBuffer(0)).equals(expectedPng(t.x, t.y)), `${t.z}/${t.x}/${t.y}`).toBe(
      true,
    );
  }
  const meta = (await reader.getMetadata()) as { name: string; attribution: string };
  return meta;
}

describe('npm run pack', () => {
  it('builds a pack whose every tile reads back equal to the server, never with more than 2 requests at once', async () => {
    const before = server.requests();
    const out = join(dir, 'city.pmtiles');
    const run = await runPack([
      '--bbox',
      BBOX,
      '--zoom',
      '10-14',
      '--from',
      server.template,
      '--out',
      out,
      '--name',
      'Test City',
      '--attribution',
      '© Test tiles',
    ]);
    expect(run.code, run.out).toBe(0);
    expect(run.out).toMatch(new RegExp(`^${EXPECTED.length} tiles at zoom 10-14`));
    expect(run.out).toMatch(
      new RegExp(`${EXPECTED.length}/${EXPECTED.length} tiles \\(100%\\), [\\d.]+ MB, [\\d.]+ tiles/s, ETA 0 s`),
    );
    expect(server.requests() - before).toBe(EXPECTED.length);
    expect(server.maxConcurrency()).toBe(2);
    expect(await expectPackMatchesServer(out)).toMatchObject({ name: 'Test City', attribution: '© Test tiles' });
    expect(existsSync(`${out}.partial`)).toBe(false);
  });

  it("refuses OpenStreetMap's public servers naming the tile usage policy, before any request", async () => {
    for (const from of [
      'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
      'http://b.tile.openstreetmap.org/{z}/{x}/{y}.png',
      'https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png',
      'https://tile.osm.org/{z}/{x}/{y}.png',
      'http://c.tile.osm.org/{z}/{x}/{y}.png',
    ]) {
      const out = join(dir, 'osm.pmtiles');
      const run = await runPack(['--bbox', BBOX, '--zoom', '10-11', '--from', from, '--out', out]);
      expect(run.code, from).toBe(2);
      expect(run.out).toContain('OSMF Tile Usage Policy (https://operations.osmfoundation.org/policies/tiles/)');
      expect(run.out).toContain('forbids bulk downloading');
      expect(existsSync(`${out}.partial`)).toBe(false);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('prints the tile count and refuses more than the maximum until --max-tiles allows it', async () => {
    const before = server.requests();
    const run = await runPack([
      '--bbox',
      '13,52,14,53',
      '--zoom',
      '10-16',
      '--from',
      server.template,
      '--out',
      join(dir, 'big.pmtiles'),
    ]);
    expect(run.code).toBe(2);
    expect(run.out).toMatch(/^(\d+) tiles at zoom 10-16/);
    expect(run.out).toMatch(/is more than the maximum of 10000: .* pass --max-tiles \d+/);
    expect(server.requests()).toBe(before);
  });

  it('resumes after being killed part-way: the rerun fetches only the missing tiles', async () => {
    const out = join(dir, 'resumed.pmtiles');
    const args = ['--bbox', BBOX, '--zoom', '10-14', '--from', server.template, '--out', out, '--name', 'R'];
    const index = join(`${out}.partial`, 'index.txt');
    const lines = () => (existsSync(index) ? readFileSync(index, 'utf8').split('\n').filter(Boolean).length : 0);
    const before = server.requests();
    const killed = await runPack(args, (child) => {
      if (lines() >= 10) child.kill('SIGKILL');
    });
    // The partial index is only read after the kill: it holds what the rerun must not fetch again.
    expect(killed.code).toBeNull();
    const kept = lines();
    expect(kept).toBeGreaterThanOrEqual(10);
    expect(kept).toBeLessThan(EXPECTED.length);
    const firstRun = server.requests() - before;

    const rerun = await runPack(args);
    expect(rerun.code, rerun.out).toBe(0);
    expect(rerun.out).toContain(`Resuming: ${kept} of ${EXPECTED.length} tiles already fetched`);
    expect(server.requests() - before - firstRun).toBe(EXPECTED.length - kept);
    await expectPackMatchesServer(out);
    expect(existsSync(`${out}.partial`)).toBe(false);
  });

  it('refuses to reuse a partial folder made for another area, zoom range or source', async () => {
    const out = join(dir, 'mixed.pmtiles');
    const args = ['--bbox', BBOX, '--zoom', '10-14', '--from', server.template, '--out', out];
    const index = join(`${out}.partial`, 'index.txt');
    await runPack(args, (child) => {
      if (existsSync(index) && readFileSync(index, 'utf8').length > 0) child.kill('SIGKILL');
    });
    const before = server.requests();
    const run = await runPack(['--bbox', BBOX, '--zoom', '10-12', '--from', server.template, '--out', out]);
    expect(run.code).toBe(2);
    expect(run.out).toContain('holds tiles of another area, zoom range or source');
    expect(server.requests()).toBe(before);
  });
});

describe('npm run pack, politeness and checks', () => {
  /** A tile server that answers its first tile request with 429 Retry-After: 1, and HTML under /html/. */
  async function pickyServer() {
    const seen: { at: number; agent: string; status: number }[] = [];
    const server = createServer((req, res) => {
      const m = /^\/(html\/)?(\d+)\/(\d+)\/(\d+)\.png$/.exec(req.url ?? '');
      if (!m) return void res.writeHead(404).end();
      const status = seen.length === 0 ? 429 : 200;
      seen.push({ at: Date.now(), agent: req.headers['user-agent'] ?? '', status });
      if (status === 429) return void res.writeHead(429, { 'Retry-After': '1' }).end();
      if (m[1]) return void res.writeHead(200, { 'Content-Type': 'text/html' }).end('<h1>Blocked</h1>');
      // Answered late, so the 429 is surely seen before the other worker asks again.
      const png = expectedPng(Number(m[3]), Number(m[4]));
      setTimeout(() => res.writeHead(200, { 'Content-Type': 'image/png' }).end(png), 100);
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { origin, seen, stop: () => new Promise<void>((ok) => server.close(() => ok())) };
  }

  it('waits as long as Retry-After says after a 429, and names Vada in its User-Agent', async () => {
    const picky = await pickyServer();
    try {
      const out = join(dir, 'polite.pmtiles');
      const run = await runPack([
        '--bbox',
        BBOX,
        '--zoom',
        '10-12',
        '--from',
        `${picky.origin}/{z}/{x}/{y}.png`,
        '--out',
        out,
      ]);
      expect(run.code, run.out).toBe(0);
      expect(run.out).toContain('HTTP 429: waiting 1 s before the next request');
      // The first two requests leave together (2 at a time); every later one waits out the second.
      const [first, , ...later] = picky.seen;
      expect(first?.status).toBe(429);
      expect(later.length).toBeGreaterThan(0);
      expect(Math.min(...later.map((r) => r.at)) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
      expect(picky.seen.every((r) => /^Vada-pack\/\d+\.\d+\.\d+ \(Vada map pack builder/.test(r.agent))).toBe(true);
    } finally {
      await picky.stop();
    }
  });

  it('refuses a tile that is not an image, naming its URL, and keeps what was fetched', async () => {
    const picky = await pickyServer();
    try {
      const out = join(dir, 'html.pmtiles');
      const run = await runPack([
        '--bbox',
        BBOX,
        '--zoom',
        '10-12',
        '--from',
        `${picky.origin}/html/{z}/{x}/{y}.png`,
        '--out',
        out,
      ]);
      expect(run.code).toBe(1);
      expect(run.out).toMatch(
        new RegExp(`${picky.origin}/html/\\d+/\\d+/\\d+\\.png: not an image \\(Content-Type: text/html\\)`),
      );
      expect(run.out).toContain('run the same command again to continue');
      expect(existsSync(out)).toBe(false);
      expect(existsSync(`${out}.partial`)).toBe(true);
    } finally {
      await picky.stop();
    }
  });
});
