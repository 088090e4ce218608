/** The pure parts of relay map-pack serving: Range header reading, URL slugs, the --tiles-pack flag, the banner lines. */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { byteRange } from '../../../relay/byteRange';
import { parseCliArgs } from '../../../relay/cliArgs';
import { packSlug, uniqueSlugs } from '../../../relay/packSlug';
import { packLines, startBanner } from '../../../relay/startBanner';

describe('byteRange', () => {
  it('reads one range of each form, clamping an end past the file', () => {
    expect(byteRange('bytes=0-16383', 100_000)).toEqual({ kind: 'part', start: 0, end: 16383 });
    expect(byteRange('bytes=10-', 100)).toEqual({ kind: 'part', start: 10, end: 99 });
    expect(byteRange('bytes=-30', 100)).toEqual({ kind: 'part', start: 70, end: 99 });
    expect(byteRange('bytes=-300', 100)).toEqual({ kind: 'part', start: 0, end: 99 });
    expect(byteRange('bytes=95-1000', 100)).toEqual({ kind: 'part', start: 95, end: 99 });
    expect(byteRange('BYTES = 5-5', 100)).toEqual({ kind: 'part', start: 5, end: 5 });
  });

  it('finds ranges that start past the end (or empty suffixes) unsatisfiable', () => {
    for (const h of ['bytes=100-', 'bytes=100-200', 'bytes=-0', 'bytes=99999999999999999999-'])
      expect(byteRange(h, 100), h).toEqual({ kind: 'unsatisfiable' });
  });

  it('ignores no header, other units, malformed and multiple ranges: the whole file', () => {
    for (const h of [
      undefined,
      'items=0-5',
      'bytes=',
      'bytes=-',
      'bytes=9-3',
      'bytes=0-1,5-6',
      'bytes=a-b',
      'bytes 0-5',
    ])
      expect(byteRange(h, 100), String(h)).toEqual({ kind: 'whole' });
  });
});

describe('pack URL slugs', () => {
  it('keep lower-case letters, digits and dashes of the file name only', () => {
    expect(packSlug('/srv/maps/Old Town.pmtiles')).toBe('old-town');
    expect(packSlug('Kyiv_центр 2026.PMTILES')).toBe('kyiv-2026');
    expect(packSlug('../../etc/passwd')).toBe('passwd');
    expect(packSlug('Ünïcödé.pmtiles')).toBe('unicode');
    expect(packSlug('###.pmtiles')).toBe('pack');
    expect(packSlug(`${'a'.repeat(100)}.pmtiles`)).toHaveLength(60);
  });

  it('are made unique in order', () => {
    expect(uniqueSlugs(['/a/city.pmtiles', '/b/City.pmtiles', '/c/city.pmtiles', 'x.pmtiles'])).toEqual([
      'city',
      'city-2',
      'city-3',
      'x',
    ]);
  });
});

describe('--tiles-pack', () => {
  const packsOf = (argv: string[], env: Record<string, string> = {}) => {
    const r = parseCliArgs(argv, env);
    if (r.kind !== 'run') throw new Error(JSON.stringify(r));
    return r.options.tilePacks;
  };

  it('is repeatable, resolved to absolute paths, and otherwise read from VADA_TILES_PACKS (comma-separated)', () => {
    expect(packsOf([])).toBeUndefined();
    expect(packsOf(['--tiles-pack', 'a.pmtiles', '--tiles-pack=/srv/b.pmtiles'])).toEqual([
      resolve('a.pmtiles'),
      '/srv/b.pmtiles',
    ]);
    expect(packsOf([], { VADA_TILES_PACKS: ' /x/a.pmtiles, /y/b.pmtiles ,' })).toEqual([
      '/x/a.pmtiles',
      '/y/b.pmtiles',
    ]);
    expect(packsOf(['--tiles-pack', '/f.pmtiles'], { VADA_TILES_PACKS: '/e.pmtiles' })).toEqual(['/f.pmtiles']);
  });

  it('needs a value', () => {
    expect(parseCliArgs(['--tiles-pack'], {})).toEqual({ kind: 'error', message: '--tiles-pack needs a value' });
    expect(parseCliArgs(['--tiles-pack='], {})).toEqual({ kind: 'error', message: '--tiles-pack needs a file name' });
  });
});

describe('the start banner lists the packs', () => {
  const pack = {
    file: '/srv/maps/city.pmtiles',
    url: '/packs/city.pmtiles',
    name: 'Old \u001b[31mTown\u202e',
    minZoom: 10,
    maxZoom: 16,
    tiles: 4321,
    bytes: 87_400_000,
  };

  it('one line each, names stripped of terminal controls, after the connection lines', () => {
    expect(packLines([pack])).toEqual([
      'Map packs served to phones (1):',
      '  /packs/city.pmtiles  "Old [31mTown", zoom 10-16, 4321 tiles, 87 MB (/srv/maps/city.pmtiles)',
    ]);
    expect(packLines([{ ...pack, name: '', bytes: 420_000 }])[1]).toBe(
      '  /packs/city.pmtiles  zoom 10-16, 4321 tiles, 0.4 MB (/srv/maps/city.pmtiles)',
    );
    expect(packLines([])).toEqual([]);
    const lines = startBanner({ host: '0.0.0.0', port: 8765, lan: [], now: new Date(), packs: [pack] });
    expect(lines[0]).toMatch(/^WARNING: phones cannot use Vada over plain http/);
    expect(lines.at(-2)).toBe('Map packs served to phones (1):');
    expect(startBanner({ host: '127.0.0.1', port: 8765, lan: [], now: new Date() })).toEqual([]);
  });
});
