/**
 * The pmtiles library's directory cache with Vada's checks on every directory
 * it parses (root and leaves): non-empty, tile ids strictly ascending, every
 * number a safe integer, every tile entry inside the tile data and every leaf
 * entry inside the leaf section ('bad-directory'), with non-zero lengths within
 * the bounds ('too-large').
 * The cache inflates directories with the bounded decompressor, never the
 * library's unbounded default.
 */
import { SharedPromiseCache, type Cache, type DecompressFunc, type Entry, type Header, type Source } from 'pmtiles';
import { PackProblem } from '../domain/packProblem';
import type { CheckedHeader } from './checkHeader';
import { MAX_DIRECTORY_BYTES, MAX_TILE_BYTES } from './packLimits';

/** Directories (and headers) kept per open pack. */
const CACHED_DIRECTORIES = 64;

function checkEntries(entries: readonly Entry[], header: CheckedHeader): void {
  if (entries.length === 0) throw new PackProblem('bad-directory', 'empty directory');
  let last = -1;
  for (const e of entries) {
    const { tileId, offset, length, runLength } = e;
    if (![tileId, offset, length, runLength].every(Number.isSafeInteger) || tileId <= last || length <= 0)
      throw new PackProblem('bad-directory', `entry ${tileId}`);
    last = tileId;
    const [section, max] = runLength === 0 ? [header.leaves, MAX_DIRECTORY_BYTES] : [header.tiles, MAX_TILE_BYTES];
    if (length > max) throw new PackProblem('too-large', `entry ${tileId}: ${length} bytes`);
    if (offset + length > section.length)
      throw new PackProblem('bad-directory', `entry ${tileId} points outside its section`);
  }
}

/** A Cache for `new PMTiles(source, cache, decompress)` that checks each directory once. */
export function checkedDirectories(header: CheckedHeader, decompress: DecompressFunc): Cache {
  const inner = new SharedPromiseCache(CACHED_DIRECTORIES, false, decompress);
  const checked = new WeakSet<Entry[]>();
  return {
    getHeader: (source: Source) => inner.getHeader(source),
    async getDirectory(source: Source, offset: number, length: number, h: Header, signal?: AbortSignal) {
      const entries = await inner.getDirectory(source, offset, length, h, signal);
      if (!checked.has(entries)) {
        checkEntries(entries, header);
        checked.add(entries);
      }
      return entries;
    },
    invalidate: (source: Source) => inner.invalidate(source),
  };
}
