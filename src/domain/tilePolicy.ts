/**
 * Whether a bulk "save this area" download is allowed from the configured
 * tile host. OpenStreetMap's public tile servers forbid bulk downloading
 * (https://operations.osmfoundation.org/policies/tiles/), so Vada refuses it
 * there; another tile host states its own deepest bulk zoom in the runtime
 * config, and the tile cap per area applies everywhere.
 */
import { countTiles, MAX_TILES_PER_AREA, type Bounds } from './tiles';

export interface TilePolicy {
  readonly tileUrl: string;
  /** Deepest zoom the host allows for bulk downloads; undefined = bulk not allowed. */
  readonly bulkMaxZoom?: number;
}

export interface AreaRequest {
  readonly bounds: Bounds;
  readonly minZoom: number;
  readonly maxZoom: number;
}

export type PolicyRefusal =
  | { readonly reason: 'osm' }
  | { readonly reason: 'noBulk' }
  | { readonly reason: 'tooDeep'; readonly maxZoom: number }
  | { readonly reason: 'overCap'; readonly count: number; readonly cap: number }
  | { readonly reason: 'badRequest' };

export type PolicyDecision = { readonly ok: true; readonly count: number } | ({ readonly ok: false } & PolicyRefusal);

/** True for the OpenStreetMap Foundation's public tile servers (openstreetmap.org, osm.org and their subdomains). */
export function isOsmPublicTiles(tileUrl: string): boolean {
  try {
    const host = new URL(tileUrl.replace(/\{[a-z]+\}/gi, 'a')).hostname.toLowerCase().replace(/\.$/, '');
    const under = (domain: string) => host === domain || host.endsWith(`.${domain}`);
    return under('openstreetmap.org') || under('osm.org') || host.endsWith('.openstreetmap.fr');
  } catch {
    return false;
  }
}

/** Decides a request; the first failing rule wins, from policy to size. */
export function checkBulkDownload(policy: TilePolicy, req: AreaRequest): PolicyDecision {
  if (isOsmPublicTiles(policy.tileUrl)) return { ok: false, reason: 'osm' };
  if (policy.bulkMaxZoom === undefined) return { ok: false, reason: 'noBulk' };
  const { bounds: b, minZoom, maxZoom } = req;
  const sane =
    Number.isInteger(minZoom) &&
    Number.isInteger(maxZoom) &&
    minZoom >= 0 &&
    minZoom <= maxZoom &&
    [b.south, b.west, b.north, b.east].every(Number.isFinite) &&
    b.south <= b.north &&
    b.west <= b.east;
  if (!sane) return { ok: false, reason: 'badRequest' };
  if (maxZoom > policy.bulkMaxZoom) return { ok: false, reason: 'tooDeep', maxZoom: policy.bulkMaxZoom };
  const count = countTiles(b, minZoom, maxZoom);
  if (count > MAX_TILES_PER_AREA) return { ok: false, reason: 'overCap', count, cap: MAX_TILES_PER_AREA };
  return { ok: true, count };
}
