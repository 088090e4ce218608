/**
 * The one rule for "where does this map tile come from", shared by the
 * service worker (which answers the tile layer's requests) and the map
 * (which draws pack tiles itself): first every map pack that covers the tile
 * (packs on this phone before packs the relay serves, then the deepest, then
 * the smallest, i.e. the most detailed), then the saved-area cache, then the
 * browsed-tile cache (only while a trail of browsed tiles is kept: never with
 * an app PIN), then the network. The caller tries the steps in order and
 * takes the first that has the tile, so a pack with holes falls through.
 * Pure: bounds and zooms come from the packs' validated headers.
 */
import type { Bounds, Tile } from './tiles';

/** What the rule needs to know about one map pack: where it lives and what it covers. */
export interface PackCoverage {
  readonly id: string;
  readonly minZoom: number;
  readonly maxZoom: number;
  readonly bounds: Bounds;
  /** 'device': imported into this phone's storage; 'relay': served by the relay this app came from. */
  readonly where: 'device' | 'relay';
}

/** One place to look for a tile, in the order tileSteps gives. */
export type TileStep =
  | { readonly kind: 'pack'; readonly pack: PackCoverage }
  | { readonly kind: 'saved' }
  | { readonly kind: 'browsed' }
  | { readonly kind: 'network' };

/** The longitude/latitude box of a tile (Web Mercator, OSM numbering: row 0 at the north). */
export function tileBounds(tile: Tile): Bounds {
  const n = 2 ** tile.z;
  const lon = (x: number) => (x / n) * 360 - 180;
  const lat = (y: number) => (180 / Math.PI) * Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n)));
  return { west: lon(tile.x), east: lon(tile.x + 1), north: lat(tile.y), south: lat(tile.y + 1) };
}

/**
 * True when the pack may hold the tile: its zoom is within the pack's range
 * and the two boxes overlap with some area (a tile that only touches the
 * pack's edge is not covered: it would be drawn from the pack's margin only).
 */
export function packCovers(pack: PackCoverage, tile: Tile): boolean {
  if (tile.z < pack.minZoom || tile.z > pack.maxZoom) return false;
  const t = tileBounds(tile);
  const b = pack.bounds;
  return t.west < b.east && t.east > b.west && t.south < b.north && t.north > b.south;
}

const area = (b: Bounds) => Math.max(0, b.east - b.west) * Math.max(0, b.north - b.south);

/** Device packs first, then the deeper maxZoom, then the smaller area; the id breaks remaining ties. */
function byPreference(a: PackCoverage, b: PackCoverage): number {
  if (a.where !== b.where) return a.where === 'device' ? -1 : 1;
  if (a.maxZoom !== b.maxZoom) return b.maxZoom - a.maxZoom;
  const byArea = area(a.bounds) - area(b.bounds);
  if (byArea !== 0) return byArea;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Ordered steps to try for `tile`: covering packs (device before relay, then
 * deeper maxZoom, then smaller area), then the saved-area cache, the browsed
 * cache (only when `keepsTrail`: no app PIN), the network.
 */
export function tileSteps(tile: Tile, packs: readonly PackCoverage[], opts: { keepsTrail: boolean }): TileStep[] {
  const steps: TileStep[] = packs
    .filter((p) => packCovers(p, tile))
    .sort(byPreference)
    .map((pack) => ({ kind: 'pack', pack }));
  steps.push({ kind: 'saved' });
  if (opts.keepsTrail) steps.push({ kind: 'browsed' });
  steps.push({ kind: 'network' });
  return steps;
}
