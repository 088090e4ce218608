/**
 * The relay's HTTP side, on a real relay process serving a small built app:
 * MIME types, SPA fallback, /vada-config.json, security headers on every
 * response, no way out of the app folder, and compression: brotli / gzip /
 * identity chosen from Accept-Encoding, an ETag per representation with
 * 304s, immutable caching only for hashed assets, and files changed on disk
 * served new.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelayProcess, type RelayProcess } from '../../fixtures/relayProcess';

const SECRET = 'TOP-SECRET-OUTSIDE-APP';
const TILES = 'https://{s}.tiles.example.org/{z}/{x}/{y}.png';
let relay: RelayProcess;
let dist: string;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with the path sent exactly as given (fetch would normalize `..`). */
function get(path: string, method = 'GET'): Promise<Reply> {
  const { hostname, port } = new URL(relay.url);
  return new Promise((ok, fail) => {
    const req = request({ host: hostname, port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'vada-app-'));
  dist = join(root, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(root, 'secret.txt'), SECRET);
  // Compressible (≥ 1 KiB) files outside the folder: escapes must fail with compression asked for too.
  writeFileSync(join(root, 'secret.js'), `${SECRET} `.repeat(200));
  writeFileSync(join(dist, 'assets', 'main-Ab3dE9xZ.js'), appScript(40_000));
  writeFileSync(join(dist, 'big.json'), JSON.stringify({ rows: appScript(5_000).split(';') }));
  writeFileSync(join(dist, 'icon.png'), Buffer.alloc(4096, 9));
  writeFileSync(join(dist, 'notes.txt'), 'first version. '.repeat(100));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Vada test shell</title>');
  writeFileSync(join(dist, 'assets', 'app-3f9a.js'), 'console.log(1)');
  writeFileSync(join(dist, 'style.css'), 'body{}');
  writeFileSync(join(dist, 'manifest.webmanifest'), '{}');
  writeFileSync(join(dist, '.env'), SECRET);
  symlinkSync(join(root, 'secret.txt'), join(dist, 'link.txt'));
  symlinkSync(join(root, 'secret.js'), join(dist, 'assets', 'link-Zz9y8x7w.js'));
  relay = await startRelayProcess({
    app: true,
    env: { VADA_APP_DIR: dist, VADA_TILE_URL: TILES },
  });
});
afterAll(() => relay.kill());

/** Text of about `bytes` that compresses like code (repetitive but not uniform). */
function appScript(bytes: number): string {
  let out = '';
  for (let i = 0; out.length < bytes; i++) out += `export const v${i} = ${(i * 7919) % 1000} + f(${i % 17});\n`;
  return out;
}

interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The bytes on the wire. */
  wire: Buffer;
  /** The body after undoing Content-Encoding. */
  body: Buffer;
}

/** A request with chosen headers, the body kept as bytes and also decoded. */
function raw(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawReply> {
  const { hostname, port } = new URL(relay.url);
  return new Promise((ok, fail) => {
    const req = request({ host: hostname, port, path, method, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => {
        const wire = Buffer.concat(parts);
        const enc = method === 'HEAD' ? undefined : res.headers['content-encoding'];
        try {
          const body = enc === 'br' ? brotliDecompressSync(wire) : enc === 'gzip' ? gunzipSync(wire) : wire;
          ok({ status: res.statusCode ?? 0, headers: res.headers, wire, body });
        } catch (e) {
          fail(e as Error);
        }
      });
    });
    req.on('error', fail);
    req.end();
  });
}

const hashOf = (bytes: Buffer) => createHash('sha256').update(bytes).digest('base64url').slice(0, 22);

function expectSecurityHeaders(r: Reply) {
  expect(r.headers['content-security-policy']).toBe(
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
      "img-src 'self' data: blob: https://*.tiles.example.org; connect-src 'self' ws: wss: https://*.tiles.example.org; " +
      "worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  );
  expect(r.headers['x-content-type-options']).toBe('nosniff');
  expect(r.headers['referrer-policy']).toBe('strict-origin');
  expect(r.headers['permissions-policy']).toBe('geolocation=(self), camera=(self), microphone=()');
}

describe('relay static server', () => {
  it('serves the app shell and assets with their MIME types and security headers', async () => {
    const shell = '<!doctype html><title>Vada test shell</title>';
    const cases: Array<[string, string, string]> = [
      ['/', 'text/html; charset=utf-8', shell],
      ['/index.html', 'text/html; charset=utf-8', shell],
      ['/assets/app-3f9a.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
      ['/style.css', 'text/css; charset=utf-8', 'body{}'],
      ['/manifest.webmanifest', 'application/manifest+json; charset=utf-8', '{}'],
      ['/points/some-route', 'text/html; charset=utf-8', shell], // SPA fallback
    ];
    for (const [path, type, body] of cases) {
      const r = await get(path);
      expect([path, r.status, r.headers['content-type'], r.body]).toEqual([path, 200, type, body]);
      expectSecurityHeaders(r);
    }
    expect((await get('/assets/app-3f9a.js')).headers['cache-control']).toContain('immutable');
    expect((await get('/')).headers['cache-control']).toBe('no-cache');
  });

  it('serves /vada-config.json with the configured tile server', async () => {
    const r = await get('/vada-config.json');
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(r.body)).toEqual({
      tileUrl: TILES,
      tileAttribution: '© OpenStreetMap contributors',
      relays: [],
      tilePacks: [],
    });
    expectSecurityHeaders(r);
  });

  it('answers unknown files, other methods and plain GETs of /gun with headers too', async () => {
    const missing = await get('/missing.png');
    expect(missing.status).toBe(404);
    expectSecurityHeaders(missing);
    const post = await get('/', 'POST');
    expect(post.status).toBe(405);
    expectSecurityHeaders(post);
    const gun = await get('/gun');
    expect(gun.status).toBe(426);
    expectSecurityHeaders(gun);
  });

  it('never serves a file outside the app folder, dotfiles or symlinks out', async () => {
    const attempts = [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/assets/../../secret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/%2e%2e%5c%2e%2e%5csecret.txt',
      '/assets/..%00/secret.txt',
      '//../secret.txt',
      '/.env',
      '/link.txt',
      '/%',
    ];
    for (const path of attempts) {
      const r = await get(path);
      expect(r.body, path).not.toContain(SECRET);
      expect([200, 400, 404], path).toContain(r.status);
      if (r.status === 200) expect(r.body, path).toContain('Vada test shell');
    }
  });

  it('escapes stay refused when compression is asked for', async () => {
    for (const path of ['/../secret.js', '/assets/%2e%2e%2f%2e%2e%2fsecret.js', '/assets/link-Zz9y8x7w.js']) {
      const r = await raw(path, { 'Accept-Encoding': 'br, gzip' });
      expect(r.body.toString('utf8'), path).not.toContain(SECRET);
      expect(r.status, path).toBe(404);
    }
  });
});

describe('relay static compression', () => {
  const JS = '/assets/main-Ab3dE9xZ.js';

  it('sends br, gzip or identity as Accept-Encoding allows, each decoding to the file byte for byte', async () => {
    const file = readFileSync(join(dist, 'assets', 'main-Ab3dE9xZ.js'));
    const cases: Array<[string | undefined, string | undefined]> = [
      ['br', 'br'],
      ['gzip', 'gzip'],
      ['gzip, deflate, br', 'br'], // brotli is made by now (the br-only request waited for it)
      ['br;q=0, gzip', 'gzip'],
      ['br;q=0, gzip;q=0', undefined],
      ['*;q=0', undefined],
      ['*', 'br'],
      ['identity', undefined],
      [undefined, undefined],
    ];
    const sizes = new Map<string | undefined, number>();
    for (const [accept, want] of cases) {
      const r = await raw(JS, accept === undefined ? {} : { 'Accept-Encoding': accept });
      const label = String(accept);
      expect([label, r.status, r.headers['content-encoding']]).toEqual([label, 200, want]);
      expect(r.body.equals(file), label).toBe(true);
      expect(r.headers['content-length'], label).toBe(String(r.wire.length));
      expect(r.headers.vary, label).toBe('Accept-Encoding');
      expect(r.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expectSecurityHeaders({ status: r.status, headers: r.headers, body: '' });
      sizes.set(want, r.wire.length);
    }
    const br = sizes.get('br') ?? 0;
    const gz = sizes.get('gzip') ?? 0;
    expect(br).toBeGreaterThan(0);
    expect(br).toBeLessThan(gz);
    expect(gz).toBeLessThan(file.length / 3);
  });

  it('gives each representation its own strong ETag and answers If-None-Match with 304', async () => {
    const file = readFileSync(join(dist, 'assets', 'main-Ab3dE9xZ.js'));
    const hash = hashOf(file);
    const tags: Record<string, string> = { br: `"${hash}-br"`, gzip: `"${hash}-gz"`, identity: `"${hash}"` };
    for (const [accept, etag] of Object.entries(tags)) {
      const r = await raw(JS, { 'Accept-Encoding': accept });
      expect(r.headers.etag, accept).toBe(etag);
      const again = await raw(JS, { 'Accept-Encoding': accept, 'If-None-Match': etag });
      expect([accept, again.status, again.wire.length, again.headers.etag]).toEqual([accept, 304, 0, etag]);
      expect(again.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(again.headers.vary).toBe('Accept-Encoding');
      const weak = await raw(JS, { 'Accept-Encoding': accept, 'If-None-Match': `"other", W/${etag}` });
      expect(weak.status, accept).toBe(304);
    }
    // Another representation's tag is not a match: the client gets the body it can read.
    const other = await raw(JS, { 'Accept-Encoding': 'gzip', 'If-None-Match': tags.br ?? '' });
    expect([other.status, other.headers['content-encoding'], other.body.equals(file)]).toEqual([200, 'gzip', true]);
  });

  it('caches only hashed assets as immutable, and compresses only text-like files of 1 KiB or more', async () => {
    const cases: Array<[string, string, string | undefined, string | undefined]> = [
      // path, cache-control, content-encoding with br asked, vary
      [JS, 'public, max-age=31536000, immutable', 'br', 'Accept-Encoding'],
      ['/assets/app-3f9a.js', 'public, max-age=31536000, immutable', undefined, 'Accept-Encoding'], // < 1 KiB
      ['/', 'no-cache', undefined, 'Accept-Encoding'],
      ['/manifest.webmanifest', 'no-cache', undefined, 'Accept-Encoding'],
      ['/big.json', 'no-cache', 'br', 'Accept-Encoding'],
      ['/icon.png', 'no-cache', undefined, undefined],
    ];
    for (const [path, cache, encoding, vary] of cases) {
      const r = await raw(path, { 'Accept-Encoding': 'br' });
      expect([path, r.status, r.headers['cache-control'], r.headers['content-encoding'], r.headers.vary]).toEqual([
        path,
        200,
        cache,
        encoding,
        vary,
      ]);
      expect(r.headers.etag, path).toMatch(/^"[\w-]{22}(-br|-gz)?"$/);
    }
  });

  it('answers HEAD with the headers of the representation GET would send, and no body', async () => {
    for (const accept of ['br', 'gzip', 'identity']) {
      const got = await raw(JS, { 'Accept-Encoding': accept });
      const head = await raw(JS, { 'Accept-Encoding': accept }, 'HEAD');
      expect(head.status).toBe(200);
      expect(head.wire.length).toBe(0);
      for (const h of ['content-length', 'content-encoding', 'etag', 'vary', 'cache-control', 'content-type'])
        expect([accept, h, head.headers[h]]).toEqual([accept, h, got.headers[h]]);
    }
  });

  it('serves a file changed on disk new, by size and by modification time', async () => {
    const path = join(dist, 'notes.txt');
    const check = async (want: string) => {
      for (const accept of ['br', 'gzip', 'identity']) {
        const r = await raw('/notes.txt', { 'Accept-Encoding': accept });
        expect([accept, r.status, r.body.toString('utf8')]).toEqual([accept, 200, want]);
        expect(r.headers.etag).toContain(hashOf(Buffer.from(want)));
      }
    };
    await check('first version. '.repeat(100));
    const old = String((await raw('/notes.txt', { 'Accept-Encoding': 'br' })).headers.etag);
    const second = 'second version, longer. '.repeat(100);
    writeFileSync(path, second);
    await check(second);
    const stale = await raw('/notes.txt', { 'Accept-Encoding': 'br', 'If-None-Match': old });
    expect([stale.status, stale.body.toString('utf8')]).toEqual([200, second]);
    // Same size, new bytes: only the modification time tells them apart.
    const third = 'SECOND VERSION, LONGER. '.repeat(100);
    writeFileSync(path, third);
    const later = new Date(Date.now() + 60_000);
    utimesSync(path, later, later);
    await check(third);
  });
});
