/**
 * Runtime configuration served by the relay at /vada-config.json: tile URL,
 * tile attribution, default relays, the map packs the relay serves and, when
 * the relay serves https, its port. Anything missing or malformed falls back
 * to OpenStreetMap and this origin's relay, so the app starts anyway.
 */
import { parseTilePacks, type RelayTilePack } from '../domain/tilePacks';
import { checkRelayUrl } from './relayUrl';

export type { RelayTilePack } from '../domain/tilePacks';

export interface RuntimeConfig {
  /** Leaflet URL template with {z}/{x}/{y} (and optionally {s}, {r}). */
  readonly tileUrl: string;
  /** Plain text, never HTML. */
  readonly tileAttribution: string;
  /** Default relays; empty means "this origin's /gun". */
  readonly relays: readonly string[];
  /** Deepest zoom the tile host allows for bulk area downloads; undefined: refused. */
  readonly tilesBulkMaxZoom?: number;
  /**
   * The port on which the relay that served this page speaks https (`tls:
   * { port }`); undefined when it has no TLS. Only ever a port: the host of
   * a secure address is always the page's own, so a forged config cannot
   * send anyone elsewhere.
   */
  readonly tlsPort?: number;
  /**
   * Map packs (PMTiles) the relay serves, each checked field by field (a bad
   * entry is dropped, the others kept); URLs are absolute and on this origin.
   */
  readonly tilePacks: readonly RelayTilePack[];
}

export const OSM_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
export const OSM_ATTRIBUTION = '© OpenStreetMap contributors';

export const DEFAULT_CONFIG: RuntimeConfig = {
  tileUrl: OSM_TILE_URL,
  tileAttribution: OSM_ATTRIBUTION,
  relays: [],
  tilePacks: [],
};

function tileUrlOk(s: unknown): s is string {
  if (typeof s !== 'string' || s.length > 500 || !/\{z\}/.test(s) || !/\{x\}/.test(s) || !/\{y\}/.test(s)) return false;
  try {
    const u = new URL(s.replace(/\{[a-z]+\}/g, '0'), 'http://base.invalid');
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

function bulkZoomOk(z: unknown): z is number {
  return typeof z === 'number' && Number.isInteger(z) && z >= 0 && z <= 22;
}

function tlsPortOf(tls: unknown): number | undefined {
  if (typeof tls !== 'object' || tls === null) return undefined;
  const port = (tls as { port?: unknown }).port;
  return typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535 ? port : undefined;
}

/** Validates a parsed config value; relative relay paths resolve against `origin`. */
export function parseRuntimeConfig(value: unknown, origin: string): RuntimeConfig {
  if (typeof value !== 'object' || value === null) return DEFAULT_CONFIG;
  const o = value as Record<string, unknown>;
  const relays: string[] = [];
  if (Array.isArray(o.relays)) {
    for (const r of o.relays.slice(0, 20)) {
      if (typeof r !== 'string') continue;
      let absolute: string;
      try {
        absolute = new URL(r, origin).href;
      } catch {
        continue;
      }
      const checked = checkRelayUrl(absolute);
      if (checked.ok && !relays.includes(checked.url)) relays.push(checked.url);
    }
  }
  const attribution =
    typeof o.tileAttribution === 'string' && o.tileAttribution.trim() !== ''
      ? o.tileAttribution.trim().slice(0, 300)
      : undefined;
  return {
    tileUrl: tileUrlOk(o.tileUrl) ? o.tileUrl : OSM_TILE_URL,
    tileAttribution: attribution ?? (tileUrlOk(o.tileUrl) ? '' : OSM_ATTRIBUTION),
    relays,
    tilesBulkMaxZoom: bulkZoomOk(o.tilesBulkMaxZoom) ? o.tilesBulkMaxZoom : undefined,
    tlsPort: tlsPortOf(o.tls),
    tilePacks: parseTilePacks(o.tilePacks, origin),
  };
}

/** Fetches the config from this origin; never rejects, never waits more than 3 s. */
export async function loadRuntimeConfig(origin: string, fetchFn: typeof fetch = fetch): Promise<RuntimeConfig> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), 3000);
  try {
    const res = await fetchFn(new URL('/vada-config.json', origin).href, { signal: ctrl.signal, cache: 'no-store' });
    if (!res.ok) return DEFAULT_CONFIG;
    return parseRuntimeConfig(await res.json(), origin);
  } catch {
    return DEFAULT_CONFIG;
  } finally {
    clearTimeout(timer);
  }
}
