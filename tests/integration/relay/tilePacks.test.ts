/**
 * A relay started with `--tiles-pack` (a real relay process, packs written
 * with Vada's writer): the packs are listed in /vada-config.json and the
 * banner, served with single byte ranges (206 / 416), HEAD, validators (ETag
 * → 304, If-Range) and caching headers; the pmtiles library's own HTTP reader
 * gets every tile byte-identical; and a truncated or hostile file stops the
 * start with one line naming the file and the problem.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelayProcess, type RelayProcess } from '../../fixtures/relayProcess';
import { libraryOverHttp, packOnDisk, sizedTiles, tileGrid, type PackOnDisk } from '../../fixtures/relayPacks';

const dir = mkdtempSync(join(tmpdir(), 'vada-relay-packs-'));
let relay: RelayProcess;
let city: PackOnDisk;
let other: PackOnDisk;
const cityUrl = () => `${relay.url}/packs/old-town.pmtiles`;

beforeAll(async () => {
  // 341 tiles of 200–2,200 bytes: ≈ 400 KB, so ranges land in directories and tile data alike.
  city = await packOnDisk(
    dir,
    'Old Town.pmtiles',
    sizedTiles(0, 4, 1, (i) => 200 + ((i * 977) % 2000)),
    {
      name: 'Old Town',
      attribution: '<b>© Test</b> tiles &amp; co',
    },
  );
  mkdirSync(join(dir, 'b'));
  other = await packOnDisk(join(dir, 'b'), 'old_town.PMTILES', tileGrid('png', 3, 5, 2, 2, 1), { name: '' });
  relay = await startRelayProcess({ args: ['--tiles-pack', city.file, '--tiles-pack', other.file] });
});
afterAll(async () => {
  await relay?.kill();
  rmSync(dir, { recursive: true, force: true });
});

const range = (header: string, extra: Record<string, string> = {}) =>
  fetch(cityUrl(), { headers: { Range: header, ...extra } });
const bodyOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());

describe('relay map packs (--tiles-pack)', () => {
  it('lists each pack in /vada-config.json with a unique URL from its file name, and in the start banner', async () => {
    const config = (await (await fetch(`${relay.url}/vada-config.json`)).json()) as { tilePacks: unknown[] };
    expect(config.tilePacks).toEqual([
      {
        url: '/packs/old-town.pmtiles',
        name: 'Old Town',
        attribution: '© Test tiles & co',
        tileType: 'png',
        minZoom: 0,
        maxZoom: 4,
        bounds: {
          west: -180,
          south: expect.closeTo(-85.0511, 3) as unknown,
          east: 180,
          north: expect.closeTo(85.0511, 3) as unknown,
        },
        bytes: city.bytes.length,
        etag: expect.stringMatching(/^"[0-9a-f]+-[0-9a-f]+-[0-9a-f]+"$/) as unknown,
      },
      expect.objectContaining({ url: '/packs/old-town-2.pmtiles', name: 'old-town-2', minZoom: 3, maxZoom: 5 }),
    ]);
    expect(relay.output()).toContain('Map packs served to phones (2):');
    expect(relay.output()).toMatch(
      /\/packs\/old-town\.pmtiles {2}"Old Town", zoom 0-4, 341 tiles, 0\.\d MB \(.*Old Town\.pmtiles\)/,
    );
  });

  it('serves the whole file with its type, validators and caching headers, and the security headers', async () => {
    const res = await fetch(cityUrl());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.pmtiles');
    expect(res.headers.get('content-length')).toBe(String(city.bytes.length));
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f-]+"$/);
    expect(Date.parse(res.headers.get('last-modified') ?? '')).toBeGreaterThan(Date.now() - 600_000);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(Buffer.from(await bodyOf(res)).equals(Buffer.from(city.bytes))).toBe(true);
  });

  it('answers one byte range with 206 and Content-Range: the first 16 KiB, the middle, a suffix, an open end', async () => {
    const size = city.bytes.length;
    const cases: Array<[string, number, number]> = [
      ['bytes=0-16383', 0, 16383],
      ['bytes=100000-100999', 100000, 100999],
      ['bytes=-500', size - 500, size - 1],
      [`bytes=${size - 10}-`, size - 10, size - 1],
      [`bytes=${size - 5}-${size + 100}`, size - 5, size - 1], // end past the file: clamped
    ];
    for (const [header, start, end] of cases) {
      const res = await range(header);
      expect([header, res.status, res.headers.get('content-range')]).toEqual([
        header,
        206,
        `bytes ${start}-${end}/${size}`,
      ]);
      expect(res.headers.get('content-length')).toBe(String(end - start + 1));
      expect(Buffer.from(await bodyOf(res)).equals(Buffer.from(city.bytes.subarray(start, end + 1))), header).toBe(
        true,
      );
    }
  });

  it('refuses a range past the end with 416, and answers several ranges or a malformed one with the whole file', async () => {
    const size = city.bytes.length;
    for (const header of [`bytes=${size}-`, `bytes=${size + 10}-${size + 20}`, 'bytes=-0']) {
      const res = await range(header);
      expect([header, res.status, res.headers.get('content-range')]).toEqual([header, 416, `bytes */${size}`]);
      await res.arrayBuffer();
    }
    for (const header of ['bytes=0-1,5-6', 'bytes=9-3', 'items=0-5', 'bytes=abc']) {
      const res = await range(header);
      expect([header, res.status, res.headers.get('content-range')]).toEqual([header, 200, null]);
      expect((await bodyOf(res)).length).toBe(size);
    }
  });

  it('answers HEAD with the same headers and no body, with and without a range', async () => {
    const whole = await fetch(cityUrl(), { method: 'HEAD' });
    expect([whole.status, whole.headers.get('content-length'), (await bodyOf(whole)).length]).toEqual([
      200,
      String(city.bytes.length),
      0,
    ]);
    const part = await fetch(cityUrl(), { method: 'HEAD', headers: { Range: 'bytes=0-99' } });
    expect([part.status, part.headers.get('content-range'), part.headers.get('content-length')]).toEqual([
      206,
      `bytes 0-99/${city.bytes.length}`,
      '100',
    ]);
  });

  it('answers If-None-Match / If-Modified-Since with 304 and honours If-Range', async () => {
    const first = await fetch(cityUrl(), { method: 'HEAD' });
    const etag = first.headers.get('etag') as string;
    const lastModified = first.headers.get('last-modified') as string;
    for (const inm of [etag, `W/${etag}`, `"nope", ${etag}`, '*']) {
      const res = await fetch(cityUrl(), { headers: { 'If-None-Match': inm } });
      expect([inm, res.status, res.headers.get('etag'), (await bodyOf(res)).length]).toEqual([inm, 304, etag, 0]);
    }
    const changed = await fetch(cityUrl(), { headers: { 'If-None-Match': '"something-else"' } });
    expect(changed.status).toBe(200);
    await changed.arrayBuffer();
    const since = await fetch(cityUrl(), { headers: { 'If-Modified-Since': lastModified } });
    expect(since.status).toBe(304);
    const sameFile = await range('bytes=0-9', { 'If-Range': etag });
    expect([sameFile.status, (await bodyOf(sameFile)).length]).toEqual([206, 10]);
    const otherFile = await range('bytes=0-9', { 'If-Range': '"an-older-file"' });
    expect([otherFile.status, (await bodyOf(otherFile)).length]).toEqual([200, city.bytes.length]);
  });

  it('gives the pmtiles library (FetchSource over HTTP ranges) every tile byte-identical, for both packs', async () => {
    for (const [pack, url] of [
      [city, cityUrl()],
      [other, `${relay.url}/packs/old-town-2.pmtiles`],
    ] as const) {
      const reader = libraryOverHttp(url);
      const header = await reader.getHeader();
      expect(header.numAddressedTiles).toBe(pack.tiles.length);
      for (const t of pack.tiles) {
        const got = await reader.getZxy(t.z, t.x, t.y);
        expect(got, `${t.z}/${t.x}/${t.y}`).toBeDefined();
        expect(Buffer.from(got?.data ?? new ArrayBuffer(0)).equals(Buffer.from(t.data as Uint8Array))).toBe(true);
      }
    }
  });

  it('keeps serving after clients go away mid-download', async () => {
    for (let i = 0; i < 3; i++) {
      const ctrl = new AbortController();
      const res = await fetch(cityUrl(), { signal: ctrl.signal });
      const reader = res.body?.getReader();
      await reader?.read();
      ctrl.abort();
      await reader?.cancel().catch(() => {});
    }
    const res = await range('bytes=-100');
    expect([res.status, Buffer.from(await bodyOf(res)).equals(Buffer.from(city.bytes.subarray(-100)))]).toEqual([
      206,
      true,
    ]);
  });

  it('answers 404 for an unknown pack and 405 for other methods', async () => {
    expect((await fetch(`${relay.url}/packs/nope.pmtiles`)).status).toBe(404);
    expect((await fetch(`${relay.url}/packs/../packs/old-town.pmtiles`)).status).toBe(200); // URL-normalised by fetch
    expect((await fetch(cityUrl(), { method: 'POST' })).status).toBe(405);
  });
});

describe('relay map packs that fail their checks', () => {
  const refusal = async (file: string) => {
    const failed = await startRelayProcess({ args: ['--tiles-pack', file] }).then(
      async (r) => {
        await r.kill();
        return 'started';
      },
      (e: unknown) => String(e),
    );
    return failed;
  };

  it('refuses to start with a truncated pack, naming the file and the problem', async () => {
    const file = join(dir, 'cut.pmtiles');
    writeFileSync(file, city.bytes.subarray(0, 20_000));
    const out = await refusal(file);
    expect(out).toContain('relay exited (1) before listening');
    expect(out).toContain(`Vada relay failed to start: Map pack ${file} refused: truncated`);
  });

  it('refuses files that are not packs, are hostile, or are missing', async () => {
    const html = join(dir, 'page.pmtiles');
    writeFileSync(html, '<!doctype html><script>alert(1)</script>'.repeat(10));
    expect(await refusal(html)).toContain(`Map pack ${html} refused: not-pmtiles`);
    // A header claiming a root directory far past the end of the file.
    const hostile = join(dir, 'hostile.pmtiles');
    const bytes = city.bytes.slice(0, 4096);
    new DataView(bytes.buffer).setBigUint64(8, 2n ** 40n, true);
    writeFileSync(hostile, bytes);
    expect(await refusal(hostile)).toMatch(new RegExp(`Map pack ${hostile} refused: (bad-header|truncated)`));
    const missing = join(dir, 'missing.pmtiles');
    expect(await refusal(missing)).toContain(`Map pack ${missing} refused: read-failed: ENOENT`);
  });
});
