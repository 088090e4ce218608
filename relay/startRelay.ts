/**
 * Starts one Vada relay: an HTTP server for the built app and
 * /vada-config.json, with a GUN relay at /gun on the same port; with TLS the
 * same port also speaks HTTPS/WSS (see dualServer.ts). Records are
 * kept in an append-only journal in `dataDir` and replayed into GUN's
 * in-memory graph at start; expired hour buckets are pruned at start and
 * hourly. See docs/decisions/relay-storage.md.
 */
import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cappedWebSocket, connectedLinks, superviseLinks } from './federation';
import { createDualServer } from './dualServer';
import { createGunCore } from './gunInternals';
import { makeHttpHandler } from './httpHandler';
import { makeIngress } from './ingress';
import { installRouting } from './meshRouting';
import { openRecords, pruneExpired } from './openRecords';
import { StatsCounter, type RelayStats } from './relayStats';
import { certificateNames, type Interfaces } from './lanAddresses';
import { DEFAULT_TILE_ATTRIBUTION, DEFAULT_TILE_URL } from './securityHeaders';
import { certificateFromFiles, selfSignedCertificate, type TlsMaterial } from './tlsCertificate';
import { closeTilePacks, loadTilePacks, type ServedPack } from './tilePacks';
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
  /** Map pack files (`--tiles-pack`): checked at start (a bad one stops the start), served at /packs/<slug>.pmtiles. */
  tilePacks?: string[];
  /** Serve counters at GET /vada-stats.json (off by default: it tells outsiders who is connected). */
  exposeStats?: boolean;
  /**
   * Also serve HTTPS/WSS on the same port: with the operator's certificate
   * files when given, else a self-signed certificate kept in <dataDir>/tls.
   */
  tls?: { certFile?: string; keyFile?: string };
  /** Batch window of the journal in ms; default 10. */
  flushMs?: number;
  /** The machine's interfaces (the certificate names them); default os.networkInterfaces(). */
  interfaces?: Interfaces;
  log?: (line: string) => void;
}

/** What the relay tells its operator about TLS. */
export type RelayTls = Omit<TlsMaterial, 'key' | 'cert'>;

export interface RunningRelay {
  /** http://host:port, or https://host:port with TLS */
  url: string;
  /** url + /gun */
  gunUrl: string;
  /** Set when TLS is on: the certificate's fingerprint, files and whether it is new. */
  tls?: RelayTls;
  port: number;
  /** True when the built app is being served. */
  servingApp: boolean;
  /** The map packs being served, in command-line order. */
  packs: readonly ServedPack[];
  stats(): RelayStats;
  /** Stops accepting, closes sockets and links, flushes and syncs the journal. */
  close(): Promise<void>;
}

const DEFAULT_APP_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const PRUNE_EVERY_MS = 3_600_000;

/** Certificate facts for the caller: never the private key. */
function withoutKey(m: TlsMaterial): RelayTls {
  const { key: _key, cert: _cert, ...facts } = m;
  return facts;
}

/** The certificate to serve, when TLS is asked for. */
async function tlsMaterial(opts: RelayOptions, host: string): Promise<TlsMaterial | undefined> {
  if (!opts.tls) return undefined;
  const { certFile, keyFile } = opts.tls;
  if (certFile && keyFile) return certificateFromFiles(certFile, keyFile);
  const names = certificateNames(host, opts.interfaces ?? networkInterfaces());
  return selfSignedCertificate(opts.dataDir, names, new Date());
}

export async function startRelay(opts: RelayOptions): Promise<RunningRelay> {
  const log = opts.log ?? (() => {});
  const host = opts.host ?? '127.0.0.1';
  const peers = opts.peers ?? [];
  // Before anything is opened: a bad --cert/--key stops the start with a clear message.
  const tls = await tlsMaterial(opts, host);
  // So does a map pack that fails its checks (TilePackError names the file and the problem).
  const packs = await loadTilePacks(opts.tilePacks ?? []);
  const stats = new StatsCounter();
  const records = openRecords(opts.dataDir, opts.flushMs, log);
  const { store, journal, admission } = records;
  stats.replayed = store.size;

  const core = createGunCore(peers, cappedWebSocket(stats));
  core.load(store.records());
  const { subscribe, isOwnGet } = installRouting(core);
  const { deliver, say } = core;
  const ingress = makeIngress({
    store,
    admission,
    journal,
    stats,
    deliver,
    say,
    subscribe,
    isOwnGet,
    now: Date.now,
    log,
  });
  core.installIngress(ingress);

  const appDir = opts.appDir ?? DEFAULT_APP_DIR;
  const servingApp = opts.app !== false && existsSync(resolve(appDir, 'index.html'));
  if (opts.app !== false && !servingApp)
    log(`No built app in ${appDir} (run \`npm run build\`); serving the relay only.`);
  // Called only once everything below exists (on a request or by the caller).
  const snapshot = () =>
    stats.snapshot({
      peers: ws.count(),
      federation: { configured: peers.length, connected: connectedLinks(core) },
      stored: store.size,
    });
  let port = 0;
  const server = createDualServer(
    makeHttpHandler({
      appDir: servingApp ? appDir : undefined,
      tileUrl: opts.tileUrl ?? DEFAULT_TILE_URL,
      tileAttribution: opts.tileAttribution ?? DEFAULT_TILE_ATTRIBUTION,
      tilesBulkMaxZoom: opts.tilesBulkMaxZoom,
      relays: [],
      stats: opts.exposeStats ? snapshot : undefined,
      ...(tls ? { tlsPort: () => port } : {}),
      packs,
    }),
    tls,
  );
  const ws = attachWsServer(server.https ? [server.http, server.https] : [server.http], {
    mesh: core,
    hear: ingress,
    stats,
  });
  try {
    port = await server.listen(opts.port ?? 8765, host);
  } catch (e) {
    ws.close();
    await journal.close();
    await closeTilePacks(packs);
    throw e;
  }
  const links = superviseLinks(core);

  const pruneTimer = setInterval(() => {
    const removed = pruneExpired(records, Date.now());
    core.forget(removed);
    if (removed.length > 0) log(`pruned ${removed.length} expired hour bucket(s)`);
  }, PRUNE_EVERY_MS);
  pruneTimer.unref();

  const urlHost = host.includes(':') ? `[${host}]` : host;
  const url = `${tls ? 'https' : 'http'}://${urlHost}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    gunUrl: `${url}/gun`,
    ...(tls ? { tls: withoutKey(tls) } : {}),
    port,
    servingApp,
    packs,
    stats: snapshot,
    close() {
      closing ??= (async () => {
        clearInterval(pruneTimer);
        links.close();
        ws.close();
        await server.close();
        await journal.close();
        await closeTilePacks(packs);
      })();
      return closing;
    },
  };
}
