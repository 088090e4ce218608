/**
 * Whether the service worker keeps a trail of browsed map tiles. Tile URLs
 * are {z}/{x}/{y} coordinates, so the browsed-tile cache and Workbox's
 * expiration database (one row per tile URL) tell which area the user looked
 * at, and neither is sealed by the app PIN. With a PIN set the page says so
 * (message TILE_TRAIL) and the worker stores no browsed tile, deletes both,
 * and remembers the choice in a marker cache so a restarted worker still
 * knows it before the page speaks again. Saved areas are not touched: the
 * user saved them on purpose. Lives here because only src/platform touches
 * storage; used by service-worker/tileRoute.ts and sw.ts.
 */
import { TILE_CACHES } from '../domain/tileCaches';

/** Message `{ type: TILE_TRAIL, keep }` from the page: keep (or stop keeping) browsed tiles. */
export const TILE_TRAIL = 'VADA_TILE_TRAIL';
/** Workbox's expiration database (workbox-expiration's CacheTimestampsModel): one row per browsed tile URL. */
export const EXPIRATION_DB = 'workbox-expiration';

/** The part of CacheStorage the trail uses. */
export interface TrailCaches {
  has(name: string): Promise<boolean>;
  open(name: string): Promise<unknown>;
  delete(name: string): Promise<boolean>;
}

/** The part of IDBFactory the trail uses. */
export interface TrailIdb {
  deleteDatabase(name: string): {
    onsuccess: ((this: never, ev: never) => unknown) | null;
    onerror: ((this: never, ev: never) => unknown) | null;
    onblocked: ((this: never, ev: never) => unknown) | null;
  };
}

/** The worker's side: whether to keep browsed tiles, and the switch. */
export interface TileTrail {
  /** False while an app PIN is set (read from the marker cache once per worker life). */
  keeps(): Promise<boolean>;
  /** Records the page's word; `keep: false` also deletes the browsed-tile cache and the expiration database. */
  set(keep: boolean): Promise<void>;
}

/** The `keep` of a TILE_TRAIL message, or undefined for anything else. */
export function tileTrailMessage(data: unknown): boolean | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const m = data as { type?: unknown; keep?: unknown };
  return m.type === TILE_TRAIL && typeof m.keep === 'boolean' ? m.keep : undefined;
}

/** Resolves once the deletion finished, failed, or is queued behind an open connection (it completes later). */
function deleteDatabase(factory: TrailIdb, name: string): Promise<void> {
  return new Promise((resolve) => {
    try {
      const request = factory.deleteDatabase(name);
      request.onsuccess = () => resolve();
      request.onerror = () => resolve();
      request.onblocked = () => resolve();
    } catch {
      resolve();
    }
  });
}

/** Where the trail lives: the worker's `caches` and `indexedDB` (fakes in tests). */
export interface TrailStorage {
  caches: TrailCaches;
  indexedDB?: TrailIdb | undefined;
}

const workerStorage = (): TrailStorage => ({
  caches: globalThis.caches,
  indexedDB: typeof indexedDB === 'undefined' ? undefined : indexedDB,
});

/** The trail over the given storage (default this worker's). */
export function createTileTrail(storage: TrailStorage = workerStorage()): TileTrail {
  // Until the marker is read, nothing is known: the first answer waits for it.
  let known: Promise<boolean> | undefined;
  return {
    keeps() {
      known ??= storage.caches.has(TILE_CACHES.noTrail).then(
        (off) => !off,
        () => true,
      );
      return known;
    },
    async set(keep) {
      // At once, so a tile requested while the deletions run is not stored.
      known = Promise.resolve(keep);
      if (keep) {
        await storage.caches.delete(TILE_CACHES.noTrail);
        return;
      }
      await storage.caches.open(TILE_CACHES.noTrail);
      await Promise.allSettled([
        storage.caches.delete(TILE_CACHES.browsed),
        storage.indexedDB ? deleteDatabase(storage.indexedDB, EXPIRATION_DB) : undefined,
      ]);
    },
  };
}
