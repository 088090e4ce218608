/**
 * The two ByteSources: a Blob read by slices, and a URL read by HTTP Range
 * requests from a real server on 127.0.0.1 (206 ranges, ETag / If-Match,
 * a server that ignores ranges, a short answer, a changed file). Every
 * failure is a PackProblem with its code.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPackProblem } from '../../../src/domain/packProblem';
import { blobByteSource, urlByteSource, type ByteSource } from '../../../src/tiles/byteSource';
import { openPack } from '../../../src/tiles/openPack';
import { writePack } from '../../../src/tiles/writePack';
import { fakeImage, joinParts, tileGrid } from '../../fixtures/packs';

const BYTES = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (!isPackProblem(e)) throw e;
    return e.code;
  }
}

describe('blobByteSource', () => {
  it('reads exactly the range asked for, slicing the blob', async () => {
    const blob = new Blob([BYTES]);
    const sliced: [number, number][] = [];
    const spy = {
      size: blob.size,
      slice: (a: number, b: number) => {
        sliced.push([a, b]);
        return blob.slice(a, b);
      },
    };
    const src = blobByteSource(spy as Blob, 'k');
    expect(src.key).toBe('k');
    expect(src.size).toBe(1000);
    expect(await src.read(10, 5)).toEqual(BYTES.subarray(10, 15));
    expect(await src.read(995, 5)).toEqual(BYTES.subarray(995));
    expect(sliced).toEqual([
      [10, 15],
      [995, 1000],
    ]);
    expect(blobByteSource(blob).key).not.toBe(blobByteSource(blob).key);
  });

  it('refuses reads past the end, bad ranges, aborted reads and failing blobs', async () => {
    const src = blobByteSource(new Blob([BYTES]));
    expect(await codeOf(src.read(996, 5))).toBe('truncated');
    expect(await codeOf(src.read(-1, 5))).toBe('bad-directory');
    expect(await codeOf(src.read(0, 2 ** 60))).toBe('bad-directory');
    const ac = new AbortController();
    ac.abort();
    expect(await codeOf(src.read(0, 5, ac.signal))).toBe('cancelled');
    const broken = { size: 100, slice: () => ({ arrayBuffer: () => Promise.reject(new Error('NotReadableError')) }) };
    expect(await codeOf(blobByteSource(broken as unknown as Blob).read(0, 10))).toBe('read-failed');
    // A blob that claims more than it holds reads short.
    const liar = { size: 100, slice: () => new Blob([BYTES.subarray(0, 3)]) };
    expect(await codeOf(blobByteSource(liar as unknown as Blob).read(0, 10))).toBe('truncated');
  });
});

describe('urlByteSource against a local HTTP server', () => {
  type Mode = 'ranges' | 'ignores-range' | 'short' | 'changed' | 'error';
  let server: Server;
  let base = '';
  let mode: Mode = 'ranges';
  let body: Uint8Array = BYTES;
  const ETAG = '"v1"';
  const seen: { range?: string; ifMatch?: string }[] = [];

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    seen.push({ range: req.headers.range, ifMatch: req.headers['if-match'] as string | undefined });
    if (mode === 'error') return void res.writeHead(500).end();
    const etag = mode === 'changed' ? '"v2"' : ETAG;
    if (req.headers['if-match'] && req.headers['if-match'] !== etag) return void res.writeHead(412).end();
    const m = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    if (!m || mode === 'ignores-range') return void res.writeHead(200, { ETag: etag }).end(body);
    const [start, end] = [Number(m[1]), Math.min(Number(m[2]), body.length - 1)];
    if (start >= body.length) return void res.writeHead(416, { 'Content-Range': `bytes */${body.length}` }).end();
    const part = body.subarray(start, mode === 'short' ? end : end + 1);
    res.writeHead(206, { ETag: etag, 'Content-Range': `bytes ${start}-${end}/${body.length}` }).end(part);
  };

  beforeAll(async () => {
    server = createServer(handle);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const source = (size = body.length, ...etag: [string?]): ByteSource =>
    urlByteSource(`${base}/packs/city.pmtiles`, size, ...(etag.length ? etag : [ETAG]));

  it('reads a range with Range and If-Match', async () => {
    mode = 'ranges';
    body = BYTES;
    seen.length = 0;
    expect(await source().read(100, 20)).toEqual(BYTES.subarray(100, 120));
    expect(seen).toEqual([{ range: 'bytes=100-119', ifMatch: ETAG }]);
    expect(await source(1000, undefined).read(0, 3)).toEqual(BYTES.subarray(0, 3));
    expect(seen[1]?.ifMatch).toBeUndefined();
  });

  it('refuses a changed file, a server without ranges, a short answer, errors and ranges past the end', async () => {
    body = BYTES;
    mode = 'changed';
    expect(await codeOf(source().read(0, 10))).toBe('read-failed');
    expect(await codeOf(source(1000, undefined).read(0, 10)), 'no etag asked: any answer').toBe('ok');
    mode = 'ignores-range';
    expect(await codeOf(source().read(10, 10))).toBe('read-failed');
    expect(await codeOf(source().read(0, 1000)), 'the whole file as 200 is the range').toBe('ok');
    mode = 'short';
    expect(await codeOf(source().read(10, 10))).toBe('truncated');
    mode = 'error';
    expect(await codeOf(source().read(10, 10))).toBe('read-failed');
    mode = 'ranges';
    expect(await codeOf(source(2000).read(1500, 10)), 'the server has less than announced').toBe('truncated');
    expect(await codeOf(source().read(995, 10))).toBe('truncated');
    expect(await codeOf(urlByteSource('http://127.0.0.1:1/none', 10).read(0, 5))).toBe('read-failed');
  });

  it('opens a pack over HTTP and reads its tiles', async () => {
    const tiles = tileGrid('png', 0, 2);
    body = await joinParts(writePack(tiles, { name: 'Relay', attribution: '', tileType: 'png' }).parts);
    mode = 'ranges';
    const pack = await openPack(source(body.length));
    expect(pack.info.name).toBe('Relay');
    expect(await pack.tile(2, 1, 3)).toEqual(fakeImage('png', '2/1/3'));
  });
});
