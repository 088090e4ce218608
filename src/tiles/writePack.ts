/**
 * Vada's own PMTiles v3 writer (no JS writer library exists), per the
 * specification: header, root directory, JSON metadata, leaf directories when
 * the root would not fit in the first 16 KiB, then the tile data, clustered
 * (tiles and entries in Hilbert tile-id order). Used by the saved-area export
 * and `npm run pack`; tests read every written file back with the pmtiles
 * library.
 *
 * Internal compression is None (1), not gzip: writePack is synchronous and
 * runs in the browser, where gzip means the asynchronous CompressionStream
 * (or a bundled deflater); directories of raster packs are ≈ 6 bytes per tile
 * against 10–50 KB of image per tile (< 0.1 % of the file), so compressing
 * them saves nothing a person would notice, and leaf directories keep the
 * root within its 16 KiB budget either way.
 */
import { zxyToTileId } from 'pmtiles';
import { PackProblem } from '../domain/packProblem';
import { encodeDirectory, type DirEntry } from './packDirectory';
import { encodeHeader } from './packHeader';
import type { PackInfo, PackTileType } from './packInfo';
import { HEADER_BYTES, LEAF_ENTRIES, MAX_PACK_ZOOM, MAX_TILE_BYTES, ROOT_LIMIT } from './packLimits';

/** One tile to write; `data` is the image file as is (a Blob stays a Blob: never read). */
export interface PackTile {
  readonly z: number;
  readonly x: number;
  readonly y: number;
  readonly data: Blob | Uint8Array;
}

/** The pack's description; bounds and zooms are derived from the tiles when absent. */
export interface PackMeta {
  readonly name: string;
  readonly attribution: string;
  readonly tileType: PackTileType;
  readonly bounds?: PackInfo['bounds'];
}

/** PMTiles tile type and compression codes (specification, header bytes 97–99). */
const TILE_TYPE_CODE: Readonly<Record<PackTileType, number>> = { png: 2, jpeg: 3, webp: 4 };
const COMPRESSION_NONE = 1;
/** The metadata `format` names raster tools use (MBTiles convention: jpg). */
const FORMAT_NAME: Readonly<Record<PackTileType, string>> = { png: 'png', jpeg: 'jpg', webp: 'webp' };

const sizeOf = (d: Blob | Uint8Array) => (d instanceof Uint8Array ? d.length : d.size);

function sameBytes(a: Blob | Uint8Array, b: Blob | Uint8Array): boolean {
  if (!(a instanceof Uint8Array) || !(b instanceof Uint8Array) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const tileLon = (x: number, z: number) => (x / 2 ** z) * 360 - 180;
const tileLat = (y: number, z: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / 2 ** z))) * 180) / Math.PI;
const e7 = (deg: number) => Math.round(deg * 1e7);

interface Sorted {
  readonly id: number;
  readonly tile: PackTile;
}

function checkedTiles(tiles: readonly PackTile[]): Sorted[] {
  if (tiles.length === 0) throw new PackProblem('bad-tile', 'a pack needs at least one tile');
  const sorted = tiles.map((tile): Sorted => {
    const { z, x, y } = tile;
    const n = 2 ** z;
    if (!Number.isInteger(z) || z < 0 || z > MAX_PACK_ZOOM || !Number.isInteger(x) || !Number.isInteger(y))
      throw new PackProblem('bad-tile', `tile ${z}/${x}/${y}`);
    if (x < 0 || y < 0 || x >= n || y >= n) throw new PackProblem('bad-tile', `tile ${z}/${x}/${y}`);
    const size = sizeOf(tile.data);
    if (size === 0) throw new PackProblem('bad-tile', `tile ${z}/${x}/${y} is empty`);
    if (size > MAX_TILE_BYTES) throw new PackProblem('too-large', `tile ${z}/${x}/${y}: ${size} bytes`);
    return { id: zxyToTileId(z, x, y), tile };
  });
  sorted.sort((a, b) => a.id - b.id);
  for (let i = 1; i < sorted.length; i++)
    if (sorted[i]?.id === sorted[i - 1]?.id) throw new PackProblem('bad-tile', 'the same tile twice');
  return sorted;
}

/** Entries in tile-id order; identical consecutive tiles (byte arrays) share one entry through its run length. */
function entriesOf(sorted: readonly Sorted[]): { entries: DirEntry[]; data: (Blob | Uint8Array)[] } {
  const entries: DirEntry[] = [];
  const data: (Blob | Uint8Array)[] = [];
  let offset = 0;
  for (const { id, tile } of sorted) {
    const last = entries[entries.length - 1];
    const lastData = data[data.length - 1];
    if (last && lastData && last.tileId + last.runLength === id && sameBytes(lastData, tile.data)) {
      entries[entries.length - 1] = { ...last, runLength: last.runLength + 1 };
      continue;
    }
    const length = sizeOf(tile.data);
    entries.push({ tileId: id, offset, length, runLength: 1 });
    data.push(tile.data);
    offset += length;
  }
  return { entries, data };
}

/** The root directory, and the leaf directories when all entries do not fit in the root's budget. */
function directories(entries: readonly DirEntry[]): { root: Uint8Array; leaves: Uint8Array[] } {
  const whole = encodeDirectory(entries);
  if (HEADER_BYTES + whole.length <= ROOT_LIMIT) return { root: whole, leaves: [] };
  for (let perLeaf = LEAF_ENTRIES; ; perLeaf *= 2) {
    const leaves: Uint8Array[] = [];
    const rootEntries: DirEntry[] = [];
    let offset = 0;
    for (let i = 0; i < entries.length; i += perLeaf) {
      const chunk = entries.slice(i, i + perLeaf);
      const leaf = encodeDirectory(chunk);
      rootEntries.push({ tileId: chunk[0]?.tileId ?? 0, offset, length: leaf.length, runLength: 0 });
      leaves.push(leaf);
      offset += leaf.length;
    }
    const root = encodeDirectory(rootEntries);
    if (HEADER_BYTES + root.length <= ROOT_LIMIT) return { root, leaves };
  }
}

function boundsOf(sorted: readonly Sorted[]): PackInfo['bounds'] {
  let west = 180;
  let south = 90;
  let east = -180;
  let north = -90;
  for (const { tile } of sorted) {
    west = Math.min(west, tileLon(tile.x, tile.z));
    east = Math.max(east, tileLon(tile.x + 1, tile.z));
    north = Math.max(north, tileLat(tile.y, tile.z));
    south = Math.min(south, tileLat(tile.y + 1, tile.z));
  }
  return { west, south, east, north };
}

/**
 * Clustered (tile-id order) PMTiles v3: header, root dir (+ leaf dirs when
 * needed), JSON metadata, tile data. Returns the file as ordered parts (never
 * concatenated in memory: Blob parts stay blobs); `size` = total bytes.
 * Throws PackProblem('bad-tile') for no tiles, a tile twice, an empty tile or
 * z/x/y out of range, 'too-large' for a tile over MAX_TILE_BYTES.
 */
export function writePack(
  tiles: readonly PackTile[],
  meta: PackMeta,
): { readonly parts: readonly (Uint8Array | Blob)[]; readonly size: number } {
  const sorted = checkedTiles(tiles);
  const { entries, data } = entriesOf(sorted);
  const { root, leaves } = directories(entries);
  const zMin = sorted.reduce((z, s) => Math.min(z, s.tile.z), MAX_PACK_ZOOM);
  const zMax = sorted.reduce((z, s) => Math.max(z, s.tile.z), 0);
  const bounds = meta.bounds ?? boundsOf(sorted);
  const metadata = new TextEncoder().encode(
    JSON.stringify({
      name: meta.name,
      attribution: meta.attribution,
      format: FORMAT_NAME[meta.tileType],
      type: 'baselayer',
      // At the header's precision (10^-7 degrees), so both say the same.
      bounds: [bounds.west, bounds.south, bounds.east, bounds.north].map((d) => e7(d) / 1e7),
      minzoom: zMin,
      maxzoom: zMax,
    }),
  );
  const leafLength = leaves.reduce((n, l) => n + l.length, 0);
  const tileLength = data.reduce((n, d) => n + sizeOf(d), 0);
  const rootOffset = HEADER_BYTES;
  const metadataOffset = rootOffset + root.length;
  const leafOffset = metadataOffset + metadata.length;
  const tileOffset = leafOffset + leafLength;
  const header = encodeHeader({
    version: 3,
    rootOffset,
    rootLength: root.length,
    metadataOffset,
    metadataLength: metadata.length,
    leafOffset,
    leafLength,
    tileOffset,
    tileLength,
    addressedTiles: sorted.length,
    tileEntries: entries.length,
    tileContents: data.length,
    clustered: 1,
    internalCompression: COMPRESSION_NONE,
    tileCompression: COMPRESSION_NONE,
    tileType: TILE_TYPE_CODE[meta.tileType],
    minZoom: zMin,
    maxZoom: zMax,
    minLonE7: e7(bounds.west),
    minLatE7: e7(bounds.south),
    maxLonE7: e7(bounds.east),
    maxLatE7: e7(bounds.north),
    centerZoom: zMin,
    centerLonE7: e7((bounds.west + bounds.east) / 2),
    centerLatE7: e7((bounds.south + bounds.north) / 2),
  });
  return { parts: [header, root, metadata, ...leaves, ...data], size: tileOffset + tileLength };
}
