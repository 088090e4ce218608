/**
 * Map tiles in the worker, in the order of the one tile rule
 * (src/domain/tileSource.ts): map packs that cover the tile (this phone's,
 * then the relay's: tilePacks.ts), then saved-area tiles (written by the
 * page, never expired here, looked up by their canonical saved-tile URL),
 * then CacheFirst into the browsed-tile cache with expiry, then the network.
 * Only the configured tile host's tile URLs are cached, and only readable
 * (CORS, status 200) responses: Workbox's default cacheWillUpdate drops
 * opaque ones. While an app PIN is set (the page says so, tileTrail.ts)
 * browsed tiles go straight to the network: no browsed-tile cache, no
 * expiration rows, so a locked phone keeps no trail of where the map looked.
 */
import { ExpirationPlugin } from 'workbox-expiration';
import type { RouteHandlerCallbackOptions } from 'workbox-core/types.js';
import { CacheFirst } from 'workbox-strategies';
import { TILE_CACHES } from '../src/domain/tileCaches';
import { tileSteps } from '../src/domain/tileSource';
import { createTileTrail, type TileTrail } from '../src/platform/tileTrail';
import { tileMatcher } from './runtimeConfig';
import { packCoverages, packTile } from './tilePacks';

// Tile hosts often send `Vary: Origin`; the saving page and the map's <img> differ there.
const MATCH = { ignoreVary: true } as const;
/** Tiles re-fetched per page message, at most (the visible map is ~20-40 tiles). */
const MAX_TILES_PER_MESSAGE = 200;

/** False from a panic wipe on: tiles still arriving are shown but not stored. */
let storing = true;

/** The panic wipe: nothing more goes into a cache from this worker. */
export function stopStoringTiles(): void {
  storing = false;
}

function browsedStrategy(): CacheFirst {
  return new CacheFirst({
    cacheName: TILE_CACHES.browsed,
    matchOptions: MATCH,
    plugins: [
      // Replaces Workbox's default check, so it keeps it: only whole, readable (200) responses are cached.
      // The trail is asked again: a PIN may have been set while this tile was loading.
      {
        cacheWillUpdate: async ({ response }) =>
          storing && response.status === 200 && (await tileTrail().keeps()) ? response : null,
      },
      new ExpirationPlugin({
        maxEntries: TILE_CACHES.maxBrowsedEntries,
        maxAgeSeconds: TILE_CACHES.maxBrowsedAgeSeconds,
        purgeOnQuotaError: true,
      }),
    ],
  });
}

/**
 * Made on first use, and made again after the trail was deleted: Workbox's
 * expiration plugin keeps its database connection, which the deletion closed.
 */
let browsed: CacheFirst | undefined;
let trail: TileTrail | undefined;
const tileTrail = () => (trail ??= createTileTrail());

/** Replaces the worker's trail (tests). */
export function useTileTrail(next: TileTrail): void {
  trail = next;
}

/** The page's word on browsed tiles (message TILE_TRAIL): with an app PIN, none are kept and the trail goes. */
export async function setTileTrail(keep: boolean): Promise<void> {
  await tileTrail().set(keep);
  if (!keep) browsed = undefined;
}

/** Route match: cross-origin image requests (whether they are tiles is decided in the handler). */
export function isCrossOriginImage({ url, request }: { url: URL; request: Request }): boolean {
  return request.method === 'GET' && request.destination === 'image' && url.origin !== self.location.origin;
}

/**
 * Route handler: for a tile of the configured host, the steps of tileSteps —
 * a covering pack's tile (never cached: the pack is the store), the saved
 * tile, browsed CacheFirst (not while an app PIN is set), the network;
 * non-tile images go straight to the network.
 */
export async function handleTile({ request, event }: RouteHandlerCallbackOptions): Promise<Response> {
  const matcher = await tileMatcher();
  const tile = matcher?.tileOf(request.url);
  const savedKey = matcher?.savedKey(request.url);
  if (!tile || savedKey === undefined) return fetch(request);
  const keepsTrail = await tileTrail().keeps();
  for (const step of tileSteps(tile, await packCoverages(), { keepsTrail })) {
    if (step.kind === 'pack') {
      const found = await packTile(step.pack, tile);
      // The bytes are a fresh ArrayBuffer's view (never shared memory).
      const body = found?.bytes as Uint8Array<ArrayBuffer> | undefined;
      if (found && body)
        return new Response(body, { headers: { 'Content-Type': found.mime, 'Cache-Control': 'no-store' } });
    } else if (step.kind === 'saved') {
      // Saved tiles sit under one canonical URL (subdomain `a`), whichever subdomain the map asked.
      const saved = await (await caches.open(TILE_CACHES.saved)).match(savedKey, MATCH);
      if (saved) return saved;
    } else if (step.kind === 'browsed') {
      // CacheFirst: the browsed cache, else the network (and the answer kept).
      return (browsed ??= browsedStrategy()).handle({ request, event });
    } else {
      return fetch(request);
    }
  }
  return fetch(request);
}

/**
 * Caches tiles the page loaded before this worker controlled it (message
 * `{ type: 'VADA_CACHE_TILES', urls }`), two at a time; none while an app PIN is set.
 */
export async function cacheTiles(
  urls: readonly string[],
  event: RouteHandlerCallbackOptions['event'],
): Promise<number> {
  const matcher = await tileMatcher();
  if (!matcher || !(await tileTrail().keeps())) return 0;
  const todo = [...new Set(urls)].filter((u) => matcher.isTile(u)).slice(0, MAX_TILES_PER_MESSAGE);
  let cached = 0;
  const worker = async () => {
    for (let url = todo.shift(); url !== undefined && storing; url = todo.shift()) {
      const key = matcher.savedKey(url);
      if ((await caches.match(url, MATCH)) || (key !== undefined && (await caches.match(key, MATCH)))) continue;
      try {
        const request = new Request(url, { mode: 'cors', credentials: 'omit' });
        await (browsed ??= browsedStrategy()).handle({ request, event });
        cached++;
      } catch {
        // Offline or refused: the tile is fetched (and cached) the next time it is shown.
      }
    }
  };
  await Promise.all([worker(), worker()]);
  return cached;
}
