/**
 * A `ByteSource` (src/tiles) over a file on the relay's disk, read with
 * `FileHandle.read` at explicit positions: openPack checks a pack's header,
 * directories and metadata through it at start without ever loading the
 * file whole, and without a blocking fs call. Keeps the ByteSource contract:
 * exactly the bytes asked for, or a PackProblem.
 */
import type { FileHandle } from 'node:fs/promises';
import { PackProblem } from '../src/domain/packProblem';
import type { ByteSource } from '../src/tiles/byteSource';

/** Reads of the open file `handle` of `size` bytes; `key` names the file for caches and messages. */
export function fileByteSource(handle: FileHandle, size: number, key: string): ByteSource {
  return {
    key,
    size,
    async read(offset, length, signal) {
      if (signal?.aborted) throw new PackProblem('cancelled');
      if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0)
        throw new PackProblem('bad-directory', `read ${offset}+${length}`);
      if (offset + length > size) throw new PackProblem('truncated', `read ${offset}+${length} past ${size}`);
      const buffer = new Uint8Array(length);
      let filled = 0;
      try {
        while (filled < length) {
          const { bytesRead } = await handle.read(buffer, filled, length - filled, offset + filled);
          if (bytesRead === 0) break; // the file shrank since it was opened
          filled += bytesRead;
        }
      } catch (e) {
        throw new PackProblem('read-failed', e instanceof Error ? e.message : String(e));
      }
      if (signal?.aborted) throw new PackProblem('cancelled');
      if (filled < length) throw new PackProblem('truncated', `read ${filled} of ${length}`);
      return buffer;
    },
  };
}
