/**
 * The relay's HTTP side: /vada-config.json (tile server, map packs, extra
 * relays and, with TLS on, the https port for the app), optionally
 * /vada-stats.json, the map packs at /packs/<slug>.pmtiles, and the built app. Every response carries the security headers. WebSocket
 * upgrades on /gun are handled by wsServer, not here.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { securityHeaders } from './securityHeaders';
import { servePack } from './servePack';
import { createStaticFiles } from './staticFiles';
import { tilePackConfig, type ServedPack } from './tilePacks';

export interface HttpDeps {
  /** Folder of the built app; undefined when the app is not served. */
  readonly appDir?: string;
  readonly tileUrl: string;
  readonly tileAttribution: string;
  readonly tilesBulkMaxZoom?: number;
  /** Extra relays the app should use besides its own origin's /gun. */
  readonly relays: readonly string[];
  /** When set, GET /vada-stats.json returns this. */
  readonly stats?: () => unknown;
  /**
   * With TLS on: the port that serves https (known once listening). The
   * config then says `tls: { port }`, so an app opened over plain http can
   * point to the secure address on the same host. Never a fingerprint: a
   * page fetched over http could be a forgery, so the fingerprint people
   * compare comes only from the relay operator's screen.
   */
  readonly tlsPort?: () => number;
  /** Map packs checked at start (`--tiles-pack`), served at their `url` and listed in the config. */
  readonly packs?: readonly ServedPack[];
}

function sendJson(res: ServerResponse, body: unknown, head: boolean): void {
  const text = JSON.stringify(body);
  res.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-cache',
  });
  res.end(head ? undefined : text);
}

function sendText(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    ...extra,
  });
  res.end(text);
}

export function makeHttpHandler(deps: HttpDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const headers = securityHeaders(deps.tileUrl);
  const base = {
    tileUrl: deps.tileUrl,
    tileAttribution: deps.tileAttribution,
    tilesBulkMaxZoom: deps.tilesBulkMaxZoom,
    relays: [...deps.relays],
    tilePacks: (deps.packs ?? []).map(tilePackConfig),
  };
  const packs = new Map((deps.packs ?? []).map((p) => [p.url, p]));
  const statics = deps.appDir ? createStaticFiles(deps.appDir) : undefined;
  // Compress the app in the background from the start, so the first phones get brotli at once.
  void statics?.warm().catch(() => undefined);
  const config = () => (deps.tlsPort ? { ...base, tls: { port: deps.tlsPort() } } : base);
  return (req, res) => {
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendText(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
    const head = req.method === 'HEAD';
    let path: string;
    try {
      path = new URL(req.url ?? '/', 'http://relay.invalid').pathname;
    } catch {
      return sendText(res, 400, 'Bad request\n');
    }
    if (path === '/vada-config.json') return sendJson(res, config(), head);
    if (path === '/vada-stats.json' && deps.stats) return sendJson(res, deps.stats(), head);
    const pack = packs.get(path);
    if (pack) return servePack(pack, req, res);
    if (path.startsWith('/packs/')) return sendText(res, 404, 'Not found\n');
    if (path === '/gun')
      return sendText(res, 426, 'This is a GUN relay: connect with a WebSocket.\n', { Upgrade: 'websocket' });
    if (!statics) return sendText(res, 404, 'Not found\n');
    statics.serve(path, req, res).then(
      (found) => {
        if (!found) sendText(res, 404, 'Not found\n');
      },
      () => {
        if (res.headersSent) res.destroy();
        else sendText(res, 500, 'Internal error\n');
      },
    );
  };
}
