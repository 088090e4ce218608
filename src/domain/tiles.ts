/**
 * Slippy-map tile math (Web Mercator, OSM numbering) for saving an area
 * offline: which tiles cover some bounds at each zoom, how many, roughly how
 * many bytes, and the hard cap per area. The tile order is deterministic so a
 * resumed download walks the same list and can skip what is already saved.
 */

/** Web Mercator is undefined at the poles; tiles stop at ±85.0511°. */
export const MAX_LAT = 85.0511287798;
/** Hard cap on tiles in one saved area: polite to the tile host and to the phone's storage. */
export const MAX_TILES_PER_AREA = 5000;
/**
 * Assumed average size of one 256 px raster tile. OSM-style tiles weigh
 * ~5 KB (sea, fields) to ~50 KB (dense cities); 20 KB is a middle figure, so
 * estimates are rough ("about"), and the real size is summed while saving.
 */
export const BYTES_PER_TILE_ESTIMATE = 20_000;

export interface Bounds {
  readonly south: number;
  readonly west: number;
  readonly north: number;
  readonly east: number;
}

export interface Tile {
  readonly z: number;
  readonly x: number;
  readonly y: number;
}

const clampLat = (lat: number) => Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
const clampIndex = (i: number, z: number) => Math.max(0, Math.min(2 ** z - 1, i));

/** Tile column holding longitude `lon` at zoom `z`. */
export function lonToTileX(lon: number, z: number): number {
  return clampIndex(Math.floor(((lon + 180) / 360) * 2 ** z), z);
}

/** Tile row holding latitude `lat` at zoom `z` (row 0 is the north edge). */
export function latToTileY(lat: number, z: number): number {
  const r = (clampLat(lat) * Math.PI) / 180;
  return clampIndex(Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z), z);
}

interface Range {
  readonly z: number;
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

function ranges(b: Bounds, minZoom: number, maxZoom: number): Range[] {
  const out: Range[] = [];
  for (let z = minZoom; z <= maxZoom; z++) {
    out.push({
      z,
      x0: lonToTileX(b.west, z),
      x1: lonToTileX(b.east, z),
      y0: latToTileY(b.north, z),
      y1: latToTileY(b.south, z),
    });
  }
  return out;
}

/** Number of tiles covering `b` from `minZoom` to `maxZoom` inclusive (no list is built). */
export function countTiles(b: Bounds, minZoom: number, maxZoom: number): number {
  return ranges(b, minZoom, maxZoom).reduce((n, r) => n + (r.x1 - r.x0 + 1) * (r.y1 - r.y0 + 1), 0);
}

/** The covering tiles, zoom by zoom, row by row, west to east: always the same order. */
export function* tilesInBounds(b: Bounds, minZoom: number, maxZoom: number): Generator<Tile> {
  for (const r of ranges(b, minZoom, maxZoom)) {
    for (let y = r.y0; y <= r.y1; y++) for (let x = r.x0; x <= r.x1; x++) yield { z: r.z, x, y };
  }
}

/** Rough download size in bytes for `count` tiles (see BYTES_PER_TILE_ESTIMATE). */
export function estimateBytes(count: number): number {
  return count * BYTES_PER_TILE_ESTIMATE;
}

/**
 * The canonical saved-tile URL (the saved-cache key) for tile `t` of a Leaflet
 * template: `{s}` is always subdomain `a` and `{r}` is dropped, so a tile has
 * one key whichever subdomain or pixel ratio the map asks for. The page stores
 * and deletes under this key, and the worker looks saved tiles up by it.
 */
export function savedTileUrl(template: string, t: Tile): string {
  return template
    .replace(/\{s\}/g, 'a')
    .replace(/\{z\}/g, String(t.z))
    .replace(/\{x\}/g, String(t.x))
    .replace(/\{y\}/g, String(t.y))
    .replace(/\{r\}/g, '');
}

/** The bounds a `widthPx` × `heightPx` map shows around a centre at `zoom` (256 px tiles). */
export function viewBounds(lat: number, lon: number, zoom: number, widthPx: number, heightPx: number): Bounds {
  const scale = 256 * 2 ** zoom;
  const cx = ((lon + 180) / 360) * scale;
  const r = (clampLat(lat) * Math.PI) / 180;
  const cy = ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * scale;
  const toLon = (px: number) => Math.max(-180, Math.min(180, (px / scale) * 360 - 180));
  const toLat = (py: number) => clampLat((180 / Math.PI) * Math.atan(Math.sinh(Math.PI - (2 * Math.PI * py) / scale)));
  return {
    south: toLat(cy + heightPx / 2),
    west: toLon(cx - widthPx / 2),
    north: toLat(cy - heightPx / 2),
    east: toLon(cx + widthPx / 2),
  };
}
