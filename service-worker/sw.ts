/**
 * Vada's service worker (built by vite-plugin-pwa, injectManifest): the
 * precached, versioned app shell; navigations answered by the shell; one
 * runtime rule per asset class (config NetworkFirst, map tiles CacheFirst);
 * unknown and older caches deleted on activate. It takes control of open pages
 * (clientsClaim) but never activates a new version by itself: the page asks,
 * when the user chooses (SKIP_WAITING from workbox-window). A tap on an alert
 * notification focuses the app and tells it which point to show. With an app
 * PIN set the page tells it to keep no trail of browsed tiles. Map tiles
 * come from map packs first when one covers them (tilePacks.ts); the page
 * says when its packs changed. Text and files shared to Vada from other apps
 * arrive here (share target).
 */
import { cacheNames, clientsClaim } from 'workbox-core';
import { createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { TILE_CACHES } from '../src/domain/tileCaches';
import { closeConnectionsOnVersionChange } from '../src/platform/closeOnVersionChange';
import { openPointFromNotification } from './notificationClick';
import { CONFIG_CACHE, CONFIG_PATH, configStrategy, prefetchConfig } from './runtimeConfig';
import { handleShareTarget, isShareTarget } from './shareTarget';
import { cacheTiles, handleTile, isCrossOriginImage, setTileTrail, stopStoringTiles } from './tileRoute';
import { tileTrailMessage } from '../src/platform/tileTrail';
import { isPacksChanged } from '../src/platform/packsChanged';
import { forgetPacks, stopServingPacks } from './tilePacks';
import { SHARE_INBOX_CACHE } from '../src/domain/shareInbox';
import { CHUNK_RETRY_PARAM } from '../src/domain/chunkRetryParam';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

// Before Workbox opens its expiration database: the panic wipe must be able to delete it.
closeConnectionsOnVersionChange();
// Workbox's default ignored parameters, plus the one a chunk retried after a failed load carries
// (src/domain/retryingImport.ts), so that retry is served from the precache like the chunk itself.
precacheAndRoute(self.__WB_MANIFEST, {
  ignoreURLParametersMatching: [/^utm_/, /^fbclid$/, new RegExp(`^${CHUNK_RETRY_PARAM}$`)],
});
clientsClaim();

// Client-side routes get the shell; the relay's own endpoints never do.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), {
    denylist: [/^\/gun(?:\/|$)/, /^\/vada-config\.json$/],
  }),
);
registerRoute(({ url }) => url.origin === self.location.origin && url.pathname === CONFIG_PATH, configStrategy);
registerRoute(isCrossOriginImage, handleTile);
registerRoute(isShareTarget, handleShareTarget, 'POST');

self.addEventListener('install', (event) => event.waitUntil(prefetchConfig()));

self.addEventListener('activate', (event) => {
  const keep = new Set<string>([
    cacheNames.precache,
    CONFIG_CACHE,
    TILE_CACHES.browsed,
    TILE_CACHES.saved,
    TILE_CACHES.noTrail,
    SHARE_INBOX_CACHE,
  ]);
  event.waitUntil(
    caches.keys().then((names) => Promise.all(names.filter((n) => !keep.has(n)).map((n) => caches.delete(n)))),
  );
});

self.addEventListener('message', (event) => {
  const data: unknown = event.data;
  if (typeof data !== 'object' || data === null) return;
  const message = data as { type?: unknown; urls?: unknown };
  if (message.type === 'SKIP_WAITING') void self.skipWaiting();
  // WIPE in src/platform/serviceWorker.ts: sent to every registration's worker by the panic wipe.
  if (message.type === 'VADA_WIPE') {
    stopStoringTiles();
    stopServingPacks();
    event.waitUntil(sweepCaches());
  }
  // PACKS_CHANGED in src/platform/packsChanged.ts: a pack was imported or deleted, or all were wiped.
  if (isPacksChanged(data)) forgetPacks();
  // TILE_TRAIL in src/platform/tileTrail.ts: with an app PIN no browsed tile is kept; answered once done.
  const keep = tileTrailMessage(data);
  if (keep !== undefined) {
    const reply = event.ports[0];
    event.waitUntil(setTileTrail(keep).finally(() => reply?.postMessage({ type: 'VADA_TILE_TRAIL_DONE', keep })));
  }
  if (message.type === 'VADA_CACHE_TILES' && Array.isArray(message.urls)) {
    const urls = message.urls.filter((u): u is string => typeof u === 'string');
    event.waitUntil(cacheTiles(urls, event));
  }
});

/** After a panic wipe: deletes every cache again once fetches still in flight have settled. */
async function sweepCaches(): Promise<void> {
  for (const delay of [0, 1000, 3000]) {
    await new Promise((r) => setTimeout(r, delay));
    await Promise.allSettled((await caches.keys()).map((name) => caches.delete(name)));
  }
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(openPointFromNotification(self.clients, event.notification.data, self.location.origin));
});
