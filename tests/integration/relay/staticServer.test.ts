/**
 * The relay's HTTP side, on a real relay process serving a small built app:
 * MIME types, SPA fallback, /vada-config.json, security headers on every
 * response, and no way out of the app folder.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelayProcess, type RelayProcess } from '../../fixtures/relayProcess';

const SECRET = 'TOP-SECRET-OUTSIDE-APP';
const TILES = 'https://{s}.tiles.example.org/{z}/{x}/{y}.png';
let relay: RelayProcess;

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
  const dist = join(root, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(root, 'secret.txt'), SECRET);
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Vada test shell</title>');
  writeFileSync(join(dist, 'assets', 'app-3f9a.js'), 'console.log(1)');
  writeFileSync(join(dist, 'style.css'), 'body{}');
  writeFileSync(join(dist, 'manifest.webmanifest'), '{}');
  writeFileSync(join(dist, '.env'), SECRET);
  symlinkSync(join(root, 'secret.txt'), join(dist, 'link.txt'));
  relay = await startRelayProcess({
    app: true,
    env: { VADA_APP_DIR: dist, VADA_TILE_URL: TILES },
  });
});
afterAll(() => relay.kill());

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
});
