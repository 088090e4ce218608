/**
 * openPack on good and hostile packs: the facts of a good pack (metadata as
 * plain text), tiles only when they are the declared image, and a typed
 * PackProblem for every malformed header field, a cut-off file, hostile
 * directories (gzip bomb, entries outside their section), bad metadata and
 * vector packs.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isPackProblem, type PackProblemCode } from '../../../src/domain/packProblem';
import { openPack } from '../../../src/tiles/openPack';
import { decodeHeader, type RawHeader } from '../../../src/tiles/packHeader';
import { writePack } from '../../../src/tiles/writePack';
import {
  encodeDirectory,
  fakeImage,
  gzipPack,
  joinParts,
  packSource,
  tileGrid,
  withHeader,
} from '../../fixtures/packs';

/** The code openPack rejects with, or 'opened'; any other exception fails the test. */
async function outcome(bytes: Uint8Array): Promise<PackProblemCode | 'opened'> {
  try {
    await openPack(packSource(bytes));
    return 'opened';
  } catch (e) {
    if (!isPackProblem(e)) throw e;
    return e.code;
  }
}

async function tileOutcome(p: Promise<unknown>): Promise<PackProblemCode | 'read'> {
  try {
    await p;
    return 'read';
  } catch (e) {
    if (!isPackProblem(e)) throw e;
    return e.code;
  }
}

const TILES = tileGrid('png', 0, 2);
const META = {
  name: '<b>Minsk</b> &amp; around\u202e',
  attribution: '<a href="https://www.openstreetmap.org/copyright">&copy; OpenStreetMap</a>&#32;contributors',
  tileType: 'png' as const,
};
const GOOD = await joinParts(writePack(TILES, META).parts);
const H = decodeHeader(GOOD);
const edit = (change: Partial<RawHeader>) => withHeader(GOOD, H, change);

describe('openPack: a good pack', () => {
  it('reads the facts, with metadata as plain text', async () => {
    const pack = await openPack(packSource(GOOD));
    expect(pack.info).toEqual({
      name: 'Minsk & around',
      attribution: '© OpenStreetMap contributors',
      tileType: 'png',
      mime: 'image/png',
      minZoom: 0,
      maxZoom: 2,
      bounds: { west: -180, south: -85.0511288, east: 180, north: 85.0511288 },
      tiles: TILES.length,
      bytes: GOOD.length,
    });
  });

  it('bounds the metadata text', async () => {
    const long = await joinParts(
      writePack(TILES, { ...META, name: 'Ж'.repeat(200), attribution: 'a '.repeat(400) }).parts,
    );
    const { info } = await openPack(packSource(long));
    expect(Array.from(info.name)).toHaveLength(80);
    expect(info.attribution.length).toBeLessThanOrEqual(300);
    const unnamed = await joinParts(writePack(TILES, { ...META, name: '<img src=x onerror=alert(1)>' }).parts);
    expect((await openPack(packSource(unnamed))).info.name).toBe('');
  });

  it('returns tiles, and nothing for tiles it does not hold or coordinates out of range', async () => {
    const pack = await openPack(packSource(GOOD));
    for (const t of TILES) expect(await pack.tile(t.z, t.x, t.y)).toEqual(t.data);
    expect(await pack.tile(3, 0, 0)).toBeUndefined();
    expect(await pack.tile(1, 2, 0)).toBeUndefined();
    expect(await pack.tile(-1, 0, 0)).toBeUndefined();
    expect(await pack.tile(1.5, 0, 0)).toBeUndefined();
    expect(await pack.tile(40, 0, 0)).toBeUndefined();
  });

  it('returns a tile only when its bytes are the declared image type', async () => {
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const tiles = [
      { z: 1, x: 0, y: 0, data: fakeImage('png', 'ok') },
      { z: 1, x: 1, y: 0, data: svg },
      { z: 1, x: 0, y: 1, data: fakeImage('jpeg', 'a jpeg in a png pack') },
    ];
    const pack = await openPack(packSource(await joinParts(writePack(tiles, META).parts)));
    expect(await pack.tile(1, 0, 0)).toEqual(fakeImage('png', 'ok'));
    expect(await pack.tile(1, 1, 0)).toBeUndefined();
    expect(await pack.tile(1, 0, 1)).toBeUndefined();
    for (const type of ['jpeg', 'webp'] as const) {
      const typed = await joinParts(
        writePack([{ z: 0, x: 0, y: 0, data: fakeImage(type, 'x') }], { ...META, tileType: type }).parts,
      );
      const p = await openPack(packSource(typed));
      expect(p.info.mime).toBe(`image/${type}`);
      expect(await p.tile(0, 0, 0)).toEqual(fakeImage(type, 'x'));
    }
  });

  it('reads a pack with gzip directories and metadata, as other writers make them', async () => {
    const data = fakeImage('png', 'gz');
    const bytes = gzipPack({
      root: encodeDirectory([{ tileId: 1, offset: 0, length: data.length, runLength: 4 }]),
      metadata: { name: 'GZ', attribution: 'A' },
      data,
    });
    const pack = await openPack(packSource(bytes));
    expect(pack.info.name).toBe('GZ');
    for (const [x, y] of [
      [0, 0],
      [1, 1],
    ] as const)
      expect(await pack.tile(1, x, y)).toEqual(data);
  });

  it('stops a tile read on abort with "cancelled"', async () => {
    const pack = await openPack(packSource(GOOD));
    const ac = new AbortController();
    ac.abort();
    expect(await tileOutcome(pack.tile(1, 0, 0, ac.signal))).toBe('cancelled');
  });
});

describe('openPack: refusals', () => {
  it('refuses what is not a PMTiles v3 file', async () => {
    expect(await outcome(new Uint8Array(0))).toBe('not-pmtiles');
    expect(await outcome(new TextEncoder().encode('<html>not a map</html>'.padEnd(200)))).toBe('not-pmtiles');
    const wrongMagic = GOOD.slice();
    wrongMagic[6] = 0x5a;
    expect(await outcome(wrongMagic)).toBe('not-pmtiles');
    const v2 = GOOD.slice();
    v2.set([0x50, 0x4d, 2, 0], 0);
    expect(await outcome(v2)).toBe('unsupported-version');
    expect(await outcome(edit({ version: 2 }))).toBe('unsupported-version');
    expect(await outcome(edit({ version: 4 }))).toBe('unsupported-version');
  });

  it('refuses a truncated file', async () => {
    expect(await outcome(GOOD.subarray(0, 100))).toBe('truncated');
    expect(await outcome(GOOD.subarray(0, GOOD.length - 1))).toBe('truncated');
    expect(await outcome(GOOD.subarray(0, H.rootOffset + 2))).toBe('truncated');
    expect(await outcome(edit({ metadataLength: GOOD.length }))).toBe('truncated');
  });

  it('refuses vector and other non-raster packs', async () => {
    for (const tileType of [0, 1, 5, 6, 200])
      expect(await outcome(edit({ tileType })), `type ${tileType}`).toBe('not-raster');
  });

  it('refuses each malformed section of the header', async () => {
    const cases: [string, Partial<RawHeader>][] = [
      ['root over the header', { rootOffset: 0 }],
      ['empty root', { rootLength: 0 }],
      ['root past 16 KiB', { rootOffset: 20_000, rootLength: 10 }],
      ['metadata offset past the end', { metadataOffset: GOOD.length + 10 }],
      ['offset beyond 2^53', { tileOffset: 2 ** 60 }],
      ['metadata over the tile data', { metadataOffset: H.tileOffset }],
      ['leaves over the root', { leafOffset: H.rootOffset, leafLength: 4 }],
      ['no tile data', { tileLength: 0 }],
    ];
    for (const [what, change] of cases) expect(await outcome(edit(change)), what).toBe('bad-header');
  });

  it('refuses unknown flags, compressions, zooms, bounds and counts', async () => {
    const cases: [string, Partial<RawHeader>][] = [
      ['clustered 2', { clustered: 2 }],
      ['internal unknown', { internalCompression: 0 }],
      ['internal brotli', { internalCompression: 3 }],
      ['internal zstd', { internalCompression: 4 }],
      ['internal 9', { internalCompression: 9 }],
      ['tile gzip', { tileCompression: 2 }],
      ['tile 7', { tileCompression: 7 }],
      ['min > max zoom', { minZoom: 3, maxZoom: 2 }],
      ['max zoom 23', { maxZoom: 23 }],
      ['west < -180', { minLonE7: -1_810_000_000 }],
      ['north > 90', { maxLatE7: 910_000_000 }],
      ['west > east', { minLonE7: 100_000_000, maxLonE7: 50_000_000 }],
      ['south > north', { minLatE7: 60_000_000, maxLatE7: 50_000_000 }],
      ['addressed tiles beyond 2^53', { addressedTiles: 2 ** 60 }],
    ];
    for (const [what, change] of cases) expect(await outcome(edit(change)), what).toBe('bad-header');
    expect(await outcome(edit({ internalCompression: 2 })), 'gzip flag on plain bytes').toBe('bad-directory');
  });

  it('refuses metadata and leaf sections past their bounds', async () => {
    const big = new Uint8Array(GOOD.length + 300 * 1024).fill(0x20);
    big.set(GOOD, 0);
    expect(await outcome(withHeader(big, H, { metadataOffset: GOOD.length, metadataLength: 300 * 1024 }))).toBe(
      'too-large',
    );
    const huge = new Uint8Array(GOOD.length + 33 * 1024 * 1024);
    huge.set(GOOD, 0);
    expect(await outcome(withHeader(huge, H, { leafOffset: GOOD.length, leafLength: 33 * 1024 * 1024 }))).toBe(
      'too-large',
    );
  });

  it('refuses bad metadata', async () => {
    const notJson = GOOD.slice();
    notJson[H.metadataOffset] = 0x7b + 1;
    expect(await outcome(notJson)).toBe('bad-metadata');
    const data = fakeImage('png', 'x');
    const root = encodeDirectory([{ tileId: 0, offset: 0, length: data.length, runLength: 1 }]);
    expect(await outcome(gzipPack({ root, metadata: ['an', 'array'], data }))).toBe('bad-metadata');
    expect(await outcome(gzipPack({ root, metadata: null, data }))).toBe('bad-metadata');
    // A metadata gzip bomb: 8 MB of spaces in ≈ 8 KB.
    const bomb = gzipPack({ root, metadata: { name: ' '.repeat(8 * 1024 * 1024) }, data });
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(await outcome(bomb)).toBe('too-large');
  });

  it('refuses a gzip bomb in the root directory without inflating it', async () => {
    const data = fakeImage('png', 'x');
    const bomb = gzipPack({ root: new Uint8Array(12 * 1024 * 1024), metadata: {}, data, gzipRoot: true });
    expect(bomb.length).toBeLessThan(16_384);
    const t0 = performance.now();
    expect(await outcome(bomb)).toBe('too-large');
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('refuses a gzip bomb in a leaf directory when a tile needs it', async () => {
    const data = fakeImage('png', 'x');
    const leaves = gzipSync(new Uint8Array(64 * 1024 * 1024));
    expect(leaves.length).toBeLessThan(1024 * 1024);
    const root = encodeDirectory([{ tileId: 0, offset: 0, length: leaves.length, runLength: 0 }]);
    const pack = await openPack(packSource(gzipPack({ root, metadata: {}, leaves, data })));
    expect(await tileOutcome(pack.tile(0, 0, 0))).toBe('too-large');
  });

  it('refuses directories that point outside their sections or are garbage', async () => {
    const data = fakeImage('png', 'x');
    const dir = (tileId: number, offset: number, length: number, runLength: number) =>
      encodeDirectory([{ tileId, offset, length, runLength }]);
    const cases: [string, Uint8Array][] = [
      ['tile past the tile data', dir(0, 0, data.length + 1, 1)],
      ['tile at a far offset', dir(0, 2 ** 40, data.length, 1)],
      ['leaf past the leaf section', dir(0, 0, 50, 0)],
      ['empty directory', Uint8Array.of(0)],
      ['garbage', Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)],
      [
        'ids not ascending',
        encodeDirectory([
          { tileId: 3, offset: 0, length: 1, runLength: 1 },
          { tileId: 3, offset: 1, length: 1, runLength: 1 },
        ]),
      ],
    ];
    for (const [what, root] of cases)
      expect(await outcome(gzipPack({ root, metadata: {}, data })), what).toBe('bad-directory');
    // A tile entry longer than any tile may be.
    const huge = new Uint8Array(3 * 1024 * 1024);
    huge.set(data, 0);
    expect(await outcome(gzipPack({ root: dir(0, 0, huge.length, 1), metadata: {}, data: huge }))).toBe('too-large');
    // A leaf entry that points past the tile data: found when the tile is read.
    const leaf = gzipSync(dir(0, 0, 999, 1));
    const root = dir(0, 0, leaf.length, 0);
    const pack = await openPack(packSource(gzipPack({ root, metadata: {}, leaves: leaf, data })));
    expect(await tileOutcome(pack.tile(0, 0, 0))).toBe('bad-directory');
  });
});
