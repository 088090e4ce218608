/**
 * A saved area exported as a map pack (src/platform/savedAreaPack.ts), from a
 * fake saved-tile cache, read back with the pmtiles library itself: the
 * header (type, zooms, bounds, clustered), the metadata (name, attribution),
 * every saved tile byte-identical, nothing that was not saved, and the tile
 * Blobs passed on as Blobs (never read whole).
 */
import { Compression, TileType } from 'pmtiles';
import { describe, expect, it, vi } from 'vitest';
import { isPackProblem } from '../../../src/domain/packProblem';
import { savedTileUrl, tilesInBounds, type Tile } from '../../../src/domain/tiles';
import { exportSavedArea } from '../../../src/platform/savedAreaPack';
import type { SavedAreaRow } from '../../../src/platform/savedAreaStore';
import { FakeCacheStorage } from '../../fixtures/fakeCacheStorage';
import { fakeImage, libraryReader } from '../../fixtures/packs';

const TEMPLATE = 'https://{s}.tiles.example.org/{z}/{x}/{y}.png';
const AREA: SavedAreaRow = {
  id: 'area-1',
  name: 'Kastryčnickaja',
  bounds: { south: 53.89, west: 27.54, north: 53.91, east: 27.58 },
  minZoom: 12,
  maxZoom: 15,
  tileCount: 0,
  doneCount: 0,
  bytes: 0,
  createdAt: 1,
  state: 'complete',
};
const image = (t: Tile) => fakeImage('png', `saved ${t.z}/${t.x}/${t.y}`);

async function cacheWith(tiles: readonly Tile[], body = image) {
  const storage = new FakeCacheStorage();
  const cache = await storage.open('vada-tiles-saved-v1');
  for (const t of tiles)
    await cache.put(
      savedTileUrl(TEMPLATE, t),
      new Response(body(t) as BlobPart, { headers: { 'content-type': 'image/png' } }),
    );
  return cache;
}

describe('exportSavedArea', () => {
  it('writes every saved tile of the area, and only those, readable by the pmtiles library', async () => {
    const all = [...tilesInBounds(AREA.bounds, AREA.minZoom, AREA.maxZoom)];
    // One tile of the area was never saved; one saved tile belongs to another area.
    const missing = all[3];
    const saved = all.filter((t) => t !== missing);
    const elsewhere = { z: 13, x: 100, y: 100 };
    const cache = await cacheWith([...saved, elsewhere]);
    const blob = await exportSavedArea(AREA, TEMPLATE, {
      attribution: '© OpenStreetMap contributors',
      openCache: async () => cache,
    });
    const reader = libraryReader(new Uint8Array(await blob.arrayBuffer()));
    const header = await reader.getHeader();
    expect(header).toMatchObject({
      specVersion: 3,
      tileType: TileType.Png,
      tileCompression: Compression.None,
      clustered: true,
      minZoom: AREA.minZoom,
      maxZoom: AREA.maxZoom,
      numAddressedTiles: saved.length,
    });
    expect(header.minLon).toBeCloseTo(AREA.bounds.west, 6);
    expect(header.maxLat).toBeCloseTo(AREA.bounds.north, 6);
    expect(await reader.getMetadata()).toMatchObject({ name: AREA.name, attribution: '© OpenStreetMap contributors' });
    for (const t of saved) {
      const got = await reader.getZxy(t.z, t.x, t.y);
      expect(new Uint8Array(got?.data ?? new ArrayBuffer(0)), `${t.z}/${t.x}/${t.y}`).toEqual(image(t));
    }
    if (missing) expect(await reader.getZxy(missing.z, missing.x, missing.y)).toBeUndefined();
    expect(await reader.getZxy(elsewhere.z, elsewhere.x, elsewhere.y)).toBeUndefined();
    expect(blob.type).toBe('application/vnd.pmtiles');
  });

  it('hands the cached tile Blobs to the writer as they are (no arrayBuffer of a whole tile)', async () => {
    const tiles = [...tilesInBounds(AREA.bounds, 14, 14)];
    const cache = await cacheWith(tiles);
    const whole = vi.spyOn(Blob.prototype, 'arrayBuffer');
    try {
      await exportSavedArea({ ...AREA, minZoom: 14, maxZoom: 14 }, TEMPLATE, { openCache: async () => cache });
      // Only the 12-byte signature slices are read, one per tile.
      const read = whole.mock.contexts.map((blob) => (blob as Blob).size);
      expect(read).toHaveLength(tiles.length);
      expect(Math.max(...read)).toBeLessThanOrEqual(12);
    } finally {
      whole.mockRestore();
    }
  });

  it('leaves out tiles that are not images of the pack type, and refuses an area with no saved tile', async () => {
    const tiles = [...tilesInBounds(AREA.bounds, 13, 13)];
    const [first, html, ...rest] = tiles;
    const cache = await cacheWith(tiles, (t) =>
      t === html ? new TextEncoder().encode('<html>') : t === rest[0] ? fakeImage('jpeg', 'j') : image(t),
    );
    const blob = await exportSavedArea({ ...AREA, minZoom: 13, maxZoom: 13 }, TEMPLATE, {
      openCache: async () => cache,
    });
    const reader = libraryReader(new Uint8Array(await blob.arrayBuffer()));
    expect((await reader.getHeader()).numAddressedTiles).toBe(tiles.length - 2);
    if (first) expect(await reader.getZxy(first.z, first.x, first.y)).toBeDefined();
    if (html) expect(await reader.getZxy(html.z, html.x, html.y)).toBeUndefined();

    const empty = await cacheWith([]);
    const refused = await exportSavedArea(AREA, TEMPLATE, { openCache: async () => empty }).catch((e: unknown) => e);
    expect(isPackProblem(refused) && refused.code).toBe('bad-tile');
  });
});
