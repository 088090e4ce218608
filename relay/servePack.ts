/**
 * Answers GET/HEAD for one map pack: `Accept-Ranges: bytes`, one range → 206
 * with Content-Range, a range past the end → 416 with `Content-Range: bytes
 * *\/size`, several ranges → 200 with the whole file (see byteRange.ts);
 * `If-None-Match` / `If-Modified-Since` → 304 and `If-Range` (a changed
 * validator turns a range request into a whole-file answer), all against the
 * strong ETag and Last-Modified fixed at start. Bytes are streamed from the
 * file opened and checked at start, 64 KiB at a time with positioned
 * `FileHandle.read`s (what createReadStream with start/end does, but a
 * destroyed stream must not close the shared handle, which a ReadStream on
 * an fd does): no blocking fs call, no open() and no whole-file buffer per request.
 *
 * Content-Type is `application/vnd.pmtiles`, the type the PMTiles spec
 * recommends and IANA registered. Cached for an hour, not `immutable`: the
 * operator may replace the file and restart, and the ETag then changes.
 * No CORS headers, like the app's other files: the app reads packs from its
 * own origin (its CSP allows no other), so no other site needs to.
 */
import type { FileHandle } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { byteRange } from './byteRange';
import type { ServedPack } from './tilePacks';
import { noneMatch } from './noneMatch';

export const PACK_CONTENT_TYPE = 'application/vnd.pmtiles';
export const PACK_CACHE_CONTROL = 'public, max-age=3600';

/** True when the file has not changed since the `If-Modified-Since` date. */
function notModifiedSince(header: string, lastModified: string): boolean {
  const since = Date.parse(header);
  return Number.isFinite(since) && Date.parse(lastModified) <= since;
}

/** True when `If-Range` still names this file: a strong ETag equal to ours, or exactly our date. */
function rangeStillValid(header: string, pack: ServedPack): boolean {
  const v = header.trim();
  if (v.startsWith('"') || v.startsWith('W/')) return v === pack.etag;
  return Date.parse(v) === Date.parse(pack.lastModified);
}

const CHUNK = 64 * 1024;

/** Bytes `start`..`end` (inclusive) of the open file; stops early when the reader goes away. */
async function* fileRange(handle: FileHandle, start: number, end: number): AsyncGenerator<Buffer> {
  for (let at = start; at <= end;) {
    const buffer = Buffer.allocUnsafe(Math.min(CHUNK, end - at + 1));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, at);
    if (bytesRead === 0) throw new Error('the pack file shrank since the relay started');
    at += bytesRead;
    yield buffer.subarray(0, bytesRead);
  }
}

export function servePack(pack: ServedPack, req: IncomingMessage, res: ServerResponse): void {
  const head = req.method === 'HEAD';
  const validators = {
    ETag: pack.etag,
    'Last-Modified': pack.lastModified,
    'Cache-Control': PACK_CACHE_CONTROL,
    'Accept-Ranges': 'bytes',
  };
  const inm = req.headers['if-none-match'];
  const ims = req.headers['if-modified-since'];
  if (inm !== undefined ? noneMatch(inm, pack.etag) : ims !== undefined && notModifiedSince(ims, pack.lastModified)) {
    res.writeHead(304, validators).end();
    return;
  }
  const raw = req.headers['if-range'];
  const ifRange = Array.isArray(raw) ? raw.join(', ') : raw;
  const rangeHeader = ifRange === undefined || rangeStillValid(ifRange, pack) ? req.headers.range : undefined;
  const range = byteRange(rangeHeader, pack.size);
  if (range.kind === 'unsatisfiable') {
    res
      .writeHead(416, {
        ...validators,
        'Content-Range': `bytes */${pack.size}`,
        'Content-Type': 'text/plain; charset=utf-8',
      })
      .end(head ? undefined : 'Range not satisfiable\n');
    return;
  }
  const [start, end] = range.kind === 'part' ? [range.start, range.end] : [0, pack.size - 1];
  res.writeHead(range.kind === 'part' ? 206 : 200, {
    ...validators,
    'Content-Type': PACK_CONTENT_TYPE,
    'Content-Length': String(end - start + 1),
    ...(range.kind === 'part' ? { 'Content-Range': `bytes ${start}-${end}/${pack.size}` } : {}),
  });
  if (head) {
    res.end();
    return;
  }
  const stream = Readable.from(fileRange(pack.handle, start, end), { objectMode: false });
  stream.on('error', () => res.destroy());
  res.on('close', () => stream.destroy());
  stream.pipe(res);
}
