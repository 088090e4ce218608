/**
 * Vada's PMTiles v3 writer, read back with the pmtiles library itself (not
 * Vada's reader): header fields, metadata, every tile byte-identical through
 * getZxy, directory entries in clustered tile-id order, leaf directories once
 * the root would pass 16 KiB, Blob parts never read.
 */
import { performance } from 'node:perf_hooks';
import { Compression, PMTiles, SharedPromiseCache, TileType, tileIdToZxy, zxyToTileId, type Entry } from 'pmtiles';
import { describe, expect, it } from 'vitest';
import { isPackProblem } from '../../../src/domain/packProblem';
import { openPack } from '../../../src/tiles/openPack';
import { decodeHeader } from '../../../src/tiles/packHeader';
import { writePack, type PackTile } from '../../../src/tiles/writePack';
import { fakeImage, joinParts, memorySource, packSource, tileGrid } from '../../fixtures/packs';

/** All directory entries the library parses (root, then leaves), in file order. */
async function allEntries(bytes: Uint8Array): Promise<{ root: Entry[]; tiles: Entry[] }> {
  const source = memorySource(bytes);
  const cache = new SharedPromiseCache();
  const header = await cache.getHeader(source);
  const root = await cache.getDirectory(source, header.rootDirectoryOffset, header.rootDirectoryLength, header);
  const tiles: Entry[] = [];
  for (const e of root) {
    if (e.runLength > 0) tiles.push(e);
    else tiles.push(...(await cache.getDirectory(source, header.leafDirectoryOffset + e.offset, e.length, header)));
  }
  return { root, tiles };
}

/** Reads every tile back with the library and compares it with what was written. */
async function expectEveryTile(bytes: Uint8Array, tiles: readonly PackTile[]): Promise<void> {
  const pm = new PMTiles(memorySource(bytes));
  for (const t of tiles) {
    const got = await pm.getZxy(t.z, t.x, t.y);
    const want = t.data instanceof Uint8Array ? t.data : new Uint8Array(await t.data.arrayBuffer());
    expect(got && new Uint8Array(got.data), `${t.z}/${t.x}/${t.y}`).toEqual(want);
  }
}

function expectClustered(entries: readonly Entry[]): void {
  for (let i = 1; i < entries.length; i++) {
    const [a, b] = [entries[i - 1] as Entry, entries[i] as Entry];
    expect(b.tileId, 'tile ids ascend').toBeGreaterThan(a.tileId);
    expect(b.offset, 'data follows in tile-id order').toBe(a.offset + a.length);
  }
}

const META = { name: 'Minsk centre', attribution: '© OpenStreetMap contributors', tileType: 'png' } as const;

describe('writePack: a small pack read back with the pmtiles library', () => {
  // Written out of order on purpose: the writer sorts by Hilbert tile id.
  const tiles = tileGrid('png', 0, 3).reverse();

  it('has the header the specification asks for', async () => {
    const { parts, size } = writePack(tiles, META);
    const bytes = await joinParts(parts);
    expect(bytes.length).toBe(size);
    const h = await new PMTiles(memorySource(bytes)).getHeader();
    expect(h).toMatchObject({
      specVersion: 3,
      rootDirectoryOffset: 127,
      leafDirectoryLength: 0,
      clustered: true,
      internalCompression: Compression.None,
      tileCompression: Compression.None,
      tileType: TileType.Png,
      minZoom: 0,
      maxZoom: 3,
      numAddressedTiles: tiles.length,
      numTileEntries: tiles.length,
      numTileContents: tiles.length,
      centerZoom: 0,
    });
    // Derived from the tiles: the whole Web Mercator world.
    expect([h.minLon, h.minLat, h.maxLon, h.maxLat]).toEqual([-180, -85.0511288, 180, 85.0511288]);
    expect([h.centerLon, h.centerLat]).toEqual([0, 0]);
    expect(h.rootDirectoryOffset + h.rootDirectoryLength).toBe(h.jsonMetadataOffset);
    expect(h.tileDataOffset + (h.tileDataLength ?? 0)).toBe(size);
  });

  it('has the JSON metadata and every tile byte-identical', async () => {
    const bytes = await joinParts(writePack(tiles, META).parts);
    const pm = new PMTiles(memorySource(bytes));
    expect(await pm.getMetadata()).toEqual({
      name: 'Minsk centre',
      attribution: '© OpenStreetMap contributors',
      format: 'png',
      type: 'baselayer',
      bounds: [-180, -85.0511288, 180, 85.0511288],
      minzoom: 0,
      maxzoom: 3,
    });
    await expectEveryTile(bytes, tiles);
    expect(await pm.getZxy(4, 0, 0)).toBeUndefined();
  });

  it('is clustered: entries and tile data in tile-id order', async () => {
    const bytes = await joinParts(writePack(tiles, META).parts);
    const { root, tiles: entries } = await allEntries(bytes);
    expect(root).toEqual(entries);
    expect(entries.map((e) => e.tileId)).toEqual(tiles.map((t) => zxyToTileId(t.z, t.x, t.y)).sort((a, b) => a - b));
    expectClustered(entries);
    // The first tile's data starts the tile section.
    const [z, x, y] = tileIdToZxy(entries[0]?.tileId ?? -1);
    const h = decodeHeader(bytes);
    expect(bytes.subarray(h.tileOffset, h.tileOffset + (entries[0]?.length ?? 0))).toEqual(
      fakeImage('png', `${z}/${x}/${y}`),
    );
  });

  it('keeps Blob tiles as Blob parts, never reading them, and takes given bounds', async () => {
    const blobs: PackTile[] = tileGrid('jpeg', 5, 6, 17, 10, 1).map((t) => ({
      ...t,
      data: new Blob([t.data as BlobPart]),
    }));
    const bounds = { west: 27.4, south: 53.8, east: 27.7, north: 54 };
    const { parts, size } = writePack(blobs, { name: 'J', attribution: '', tileType: 'jpeg', bounds });
    for (const t of blobs) expect(parts).toContain(t.data);
    const bytes = await joinParts(parts);
    expect(bytes.length).toBe(size);
    const h = await new PMTiles(memorySource(bytes)).getHeader();
    expect(h).toMatchObject({ tileType: TileType.Jpeg, minZoom: 5, maxZoom: 6, minLon: 27.4, maxLat: 54 });
    expect([h.centerLon, h.centerLat]).toEqual([27.55, 53.9]);
    await expectEveryTile(bytes, blobs);
  });

  it('lets identical neighbouring tiles share one entry through its run length', async () => {
    const sea = fakeImage('webp', 'sea');
    // Tile ids 5..20 are zoom 2; Hilbert neighbours get the same bytes, one different in the middle.
    const ids = Array.from({ length: 16 }, (_, i) => 5 + i);
    const tiles = ids.map((id) => {
      const [z, x, y] = tileIdToZxy(id);
      return { z, x, y, data: id === 12 ? fakeImage('webp', 'land') : sea };
    });
    const { parts } = writePack(tiles, { ...META, tileType: 'webp' });
    const bytes = await joinParts(parts);
    const h = await new PMTiles(memorySource(bytes)).getHeader();
    expect([h.numAddressedTiles, h.numTileEntries, h.numTileContents]).toEqual([16, 3, 3]);
    const { tiles: entries } = await allEntries(bytes);
    expect(entries.map((e) => [e.tileId, e.runLength])).toEqual([
      [5, 7],
      [12, 1],
      [13, 8],
    ]);
    await expectEveryTile(bytes, tiles);
  });

  it('refuses tiles it cannot write, with a PackProblem', () => {
    const one = (t: Partial<PackTile>) => () =>
      writePack([{ z: 1, x: 0, y: 0, data: fakeImage('png', 'a'), ...t }], META);
    const codeOf = (f: () => unknown) => {
      try {
        f();
        return 'written';
      } catch (e) {
        return isPackProblem(e) ? e.code : String(e);
      }
    };
    expect(codeOf(() => writePack([], META))).toBe('bad-tile');
    expect(codeOf(one({ x: 2 }))).toBe('bad-tile');
    expect(codeOf(one({ z: 23, x: 0 }))).toBe('bad-tile');
    expect(codeOf(one({ y: 0.5 }))).toBe('bad-tile');
    expect(codeOf(one({ data: new Uint8Array(0) }))).toBe('bad-tile');
    expect(codeOf(one({ data: new Uint8Array(3 * 1024 * 1024) }))).toBe('too-large');
    const t = { z: 1, x: 1, y: 1, data: fakeImage('png', 'a') };
    expect(codeOf(() => writePack([t, { ...t }], META))).toBe('bad-tile');
    expect(codeOf(one({}))).toBe('written');
  });
});

describe('writePack: a pack that needs leaf directories', () => {
  // 30,000+ tiny tiles: zooms 0..7 over the world (21,845) plus zoom 8 over a quarter (16,384).
  const tiles = [...tileGrid('png', 0, 7), ...tileGrid('png', 8, 8, 0, 0, 128)];

  it('splits the directory so header + root stay within 16 KiB, and every tile reads back', async () => {
    expect(tiles.length).toBeGreaterThanOrEqual(30_000);
    const t0 = performance.now();
    const { parts, size } = writePack(tiles, META);
    const ms = performance.now() - t0;
    const bytes = await joinParts(parts);
    console.info(
      `writePack: ${tiles.length} tiles in ${ms.toFixed(0)} ms (${Math.round(tiles.length / (ms / 1000))} tiles/s), ` +
        `${size} bytes`,
    );
    const h = await new PMTiles(memorySource(bytes)).getHeader();
    expect(h.rootDirectoryOffset + h.rootDirectoryLength).toBeLessThanOrEqual(16_384);
    expect(h.leafDirectoryLength).toBeGreaterThan(0);
    expect([h.numAddressedTiles, h.numTileEntries, h.numTileContents]).toEqual([
      tiles.length,
      tiles.length,
      tiles.length,
    ]);
    expect([h.minZoom, h.maxZoom]).toEqual([0, 8]);
    const { root, tiles: entries } = await allEntries(bytes);
    expect(root.length).toBeGreaterThan(1);
    expect(root.every((e) => e.runLength === 0)).toBe(true);
    expect(entries.length).toBe(tiles.length);
    expectClustered(entries);
    await expectEveryTile(bytes, tiles);
    // Vada's own reader opens it too and finds tiles in the leaves.
    const pack = await openPack(packSource(bytes));
    expect(pack.info.tiles).toBe(tiles.length);
    expect(await pack.tile(8, 127, 127)).toEqual(fakeImage('png', '8/127/127'));
    expect(await pack.tile(8, 128, 0)).toBeUndefined();
  });
});
