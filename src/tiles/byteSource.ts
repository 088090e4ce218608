/**
 * Random access to a pack's bytes, whatever holds them: a File or OPFS file
 * (read with Blob.slice, so a 200 MB pack is never in memory at once) or a
 * relay URL (HTTP Range requests). openPack and the service worker read packs
 * only through this, so every short or failed read becomes a PackProblem
 * ('truncated', 'read-failed', 'cancelled') instead of a library error.
 */
import { PackProblem } from '../domain/packProblem';

/** Bytes of one pack file, read by range. */
export interface ByteSource {
  /** Identifies the file (for caches); unique per source unless given. */
  readonly key: string;
  /** File size in bytes. */
  readonly size: number;
  /** Exactly `length` bytes from `offset`; rejects PackProblem ('truncated' when the file is shorter). */
  read(offset: number, length: number, signal?: AbortSignal): Promise<Uint8Array>;
}

let counter = 0;
const nextKey = (prefix: string) => `${prefix}#${++counter}`;

function checkRange(size: number, offset: number, length: number): void {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0)
    throw new PackProblem('bad-directory', `read ${offset}+${length}`);
  if (offset + length > size) throw new PackProblem('truncated', `read ${offset}+${length} past ${size}`);
}

function checkSignal(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new PackProblem('cancelled');
}

/** A File, OPFS file or other Blob; each read slices only the range asked for. */
export function blobByteSource(blob: Blob, key?: string): ByteSource {
  const size = blob.size;
  return {
    key: key ?? nextKey('blob'),
    size,
    async read(offset, length, signal) {
      checkSignal(signal);
      checkRange(size, offset, length);
      let buf: ArrayBuffer;
      try {
        buf = await blob.slice(offset, offset + length).arrayBuffer();
      } catch (e) {
        // A File changed or removed under us reads as NotReadableError.
        throw new PackProblem('read-failed', e instanceof Error ? e.message : String(e));
      }
      checkSignal(signal);
      if (buf.byteLength !== length) throw new PackProblem('truncated', `read ${buf.byteLength} of ${length}`);
      return new Uint8Array(buf);
    },
  };
}

/**
 * A pack served over HTTP (a relay's `/packs/…`): single Range requests; with
 * `etag`, `If-Match` asks the server to refuse (412) when the file changed and
 * a different ETag in the answer is refused too (a cache may ignore If-Match),
 * so ranges of two different files are never mixed.
 */
export function urlByteSource(url: string, size: number, etag?: string): ByteSource {
  return {
    key: etag ? `${url}|${etag}` : url,
    size,
    async read(offset, length, signal) {
      checkSignal(signal);
      checkRange(size, offset, length);
      if (length === 0) return new Uint8Array(0);
      const headers: Record<string, string> = { Range: `bytes=${offset}-${offset + length - 1}` };
      if (etag) headers['If-Match'] = etag;
      let res: Response;
      try {
        res = await fetch(url, { headers, signal: signal ?? null });
      } catch (e) {
        if (signal?.aborted) throw new PackProblem('cancelled');
        throw new PackProblem('read-failed', e instanceof Error ? e.message : String(e));
      }
      const whole = res.status === 200 && offset === 0 && length === size;
      if (res.status === 416) throw new PackProblem('truncated', `416 for ${offset}+${length}`);
      if (res.status !== 206 && !whole) {
        await res.body?.cancel().catch(() => undefined);
        throw new PackProblem('read-failed', `HTTP ${res.status} for a range`);
      }
      const got = res.headers.get('ETag');
      if (etag && got && got !== etag) {
        await res.body?.cancel().catch(() => undefined);
        throw new PackProblem('read-failed', 'the pack changed on the server');
      }
      let buf: ArrayBuffer;
      try {
        buf = await res.arrayBuffer();
      } catch (e) {
        if (signal?.aborted) throw new PackProblem('cancelled');
        throw new PackProblem('read-failed', e instanceof Error ? e.message : String(e));
      }
      if (buf.byteLength < length) throw new PackProblem('truncated', `read ${buf.byteLength} of ${length}`);
      if (buf.byteLength > length) throw new PackProblem('read-failed', `got ${buf.byteLength} bytes for ${length}`);
      return new Uint8Array(buf);
    },
  };
}
