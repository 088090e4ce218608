/**
 * The map packs a relay advertises in /vada-config.json (`tilePacks`),
 * validated field by field: the page (src/state/runtimeConfig.ts) lists them
 * and the service worker serves their tiles, so both read them through this
 * one parser. The config is untrusted like any input: a malformed entry is
 * dropped and the valid ones kept; a pack URL must stay on the origin the
 * config came from (the relay serves its packs itself), so a forged config
 * cannot send every tile request of every phone to another host.
 */

/** The raster tile formats a pack may hold. */
export type TilePackType = 'png' | 'jpeg' | 'webp';

/** One pack the relay serves, as advertised in its config. */
export interface RelayTilePack {
  /** Absolute URL on the config's origin (the relay writes `/packs/<slug>.pmtiles`). */
  readonly url: string;
  /** Plain text, ≤ 80 characters ('' when none was given). */
  readonly name: string;
  /** Plain text, ≤ 300 characters. */
  readonly attribution: string;
  readonly tileType: TilePackType;
  /** 0 ≤ minZoom ≤ maxZoom ≤ 22. */
  readonly minZoom: number;
  readonly maxZoom: number;
  /** West < east, south < north, inside ±180° / ±90°. */
  readonly bounds: { readonly west: number; readonly south: number; readonly east: number; readonly north: number };
  /** The file's size in bytes. */
  readonly bytes: number;
  /** The relay's ETag for the file, when it sent one. */
  readonly etag?: string;
}

/** At most this many packs are taken from one config. */
export const MAX_RELAY_TILE_PACKS = 20;
const MAX_NAME = 80;
const MAX_ATTRIBUTION = 300;
const MAX_ETAG = 200;
const TYPES: readonly TilePackType[] = ['png', 'jpeg', 'webp'];

const zoomOk = (z: unknown): z is number => typeof z === 'number' && Number.isInteger(z) && z >= 0 && z <= 22;
const within = (v: unknown, limit: number): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= -limit && v <= limit;
/** Control characters (C0, DEL, C1): dropped from names, never shown. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]+/g;
/** Control characters become spaces, whitespace runs one space, at most `max` characters. */
const plain = (s: string, max: number) => s.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim().slice(0, max);

function urlOn(value: unknown, origin: string): string | undefined {
  if (typeof value !== 'string' || value.length > 500) return undefined;
  try {
    const base = new URL(origin);
    const url = new URL(value, base);
    if (url.origin !== base.origin || (url.protocol !== 'http:' && url.protocol !== 'https:')) return undefined;
    if (url.username !== '' || url.password !== '') return undefined;
    url.hash = '';
    return url.href;
  } catch {
    return undefined;
  }
}

function boundsOf(value: unknown): RelayTilePack['bounds'] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { west, south, east, north } = value as Record<string, unknown>;
  if (!within(west, 180) || !within(east, 180) || !within(south, 90) || !within(north, 90)) return undefined;
  return west < east && south < north ? { west, south, east, north } : undefined;
}

/** One advertised pack, or undefined when any field is missing or out of range. */
export function parseTilePack(value: unknown, origin: string): RelayTilePack | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const o = value as Record<string, unknown>;
  const url = urlOn(o.url, origin);
  const bounds = boundsOf(o.bounds);
  const { minZoom, maxZoom, bytes, etag } = o;
  const tileType = TYPES.find((t) => t === o.tileType);
  if (url === undefined || bounds === undefined || tileType === undefined) return undefined;
  if (!zoomOk(minZoom) || !zoomOk(maxZoom) || minZoom > maxZoom) return undefined;
  if (typeof bytes !== 'number' || !Number.isSafeInteger(bytes) || bytes <= 0) return undefined;
  if (etag !== undefined && (typeof etag !== 'string' || etag.length > MAX_ETAG || !/^[\x21-\x7e]+$/.test(etag)))
    return undefined;
  const pack: RelayTilePack = {
    url,
    name: typeof o.name === 'string' ? plain(o.name, MAX_NAME) : '',
    attribution: typeof o.attribution === 'string' ? plain(o.attribution, MAX_ATTRIBUTION) : '',
    tileType,
    minZoom,
    maxZoom,
    bounds,
    bytes,
  };
  return etag === undefined ? pack : { ...pack, etag };
}

/**
 * The valid packs of a config's `tilePacks` (relative URLs resolve against
 * `origin`), first MAX_RELAY_TILE_PACKS entries, one per URL; [] for anything
 * that is not an array.
 */
export function parseTilePacks(value: unknown, origin: string): RelayTilePack[] {
  if (!Array.isArray(value)) return [];
  const packs: RelayTilePack[] = [];
  for (const entry of value.slice(0, MAX_RELAY_TILE_PACKS)) {
    const pack = parseTilePack(entry, origin);
    if (pack && !packs.some((p) => p.url === pack.url)) packs.push(pack);
  }
  return packs;
}
