/**
 * Opens a map pack (PMTiles v3 file) for reading tiles. A pack is untrusted
 * input from a file, another phone or a relay: its raw header is checked by
 * Vada's own code first (checkHeader), then the pmtiles library parses the
 * directories and metadata, but only through a Source confined to the
 * header's sections, a cache that checks every directory and a decompressor
 * with an output cap. Tiles come back only when their bytes are the declared
 * image type. Every failure is a PackProblem.
 */
import { Compression, PMTiles, type DecompressFunc } from 'pmtiles';
import { isPackProblem, PackProblem, type PackProblemCode } from '../domain/packProblem';
import { boundedDecompress } from './boundedDecompress';
import type { ByteSource } from './byteSource';
import { checkedDirectories } from './checkedDirectories';
import { checkHeader, type CheckedHeader } from './checkHeader';
import { guardedSource } from './guardedSource';
import { isImageOfType } from './imageMagic';
import { PACK_MIME, type PackInfo } from './packInfo';
import { MAX_DIRECTORY_BYTES, MAX_METADATA_BYTES, MAX_PACK_ZOOM, MAX_TILE_BYTES, ROOT_LIMIT } from './packLimits';
import { plainText } from './plainText';

/** A pack that passed the checks. */
export interface OpenPack {
  readonly info: PackInfo;
  /**
   * The image bytes of tile z/x/y, checked to be the header's image type
   * (magic bytes), or undefined (not in the pack, or not that image type).
   * Rejects PackProblem ('bad-directory' for a hostile directory, 'cancelled'
   * when `signal` aborts, 'read-failed'/'truncated' when the file fails).
   */
  tile(z: number, x: number, y: number, signal?: AbortSignal): Promise<Uint8Array | undefined>;
}

/** Plain-text bounds of metadata fields. */
const NAME_CHARS = 80;
const ATTRIBUTION_CHARS = 300;

/** `e` as a PackProblem: PackProblems as they are, an abort as 'cancelled', anything else as `code`. */
function asProblem(e: unknown, code: PackProblemCode, signal?: AbortSignal): PackProblem {
  if (isPackProblem(e)) return e;
  if (signal?.aborted) return new PackProblem('cancelled');
  return new PackProblem(code, e instanceof Error ? e.message : String(e));
}

const validTile = (z: number, x: number, y: number) =>
  [z, x, y].every(Number.isInteger) && z >= 0 && z <= MAX_PACK_ZOOM && x >= 0 && y >= 0 && x < 2 ** z && y < 2 ** z;

async function readMetadata(pm: PMTiles, header: CheckedHeader): Promise<{ name: string; attribution: string }> {
  if (header.metadata.length === 0) return { name: '', attribution: '' };
  let meta: unknown;
  try {
    meta = await pm.getMetadata();
  } catch (e) {
    throw asProblem(e, 'bad-metadata');
  }
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta))
    throw new PackProblem('bad-metadata', 'not a JSON object');
  const { name, attribution } = meta as { name?: unknown; attribution?: unknown };
  return { name: plainText(name, NAME_CHARS), attribution: plainText(attribution, ATTRIBUTION_CHARS) };
}

/** Checks `source` as a raster PMTiles v3 pack and opens it; rejects with PackProblem. */
export async function openPack(source: ByteSource): Promise<OpenPack> {
  if (source.size < 7) throw new PackProblem('not-pmtiles', 'empty or tiny file');
  let first: Uint8Array;
  try {
    first = await source.read(0, Math.min(ROOT_LIMIT, source.size));
  } catch (e) {
    throw asProblem(e, 'read-failed');
  }
  const header = checkHeader(first, source.size);

  const directoryInflate = boundedDecompress(MAX_DIRECTORY_BYTES);
  const metadataInflate = boundedDecompress(MAX_METADATA_BYTES);
  const tileBytes = boundedDecompress(MAX_TILE_BYTES);
  // Tiles are stored as is (checkHeader), so only the metadata can be gzip here.
  const decompress: DecompressFunc = (buf, c) => (c === Compression.Gzip ? metadataInflate(buf, c) : tileBytes(buf, c));
  const cache = checkedDirectories(header, directoryInflate);
  const pm = new PMTiles(guardedSource(source, header), cache, decompress);
  try {
    const parsed = await pm.getHeader();
    // Parse and check the root directory now: a broken root refuses the pack, not its first tile.
    await cache.getDirectory(pm.source, header.root.start, header.root.length, parsed);
  } catch (e) {
    throw asProblem(e, 'bad-directory');
  }
  const { name, attribution } = await readMetadata(pm, header);
  const { raw, tileType } = header;
  const info: PackInfo = {
    name,
    attribution,
    tileType,
    mime: PACK_MIME[tileType],
    minZoom: raw.minZoom,
    maxZoom: raw.maxZoom,
    bounds: {
      west: raw.minLonE7 / 1e7,
      south: raw.minLatE7 / 1e7,
      east: raw.maxLonE7 / 1e7,
      north: raw.maxLatE7 / 1e7,
    },
    tiles: raw.addressedTiles,
    bytes: source.size,
  };
  return {
    info,
    async tile(z, x, y, signal) {
      if (!validTile(z, x, y) || z < info.minZoom || z > info.maxZoom) return undefined;
      if (signal?.aborted) throw new PackProblem('cancelled');
      let res;
      try {
        res = await pm.getZxy(z, x, y, signal);
      } catch (e) {
        throw asProblem(e, 'bad-directory', signal);
      }
      if (!res) return undefined;
      const bytes = new Uint8Array(res.data);
      return isImageOfType(bytes, tileType) ? bytes : undefined;
    },
  };
}
