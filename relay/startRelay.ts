/**
 * Starts one Vada relay: an HTTP server for the built app and
 * /vada-config.json, with a GUN relay at /gun on the same port. Records are
 * kept in an append-only journal in `dataDir` and replayed into GUN's
 * in-memory graph at start; expired hour buckets are pruned at start and
 * hourly. See docs/decisions/relay-storage.md.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cappedWebSocket, connectedLinks, superviseLinks } from './federation';
import { createGunCore } from './gunCore';
import { makeHttpHandler } from './httpHandler';
import type { GunMsg, GunPeer } from './gunTypes';
import { makeIngress } from './ingress';
import { installRouting } from './meshRouting';
import { openRecords, pruneExpired } from './openRecords';
import { StatsCounter, type RelayStats } from './relayStats';
import { DEFAULT_TILE_ATTRIBUTION, DEFAULT_TILE_URL } from './securityHeaders';
import { attachWsServer } from './wsServer';

export type { RelayStats } from './relayStats';

export interface RelayOptions {
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Port; default 8765; 0 picks any free port. */
  port?: number;
  /** Folder for the record journal (created if missing). */
  dataDir: string;
  /** Other relays to federate with: http(s)://host:port/gun URLs. */
  peers?: string[];
  /** Serve the built app from appDir (when it exists); default true. */
  app?: boolean;
  /** Default: <repo>/dist. */
  appDir?: string;
  /** Map tile URL template for the app; default OpenStreetMap's. */
  tileUrl?: string;
  /** Attribution shown with the tiles; default OpenStreetMap's. */
  tileAttribution?: string;
  /** Deepest zoom the tile host allows for bulk "save this area" downloads; unset: refused. */
  tilesBulkMaxZoom?: number;
  /** Serve counters at GET /vada-stats.json (off by default: it tells outsiders who is connected). */
  exposeStats?: boolean;
  /** Batch window of the journal in ms; default 10. */
  flushMs?: number;
  log?: (line: string) => void;
}

export interface RunningRelay {
  /** http://host:port */
  url: string;
  /** http://host:port/gun */
  gunUrl: string;
  port: number;
  /** True when the built app is being served. */
  servingApp: boolean;
  stats(): RelayStats;
  /** Stops accepting, closes sockets and links, flushes and syncs the journal. */
  close(): Promise<void>;
}

const DEFAULT_APP_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const PRUNE_EVERY_MS = 3_600_000;

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      ok((server.address() as { port: number }).port);
    });
  });
}

export async function startRelay(opts: RelayOptions): Promise<RunningRelay> {
  const log = opts.log ?? (() => {});
  const host = opts.host ?? '127.0.0.1';
  const peers = opts.peers ?? [];
  const stats = new StatsCounter();
  const records = openRecords(opts.dataDir, opts.flushMs, log);
  const { store, journal, admission } = records;
  stats.replayed = store.size;

  const core = createGunCore(peers, cappedWebSocket(stats));
  core.load(store.records());
  const routing = installRouting(core.root, core.mesh);
  const say = (m: GunMsg, p: GunPeer) => core.mesh.say(m, p);
  const deliver = core.deliver;
  const { subscribe, isOwnGet } = routing;
  core.installIngress(
    makeIngress({ store, admission, journal, stats, deliver, say, subscribe, isOwnGet, now: Date.now, log }),
  );

  const appDir = opts.appDir ?? DEFAULT_APP_DIR;
  const servingApp = opts.app !== false && existsSync(resolve(appDir, 'index.html'));
  if (opts.app !== false && !servingApp)
    log(`No built app in ${appDir} (run \`npm run build\`); serving the relay only.`);
  // Called only once everything below exists (on a request or by the caller).
  const snapshot = () =>
    stats.snapshot({
      peers: ws.count(),
      federation: { configured: peers.length, connected: connectedLinks(core.root) },
      stored: store.size,
    });
  const server = createServer(
    makeHttpHandler({
      appDir: servingApp ? appDir : undefined,
      tileUrl: opts.tileUrl ?? DEFAULT_TILE_URL,
      tileAttribution: opts.tileAttribution ?? DEFAULT_TILE_ATTRIBUTION,
      tilesBulkMaxZoom: opts.tilesBulkMaxZoom,
      relays: [],
      stats: opts.exposeStats ? snapshot : undefined,
    }),
  );
  const ws = attachWsServer(server, { mesh: core.mesh, hear: core.mesh.hear, stats });
  let port: number;
  try {
    port = await listen(server, opts.port ?? 8765, host);
  } catch (e) {
    ws.close();
    await journal.close();
    throw e;
  }
  const links = superviseLinks(core.root, core.mesh);

  const pruneTimer = setInterval(() => {
    const removed = pruneExpired(records, Date.now());
    core.forget(removed);
    if (removed.length > 0) log(`pruned ${removed.length} expired hour bucket(s)`);
  }, PRUNE_EVERY_MS);
  pruneTimer.unref();

  const urlHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    gunUrl: `${url}/gun`,
    port,
    servingApp,
    stats: snapshot,
    close() {
      closing ??= (async () => {
        clearInterval(pruneTimer);
        links.close();
        ws.close();
        const closed = new Promise<void>((r) => server.close(() => r()));
        server.closeAllConnections();
        await closed;
        await journal.close();
      })();
      return closing;
    },
  };
}
