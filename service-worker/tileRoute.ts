/**
 * Map tiles in the worker: saved-area tiles first (written by the page, never
 * expired here, looked up by their canonical saved-tile URL), then CacheFirst
 * into the browsed-tile cache with expiry.
 * Only the configured tile host's tile URLs are cached, and only readable
 * (CORS, status 200) responses: Workbox's default cacheWillUpdate drops
 * opaque ones.
 */
import { ExpirationPlugin } from 'workbox-expiration';
import type { RouteHandlerCallbackOptions } from 'workbox-core/types.js';
import { CacheFirst } from 'workbox-strategies';
import { TILE_CACHES } from '../src/domain/tileCaches';
import { tileMatcher } from './runtimeConfig';

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

const browsed = new CacheFirst({
  cacheName: TILE_CACHES.browsed,
  matchOptions: MATCH,
  plugins: [
    // Replaces Workbox's default check, so it keeps it: only whole, readable (200) responses are cached.
    { cacheWillUpdate: async ({ response }) => (storing && response.status === 200 ? response : null) },
    new ExpirationPlugin({
      maxEntries: TILE_CACHES.maxBrowsedEntries,
      maxAgeSeconds: TILE_CACHES.maxBrowsedAgeSeconds,
      purgeOnQuotaError: true,
    }),
  ],
});

/** Route match: cross-origin image requests (whether they are tiles is decided in the handler). */
export function isCrossOriginImage({ url, request }: { url: URL; request: Request }): boolean {
  return request.method === 'GET' && request.destination === 'image' && url.origin !== self.location.origin;
}

/** Route handler: saved tile, else browsed CacheFirst; non-tile images go straight to the network. */
export async function handleTile({ request, event }: RouteHandlerCallbackOptions): Promise<Response> {
  const savedKey = (await tileMatcher())?.savedKey(request.url);
  if (savedKey === undefined) return fetch(request);
  // Saved tiles sit under one canonical URL (subdomain `a`), whichever subdomain the map asked.
  const saved = await (await caches.open(TILE_CACHES.saved)).match(savedKey, MATCH);
  return saved ?? browsed.handle({ request, event });
}

/**
 * Caches tiles the page loaded before this worker controlled it (message
 * `{ type: 'VADA_CACHE_TILES', urls }`), two at a time.
 */
export async function cacheTiles(urls: readonly string[], event: ExtendableEvent): Promise<number> {
  const matcher = await tileMatcher();
  if (!matcher) return 0;
  const todo = [...new Set(urls)].filter((u) => matcher.isTile(u)).slice(0, MAX_TILES_PER_MESSAGE);
  let cached = 0;
  const worker = async () => {
    for (let url = todo.shift(); url !== undefined && storing; url = todo.shift()) {
      const key = matcher.savedKey(url);
      if ((await caches.match(url, MATCH)) || (key !== undefined && (await caches.match(key, MATCH)))) continue;
      try {
        const request = new Request(url, { mode: 'cors', credentials: 'omit' });
        await browsed.handle({ request, event });
        cached++;
      } catch {
        // Offline or refused: the tile is fetched (and cached) the next time it is shown.
      }
    }
  };
  await Promise.all([worker(), worker()]);
  return cached;
}
