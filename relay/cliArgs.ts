/**
 * Command line of the relay: flags first, then VADA_* environment variables,
 * then defaults. Pure, so it is tested without starting anything.
 */
import { resolve } from 'node:path';
import type { RelayOptions } from './startRelay';

export const USAGE = `Usage: tsx relay/main.ts [options]

Serves the Vada app and a GUN relay (at /gun) from one process.

Options (environment variable in brackets):
  --host HOST          interface to listen on, default 127.0.0.1 [VADA_HOST]
                       (use 0.0.0.0 to reach it from phones on the network)
  --port PORT          port, default 8765; 0 picks a free one [VADA_PORT]
  --data DIR           data folder for the record journal, default ./.vada-data [VADA_DATA]
  --peer URL           another relay to federate with, http(s)://host:port/gun;
                       repeatable [VADA_PEERS, comma-separated]
  --no-app             run the relay only, do not serve the app
  --app-dir DIR        folder of the built app, default <repo>/dist [VADA_APP_DIR]
  --tiles URL          map tile URL template for the app [VADA_TILE_URL]
  --tile-attribution T attribution for those tiles [VADA_TILE_ATTRIBUTION]
  --tiles-bulk-max-zoom N  deepest zoom that tile host allows for "save this area"
                       downloads; unset means bulk downloads are refused
                       [VADA_TILES_BULK_MAX_ZOOM]
  --tiles-pack FILE    serve this map pack (a raster .pmtiles file, see
                       \`npm run pack\`) at /packs/<name>.pmtiles, so phones get
                       the map with no internet; checked at start; repeatable
                       [VADA_TILES_PACKS, comma-separated]
  --stats              serve counters at /vada-stats.json [VADA_STATS=1]
  --tls                also serve HTTPS/WSS on the same port, with a self-signed
                       certificate made on first start and kept in DIR/tls
                       (phones need https: browsers allow encryption only on
                       secure pages) [VADA_TLS=1]
  --cert FILE          use this certificate (PEM, with its chain) instead of a
                       self-signed one; implies --tls [VADA_TLS_CERT]
  --key FILE           the private key of --cert (PEM) [VADA_TLS_KEY]
  --help               show this help
`;

export type CliResult =
  | { readonly kind: 'run'; readonly options: RelayOptions }
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly message: string };

const VALUE_FLAGS = new Set([
  '--host',
  '--port',
  '--data',
  '--peer',
  '--app-dir',
  '--tiles',
  '--tile-attribution',
  '--tiles-bulk-max-zoom',
  '--tiles-pack',
  '--cert',
  '--key',
]);
const BOOL_FLAGS = new Set(['--no-app', '--stats', '--tls', '--help', '-h']);

function checkPeer(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? undefined : `--peer must be an http(s) URL: ${url}`;
  } catch {
    return `--peer is not a URL: ${url}`;
  }
}

export function parseCliArgs(argv: readonly string[], env: Record<string, string | undefined>): CliResult {
  const values = new Map<string, string[]>();
  const bools = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (BOOL_FLAGS.has(name) && eq < 0) bools.add(name);
    else if (VALUE_FLAGS.has(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) return { kind: 'error', message: `${name} needs a value` };
      values.set(name, [...(values.get(name) ?? []), value]);
    } else return { kind: 'error', message: `Unknown option: ${arg}` };
  }
  if (bools.has('--help') || bools.has('-h')) return { kind: 'help' };
  const one = (flag: string, envName: string) => values.get(flag)?.at(-1) ?? (env[envName] || undefined);

  const portText = one('--port', 'VADA_PORT') ?? '8765';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) return { kind: 'error', message: `--port must be 0-65535: ${portText}` };
  const peers =
    values.get('--peer') ??
    (env.VADA_PEERS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  for (const p of peers) {
    const problem = checkPeer(p);
    if (problem) return { kind: 'error', message: problem };
  }
  const options: RelayOptions = {
    host: one('--host', 'VADA_HOST') ?? '127.0.0.1',
    port,
    dataDir: resolve(one('--data', 'VADA_DATA') ?? './.vada-data'),
    peers,
    app: !bools.has('--no-app'),
    exposeStats: bools.has('--stats') || env.VADA_STATS === '1',
  };
  const appDir = one('--app-dir', 'VADA_APP_DIR');
  if (appDir) options.appDir = resolve(appDir);
  const tiles = one('--tiles', 'VADA_TILE_URL');
  if (tiles) options.tileUrl = tiles;
  const attribution = one('--tile-attribution', 'VADA_TILE_ATTRIBUTION');
  if (attribution) options.tileAttribution = attribution;
  const bulk = one('--tiles-bulk-max-zoom', 'VADA_TILES_BULK_MAX_ZOOM');
  if (bulk !== undefined) {
    if (!/^\d{1,2}$/.test(bulk) || Number(bulk) > 22)
      return { kind: 'error', message: `--tiles-bulk-max-zoom must be 0-22: ${bulk}` };
    options.tilesBulkMaxZoom = Number(bulk);
  }
  const packs =
    values.get('--tiles-pack') ??
    (env.VADA_TILES_PACKS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (packs.some((f) => f.trim() === '')) return { kind: 'error', message: '--tiles-pack needs a file name' };
  if (packs.length > 0) options.tilePacks = packs.map((f) => resolve(f));
  const cert = one('--cert', 'VADA_TLS_CERT');
  const key = one('--key', 'VADA_TLS_KEY');
  if ((cert === undefined) !== (key === undefined))
    return { kind: 'error', message: '--cert and --key go together: give both files, or neither' };
  if (cert !== undefined && key !== undefined) options.tls = { certFile: resolve(cert), keyFile: resolve(key) };
  else if (bools.has('--tls') || env.VADA_TLS === '1') options.tls = {};
  return { kind: 'run', options };
}
