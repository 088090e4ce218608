/**
 * Downloads a saved area's tiles into the saved-tile cache, politely: CORS
 * requests only (an opaque response has no status or size, so it is refused),
 * at most two at a time, cancellable. Resuming walks the same tile list and
 * skips tiles the cache already holds, so nothing is fetched twice.
 */
import { TILE_CACHES } from '../domain/tileCaches';
import { savedTileUrl, type Tile } from '../domain/tiles';

/** Never more than this many tile requests in flight (tile hosts ask for ≤ 2). */
export const MAX_CONCURRENT_TILE_REQUESTS = 2;
/** Header on each stored tile with its body size, so a resume can sum bytes without reading bodies. */
const SIZE_HEADER = 'x-vada-bytes';

export interface TileProgress {
  readonly done: number;
  readonly total: number;
  readonly bytes: number;
  /** Tiles actually requested in this run (done − fetched were already saved). */
  readonly fetched: number;
}

export interface DownloadOptions {
  readonly template: string;
  readonly tiles: readonly Tile[];
  readonly signal: AbortSignal;
  onProgress?(p: TileProgress): void;
  /** Injected in tests; default the browser's. */
  readonly fetchFn?: typeof fetch;
  readonly openCache?: () => Promise<Cache>;
}

/** Opens the cache that holds saved-area tiles (never evicted by browsing limits). */
export function openSavedTileCache(): Promise<Cache> {
  return caches.open(TILE_CACHES.saved);
}

async function fetchTile(url: string, cache: Cache, fetchFn: typeof fetch, signal: AbortSignal): Promise<number> {
  const hit = await cache.match(url);
  if (hit) return -1 - Number(hit.headers.get(SIZE_HEADER) ?? 0);
  const res = await fetchFn(url, { mode: 'cors', credentials: 'omit', signal });
  if (res.type === 'opaque' || !res.ok) throw new Error(`Tile request failed (${res.status || 'opaque'}): ${url}`);
  const body = await res.blob();
  const headers = { 'content-type': res.headers.get('content-type') ?? 'image/png', [SIZE_HEADER]: String(body.size) };
  await cache.put(url, new Response(body, { status: 200, headers }));
  return body.size;
}

/**
 * Fetches every tile not yet cached; resolves with the final progress, or
 * rejects (AbortError on cancel, Error on a failed tile) leaving the tiles
 * saved so far in the cache for a later resume. It settles only once every
 * request in flight has ended, and reports no progress after a cancel or a
 * failure: a tile that lands after the caller heard "cancelled" once
 * re-opened the finished download (the Settings row kept saying
 * "downloading" with no Resume, an e2e run).
 */
export async function downloadTiles(opts: DownloadOptions): Promise<TileProgress> {
  const fetchFn = opts.fetchFn ?? fetch.bind(globalThis);
  const cache = await (opts.openCache ?? openSavedTileCache)();
  const total = opts.tiles.length;
  let next = 0;
  let done = 0;
  let bytes = 0;
  let fetched = 0;
  let failure: { readonly error: unknown } | undefined;
  const worker = async () => {
    try {
      while (next < total && !failure) {
        opts.signal.throwIfAborted();
        const tile = opts.tiles[next++];
        if (!tile) break;
        const url = savedTileUrl(opts.template, tile);
        const size = await fetchTile(url, cache, fetchFn, opts.signal);
        // Cancelled or failed meanwhile: the tile stays cached (a resume counts it) but is not reported.
        opts.signal.throwIfAborted();
        if (failure) return;
        // A cached hit comes back as -1 - size, so a 0-byte tile still counts as a hit.
        if (size >= 0) fetched++;
        bytes += size >= 0 ? size : -1 - size;
        done++;
        opts.onProgress?.({ done, total, bytes, fetched });
      }
    } catch (e) {
      failure ??= { error: e };
    }
  };
  await Promise.all(Array.from({ length: Math.min(MAX_CONCURRENT_TILE_REQUESTS, total) }, worker));
  opts.signal.throwIfAborted();
  if (failure) throw failure.error;
  return { done, total, bytes, fetched };
}
