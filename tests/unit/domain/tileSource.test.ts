/**
 * Where a tile comes from (src/domain/tileSource.ts): the order of the steps
 * (device packs before relay packs, deeper before shallower, smaller before
 * larger, then saved, browsed only while a trail is kept, network) and which
 * packs cover a tile (zoom range, boxes that overlap, not just touch).
 */
import { describe, expect, it } from 'vitest';
import { packCovers, tileBounds, tileSteps, type PackCoverage, type TileStep } from '../../../src/domain/tileSource';
import { latToTileY, lonToTileX } from '../../../src/domain/tiles';

// Minsk city centre, and a box around it.
const MINSK = { lat: 53.9, lon: 27.56 };
const CITY = { west: 27.4, south: 53.8, east: 27.7, north: 54.0 };
const at = (z: number) => ({ z, x: lonToTileX(MINSK.lon, z), y: latToTileY(MINSK.lat, z) });

function pack(id: string, over: Partial<PackCoverage> = {}): PackCoverage {
  return { id, minZoom: 0, maxZoom: 14, bounds: CITY, where: 'device', ...over };
}

const kinds = (steps: TileStep[]) => steps.map((s) => (s.kind === 'pack' ? `pack:${s.pack.id}` : s.kind));

describe('tileSteps order', () => {
  it('with no packs: saved, browsed, network; with a PIN set (no trail): saved, network', () => {
    expect(kinds(tileSteps(at(12), [], { keepsTrail: true }))).toEqual(['saved', 'browsed', 'network']);
    expect(kinds(tileSteps(at(12), [], { keepsTrail: false }))).toEqual(['saved', 'network']);
  });

  it('puts device packs before relay packs, whatever their depth or size', () => {
    const relayDeep = pack('relay-deep', { where: 'relay', maxZoom: 18 });
    const device = pack('device', { maxZoom: 13 });
    expect(kinds(tileSteps(at(12), [relayDeep, device], { keepsTrail: true }))).toEqual([
      'pack:device',
      'pack:relay-deep',
      'saved',
      'browsed',
      'network',
    ]);
  });

  it('among packs of one place, the deeper maxZoom first, then the smaller area', () => {
    const country = pack('country', { maxZoom: 12, bounds: { west: 23, south: 51, east: 33, north: 56 } });
    const cityShallow = pack('city-shallow', { maxZoom: 12 });
    const cityDeep = pack('city-deep', { maxZoom: 16 });
    const district = pack('district', {
      maxZoom: 12,
      bounds: { west: 27.5, south: 53.85, east: 27.6, north: 53.95 },
    });
    const steps = tileSteps(at(12), [country, cityShallow, cityDeep, district], { keepsTrail: false });
    expect(kinds(steps)).toEqual([
      'pack:city-deep',
      'pack:district',
      'pack:city-shallow',
      'pack:country',
      'saved',
      'network',
    ]);
    // The same for relay packs, after every device pack.
    const relay = [country, cityDeep].map((p) => ({ ...p, id: `r-${p.id}`, where: 'relay' as const }));
    expect(kinds(tileSteps(at(12), [...relay, district], { keepsTrail: true }))).toEqual([
      'pack:district',
      'pack:r-city-deep',
      'pack:r-country',
      'saved',
      'browsed',
      'network',
    ]);
  });

  it('gives the pack itself in its step, and the same order whatever order the packs come in', () => {
    const packs = [pack('a', { maxZoom: 15 }), pack('b', { where: 'relay' }), pack('c', { maxZoom: 16 })];
    const forward = tileSteps(at(14), packs, { keepsTrail: true });
    const backward = tileSteps(at(14), [...packs].reverse(), { keepsTrail: true });
    expect(kinds(forward)).toEqual(kinds(backward));
    expect(forward[0]).toEqual({ kind: 'pack', pack: packs[2] });
  });
});

describe('which packs cover a tile', () => {
  it('only zooms from minZoom to maxZoom inclusive', () => {
    const p = pack('p', { minZoom: 10, maxZoom: 14 });
    expect([9, 10, 14, 15].map((z) => packCovers(p, at(z)))).toEqual([false, true, true, false]);
    expect(kinds(tileSteps(at(15), [p], { keepsTrail: true }))).toEqual(['saved', 'browsed', 'network']);
  });

  it('a tile elsewhere in the world is not covered', () => {
    const paris = { z: 12, x: lonToTileX(2.35, 12), y: latToTileY(48.85, 12) };
    expect(packCovers(pack('p'), paris)).toBe(false);
  });

  it('a tile overlapping the edge is covered; a tile only touching it, or just beyond, is not', () => {
    const z = 12;
    // A pack whose bounds are exactly the box of tiles x0..x1, y0..y1 at zoom 12.
    const x0 = lonToTileX(CITY.west, z);
    const y0 = latToTileY(CITY.north, z);
    const x1 = x0 + 3;
    const y1 = y0 + 2;
    const nw = tileBounds({ z, x: x0, y: y0 });
    const se = tileBounds({ z, x: x1, y: y1 });
    const exact = pack('exact', { bounds: { west: nw.west, north: nw.north, east: se.east, south: se.south } });
    // Inside, at each corner.
    for (const [x, y] of [
      [x0, y0],
      [x1, y0],
      [x0, y1],
      [x1, y1],
    ] as const)
      expect(packCovers(exact, { z, x, y }), `${x},${y}`).toBe(true);
    // Neighbours sharing only an edge with the pack.
    for (const [x, y] of [
      [x0 - 1, y0],
      [x1 + 1, y1],
      [x0, y0 - 1],
      [x1, y1 + 1],
    ] as const)
      expect(packCovers(exact, { z, x, y }), `${x},${y}`).toBe(false);
    // A pack ending a hair inside a tile covers it (it may hold that tile).
    const hair = pack('hair', { bounds: { ...exact.bounds, east: se.east + 1e-9 } });
    expect(packCovers(hair, { z, x: x1 + 1, y: y1 })).toBe(true);
  });

  it('the whole world at zoom 0 covers every tile of its zooms', () => {
    const world = pack('world', { maxZoom: 3, bounds: { west: -180, south: -85.0511, east: 180, north: 85.0511 } });
    for (let z = 0; z <= 3; z++)
      for (let x = 0; x < 2 ** z; x++)
        for (let y = 0; y < 2 ** z; y++) expect(packCovers(world, { z, x, y }), `${z}/${x}/${y}`).toBe(true);
  });
});

describe('tileBounds', () => {
  it('matches the tile math the saved areas use (the box holds the tile and its neighbours hold the rest)', () => {
    const t = at(13);
    const b = tileBounds(t);
    expect(lonToTileX((b.west + b.east) / 2, 13)).toBe(t.x);
    expect(latToTileY((b.north + b.south) / 2, 13)).toBe(t.y);
    expect(tileBounds({ z: 13, x: t.x + 1, y: t.y }).west).toBeCloseTo(b.east, 12);
    expect(tileBounds({ z: 13, x: t.x, y: t.y + 1 }).north).toBeCloseTo(b.south, 12);
    expect(tileBounds({ z: 0, x: 0, y: 0 })).toEqual({
      west: -180,
      east: 180,
      north: expect.closeTo(85.0511, 4),
      south: expect.closeTo(-85.0511, 4),
    });
  });
});
