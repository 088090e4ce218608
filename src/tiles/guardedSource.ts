/**
 * The pmtiles library's `Source` over a ByteSource, allowing only the reads a
 * well-formed pack needs: the first 16 KiB (header + root directory), the
 * metadata, one leaf directory at a time within the leaf section, one tile at
 * a time within the tile data. A directory entry pointing elsewhere, past the
 * file or at a huge length is refused before any byte is read, so a hostile
 * pack can never make Vada read outside the file or allocate without bound.
 */
import type { RangeResponse, Source } from 'pmtiles';
import { PackProblem } from '../domain/packProblem';
import type { ByteSource } from './byteSource';
import type { CheckedHeader, Section } from './checkHeader';
import { MAX_DIRECTORY_BYTES, MAX_METADATA_BYTES, MAX_TILE_BYTES, ROOT_LIMIT } from './packLimits';

const within = (s: Section, offset: number, length: number) =>
  offset >= s.start && offset + length <= s.start + s.length;

/** A Source for `new PMTiles(…)` reading `bytes` within the sections of `header`. */
export function guardedSource(bytes: ByteSource, header: CheckedHeader): Source {
  const prefix = Math.min(ROOT_LIMIT, bytes.size);
  const allowed = (offset: number, length: number): boolean => {
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || length <= 0) return false;
    if (offset === 0) return length === prefix;
    if (within(header.metadata, offset, length)) return length <= MAX_METADATA_BYTES;
    if (within(header.leaves, offset, length)) return length <= MAX_DIRECTORY_BYTES;
    if (within(header.tiles, offset, length)) return length <= MAX_TILE_BYTES;
    return false;
  };
  return {
    getKey: () => bytes.key,
    async getBytes(offset: number, length: number, signal?: AbortSignal): Promise<RangeResponse> {
      // The library reads the header and root as the first 16 KiB; a smaller pack has fewer.
      const len = offset === 0 ? Math.min(length, prefix) : length;
      if (!allowed(offset, len)) throw new PackProblem('bad-directory', `read ${offset}+${length} outside its section`);
      const data = await bytes.read(offset, len, signal);
      const whole = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength;
      return { data: whole ? (data.buffer as ArrayBuffer) : data.slice().buffer };
    },
  };
}
