/**
 * Vada's own checks of a pack's raw 127-byte header, run before the pmtiles
 * library parses anything: the library trusts offsets and lengths, so a
 * hostile file could make it read past the file, allocate huge buffers or
 * treat vector tiles as images. Each failure is a PackProblem naming the
 * field; what passes has every section inside the file, clear of the header
 * and of each other, within Vada's bounds (packLimits.ts).
 */
import { Compression, TileType } from 'pmtiles';
import { PackProblem } from '../domain/packProblem';
import { decodeHeader, hasMagic, type RawHeader } from './packHeader';
import type { PackTileType } from './packInfo';
import { HEADER_BYTES, MAX_LEAF_SECTION_BYTES, MAX_METADATA_BYTES, MAX_PACK_ZOOM, ROOT_LIMIT } from './packLimits';

/** One section of the file: [start, start + length). */
export interface Section {
  readonly start: number;
  readonly length: number;
}

/** A header that passed every check. */
export interface CheckedHeader {
  readonly raw: RawHeader;
  readonly tileType: PackTileType;
  readonly root: Section;
  readonly metadata: Section;
  readonly leaves: Section;
  readonly tiles: Section;
}

const RASTER: ReadonlyMap<number, PackTileType> = new Map([
  [TileType.Png, 'png'],
  [TileType.Jpeg, 'jpeg'],
  [TileType.Webp, 'webp'],
]);

/** Directories and metadata: none or gzip (the codecs a browser has); brotli/zstd/unknown are refused. */
const INTERNAL_COMPRESSIONS = new Set<number>([Compression.None, Compression.Gzip]);
/** Raster tiles are already compressed images: stored as is (None, or Unknown as older raster writers mark it). */
const TILE_COMPRESSIONS = new Set<number>([Compression.None, Compression.Unknown]);

/** The version of a PMTiles v1/v2 file ("PM" + little-endian uint16), or undefined. */
function oldVersion(bytes: Uint8Array): number | undefined {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4d) return undefined;
  const v = (bytes[2] ?? 0) | ((bytes[3] ?? 0) << 8);
  return v === 1 || v === 2 ? v : undefined;
}

function section(name: string, start: number, length: number, size: number): Section {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(length) || start > size)
    throw new PackProblem('bad-header', `${name} at ${start}+${length}`);
  if (start + length > size) throw new PackProblem('truncated', `${name} ends at ${start + length}, file ${size}`);
  if (length > 0 && start < HEADER_BYTES) throw new PackProblem('bad-header', `${name} overlaps the header`);
  return { start, length };
}

const overlap = (a: Section, b: Section) =>
  a.length > 0 && b.length > 0 && a.start < b.start + b.length && b.start < a.start + a.length;

function checkBounds(h: RawHeader): void {
  const [w, s, e, n] = [h.minLonE7, h.minLatE7, h.maxLonE7, h.maxLatE7].map((v) => v / 1e7) as [
    number,
    number,
    number,
    number,
  ];
  const lonOk = (x: number) => x >= -180 && x <= 180;
  const latOk = (y: number) => y >= -90 && y <= 90;
  if (!lonOk(w) || !lonOk(e) || !latOk(s) || !latOk(n) || w > e || s > n)
    throw new PackProblem('bad-header', `bounds ${w},${s},${e},${n}`);
}

/**
 * Checks the file's first bytes (at least the header; `size` = file size).
 * Refuses: 'not-pmtiles' (magic), 'unsupported-version' (not v3), 'truncated'
 * (shorter than the header or a section), 'not-raster' (tile type not
 * PNG/JPEG/WebP), 'too-large' (metadata or leaf directories past the bounds),
 * 'bad-header' (anything else out of range).
 */
export function checkHeader(bytes: Uint8Array, size: number): CheckedHeader {
  const old = oldVersion(bytes);
  if (old !== undefined) throw new PackProblem('unsupported-version', `PMTiles v${old}`);
  if (bytes.length < 7 || !hasMagic(bytes)) throw new PackProblem('not-pmtiles');
  if (bytes.length < HEADER_BYTES || size < HEADER_BYTES) throw new PackProblem('truncated', 'shorter than the header');
  const raw = decodeHeader(bytes);
  if (raw.version !== 3) throw new PackProblem('unsupported-version', `PMTiles v${raw.version}`);
  const tileType = RASTER.get(raw.tileType);
  if (!tileType) throw new PackProblem('not-raster', `tile type ${raw.tileType}`);

  const root = section('root directory', raw.rootOffset, raw.rootLength, size);
  const metadata = section('metadata', raw.metadataOffset, raw.metadataLength, size);
  const leaves = section('leaf directories', raw.leafOffset, raw.leafLength, size);
  const tiles = section('tile data', raw.tileOffset, raw.tileLength, size);
  if (root.length === 0 || root.start + root.length > ROOT_LIMIT)
    throw new PackProblem('bad-header', 'the root directory is not within the first 16 KiB');
  if (tiles.length === 0) throw new PackProblem('bad-header', 'no tile data');
  const all = [root, metadata, leaves, tiles];
  for (let i = 0; i < all.length; i++)
    for (let j = i + 1; j < all.length; j++)
      if (overlap(all[i] as Section, all[j] as Section)) throw new PackProblem('bad-header', 'sections overlap');
  if (metadata.length > MAX_METADATA_BYTES) throw new PackProblem('too-large', `metadata ${metadata.length} bytes`);
  if (leaves.length > MAX_LEAF_SECTION_BYTES) throw new PackProblem('too-large', `leaf dirs ${leaves.length} bytes`);

  if (raw.clustered > 1) throw new PackProblem('bad-header', `clustered ${raw.clustered}`);
  if (!INTERNAL_COMPRESSIONS.has(raw.internalCompression))
    throw new PackProblem('bad-header', `internal compression ${raw.internalCompression}`);
  if (!TILE_COMPRESSIONS.has(raw.tileCompression))
    throw new PackProblem('bad-header', `tile compression ${raw.tileCompression}`);
  if (raw.minZoom > raw.maxZoom || raw.maxZoom > MAX_PACK_ZOOM)
    throw new PackProblem('bad-header', `zooms ${raw.minZoom}-${raw.maxZoom}`);
  checkBounds(raw);
  for (const n of [raw.addressedTiles, raw.tileEntries, raw.tileContents])
    if (!Number.isSafeInteger(n)) throw new PackProblem('bad-header', 'tile counts');
  return { raw, tileType, root, metadata, leaves, tiles };
}
