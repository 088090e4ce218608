/** Tile math: known tile numbers, edges, counts, the deterministic order and the estimate. */
import { describe, expect, it } from 'vitest';
import {
  BYTES_PER_TILE_ESTIMATE,
  countTiles,
  estimateBytes,
  latToTileY,
  lonToTileX,
  savedTileUrl,
  tilesInBounds,
} from '../../../src/domain/tiles';

// The inverse mapping, as the test's independent oracle (the app never needs it).
/** Longitude of a tile column's west edge. */
const tileXToLon = (x: number, z: number) => (x / 2 ** z) * 360 - 180;
/** Latitude of a tile row's north edge. */
const tileYToLat = (y: number, z: number) =>
  (180 / Math.PI) * Math.atan(Math.sinh(Math.PI - (2 * Math.PI * y) / 2 ** z));

describe('lat/lon to tile', () => {
  it('matches known OSM tile numbers', () => {
    // London 10/511/340 and Berlin 12/2200/1343 on tile.openstreetmap.org.
    expect([lonToTileX(-0.1278, 10), latToTileY(51.5074, 10)]).toEqual([511, 340]);
    expect([lonToTileX(13.405, 12), latToTileY(52.52, 12)]).toEqual([2200, 1343]);
    expect([lonToTileX(0.0001, 1), latToTileY(-0.0001, 1)]).toEqual([1, 1]);
  });

  it('clamps poles and the antimeridian into the tile grid', () => {
    expect(latToTileY(90, 5)).toBe(0);
    expect(latToTileY(-90, 5)).toBe(31);
    expect(lonToTileX(180, 5)).toBe(31);
    expect(lonToTileX(-180, 5)).toBe(0);
  });

  it('puts the point inside the tile it names', () => {
    for (const [lat, lon, z] of [
      [48.8566, 2.3522, 14],
      [-33.86, 151.21, 9],
      [40.7, -74, 17],
    ] as const) {
      const x = lonToTileX(lon, z);
      const y = latToTileY(lat, z);
      expect(tileXToLon(x, z)).toBeLessThanOrEqual(lon);
      expect(tileXToLon(x + 1, z)).toBeGreaterThan(lon);
      expect(tileYToLat(y, z)).toBeGreaterThanOrEqual(lat);
      expect(tileYToLat(y + 1, z)).toBeLessThan(lat);
    }
  });
});

describe('covering tiles', () => {
  const b = { south: 52.5, west: 13.38, north: 52.53, east: 13.42 };

  it('counts what it lists, in a stable order with no duplicates', () => {
    const list = [...tilesInBounds(b, 10, 15)];
    expect(list.length).toBe(countTiles(b, 10, 15));
    expect(new Set(list.map((t) => `${t.z}/${t.x}/${t.y}`)).size).toBe(list.length);
    expect([...tilesInBounds(b, 10, 15)]).toEqual(list);
    expect(list.map((t) => t.z)).toEqual([...list.map((t) => t.z)].sort((p, q) => p - q));
  });

  it('covers the whole world with 4^z tiles at zoom z', () => {
    const world = { south: -90, west: -180, north: 90, east: 180 };
    expect(countTiles(world, 0, 0)).toBe(1);
    expect(countTiles(world, 3, 3)).toBe(64);
    expect(countTiles(world, 0, 2)).toBe(1 + 4 + 16);
  });

  it('roughly quadruples per zoom level', () => {
    const big = { south: 52.3, west: 13.0, north: 52.7, east: 13.8 };
    const r = countTiles(big, 14, 14) / countTiles(big, 13, 13);
    expect(r).toBeGreaterThan(3);
    expect(r).toBeLessThan(5);
  });
});

describe('estimate and URL', () => {
  it('estimates bytes from the documented per-tile figure', () => {
    expect(estimateBytes(250)).toBe(250 * BYTES_PER_TILE_ESTIMATE);
    expect(BYTES_PER_TILE_ESTIMATE).toBeGreaterThanOrEqual(15_000);
    expect(BYTES_PER_TILE_ESTIMATE).toBeLessThanOrEqual(25_000);
  });

  it('gives one canonical saved-tile URL: subdomain a, no retina suffix', () => {
    expect(savedTileUrl('https://{s}.t.example/{z}/{x}/{y}{r}.png', { z: 3, x: 4, y: 5 })).toBe(
      'https://a.t.example/3/4/5.png',
    );
  });
});
