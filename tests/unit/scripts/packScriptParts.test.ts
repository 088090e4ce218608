/** The pure parts of `npm run pack`: its command line, the OpenStreetMap refusal, tile type checks, Retry-After, progress. */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bulkSourceRefusal } from '../../../scripts/pack/bulkSourcePolicy';
import { isOsmPublicTiles } from '../../../src/domain/tilePolicy';
import { DEFAULT_MAX_TILES, parsePackArgs } from '../../../scripts/pack/packArgs';
import { retryAfterMs } from '../../../scripts/pack/politeFetcher';
import { progressLine, throttledProgress } from '../../../scripts/pack/progressLine';
import { tileTypeOf } from '../../../scripts/pack/tileType';
import { fakeImage } from '../../fixtures/packs';

const BASE = [
  '--bbox',
  '13.3,52.4,13.5,52.6',
  '--zoom',
  '10-16',
  '--from',
  'https://t.example/{z}/{x}/{y}.png',
  '--out',
  'c.pmtiles',
];

describe('pack command line', () => {
  it('reads area, zooms, source, output and options', () => {
    expect(parsePackArgs([...BASE, '--name', 'City', '--attribution', '© X', '--max-tiles', '50000'])).toEqual({
      kind: 'run',
      args: {
        bounds: { west: 13.3, south: 52.4, east: 13.5, north: 52.6 },
        minZoom: 10,
        maxZoom: 16,
        from: 'https://t.example/{z}/{x}/{y}.png',
        out: resolve('c.pmtiles'),
        name: 'City',
        attribution: '© X',
        maxTiles: 50000,
      },
    });
    const one = parsePackArgs([...BASE.slice(0, 2), '--zoom=14', ...BASE.slice(4)]);
    expect(one.kind === 'run' && [one.args.minZoom, one.args.maxZoom, one.args.maxTiles]).toEqual([
      14,
      14,
      DEFAULT_MAX_TILES,
    ]);
  });

  it('says what is wrong, one line each', () => {
    const err = (argv: string[]) => {
      const r = parsePackArgs(argv);
      return r.kind === 'error' ? r.message : r.kind;
    };
    expect(err(BASE.slice(2))).toBe('--bbox is required');
    expect(err(['--bbox', '1,2,3', ...BASE.slice(2)])).toMatch(/four numbers/);
    expect(err(['--bbox', '14,52,13,53', ...BASE.slice(2)])).toMatch(/west < east/);
    expect(err(['--bbox', '13,89,14,90', ...BASE.slice(2)])).toMatch(/south < north/);
    expect(err([...BASE.slice(0, 2), '--zoom', '16-10', ...BASE.slice(4)])).toMatch(/--zoom must be/);
    expect(err([...BASE.slice(0, 2), '--zoom', '10-23', ...BASE.slice(4)])).toMatch(/--zoom must be/);
    expect(err([...BASE.slice(0, 4), '--from', 'https://t.example/{z}/{x}.png', '--out', 'c'])).toMatch(
      /must contain \{y\}/,
    );
    expect(err([...BASE.slice(0, 4), '--from', 'file:///{z}/{x}/{y}.png', '--out', 'c'])).toMatch(/http\(s\)/);
    expect(err([...BASE, '--max-tiles', '0'])).toMatch(/--max-tiles must be/);
    expect(err([...BASE, '--bogus'])).toBe('Unknown option: --bogus');
    expect(err(['--help'])).toBe('help');
  });
});

describe("OpenStreetMap's public tile servers", () => {
  it('are refused over http and https, with their subdomains, naming the policy and why', () => {
    for (const u of [
      'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
      'http://a.tile.openstreetmap.org/{z}/{x}/{y}.png',
      'https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png',
      'https://tile.osm.org/{z}/{x}/{y}.png',
      'http://c.tile.osm.org/{z}/{x}/{y}.png',
      'https://TILE.OSM.ORG./{z}/{x}/{y}.png',
    ])
      expect(isOsmPublicTiles(u), u).toBe(true);
    expect(bulkSourceRefusal('https://tile.osm.org/{z}/{x}/{y}.png')).toMatch(
      /OSMF Tile Usage Policy \(https:\/\/operations\.osmfoundation\.org\/policies\/tiles\/\) forbids bulk downloading/,
    );
  });

  it('are told apart from other hosts', () => {
    for (const u of [
      'https://tiles.example.org/{z}/{x}/{y}.png',
      'https://osm.org.example/{z}/{x}/{y}.png',
      'http://127.0.0.1:9/{z}/{x}/{y}.png',
    ])
      expect([u, bulkSourceRefusal(u)]).toEqual([u, undefined]);
  });
});

describe('tile type checks', () => {
  it('take PNG, JPEG and WebP whose bytes match the Content-Type', () => {
    expect(tileTypeOf('image/png', fakeImage('png', 'x'))).toEqual({ type: 'png' });
    expect(tileTypeOf('image/jpeg; q=1', fakeImage('jpeg', 'x'))).toEqual({ type: 'jpeg' });
    expect(tileTypeOf('IMAGE/WEBP', fakeImage('webp', 'x'))).toEqual({ type: 'webp' });
  });

  it('refuse anything else with a reason', () => {
    expect(tileTypeOf('text/html', new TextEncoder().encode('<html>'))).toEqual({
      problem: 'not an image (Content-Type: text/html)',
    });
    expect(tileTypeOf(null, fakeImage('png', 'x'))).toEqual({ problem: 'not an image (Content-Type: none)' });
    expect(tileTypeOf('image/svg+xml', new TextEncoder().encode('<svg/>'))).toEqual({
      problem: 'image/svg+xml is not PNG, JPEG or WebP',
    });
    expect(tileTypeOf('image/png', fakeImage('jpeg', 'x'))).toEqual({
      problem: 'labelled image/png but its bytes are not png',
    });
  });
});

describe('Retry-After and progress', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-06-01T12:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Mon, 01 Jun 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Mon, 01 Jun 2026 11:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs('soon', now)).toBeUndefined();
  });

  it('prints done/total, bytes, rate and time left, at most once a second', () => {
    expect(progressLine({ done: 120, total: 500, bytes: 2_340_000, fetched: 100, elapsedMs: 10_000 })).toBe(
      '120/500 tiles (24%), 2.3 MB, 10.0 tiles/s, ETA 38 s',
    );
    expect(progressLine({ done: 0, total: 7200, bytes: 0, fetched: 0, elapsedMs: 0 })).toMatch(/ETA unknown$/);
    expect(progressLine({ done: 10, total: 7210, bytes: 0, fetched: 10, elapsedMs: 10_000 })).toMatch(/ETA 2 h 0 min$/);
    let t = 0;
    const lines: string[] = [];
    const report = throttledProgress(
      (l) => lines.push(l),
      () => t,
    );
    const p = { done: 1, total: 2, bytes: 0, fetched: 1, elapsedMs: 1 };
    report(p);
    t = 500;
    report(p);
    t = 1000;
    report(p);
    t = 1100;
    report(p, true);
    expect(lines).toHaveLength(3);
  });
});
