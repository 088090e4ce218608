/**
 * Names and limits of the tile caches, shared by the page (saved-area
 * downloads) and the service worker (runtime tile rule). Browsed tiles expire
 * and are evicted; saved-area tiles are never evicted by the browsing limits.
 */
export const TILE_CACHES = {
  /** Tiles seen while browsing: CacheFirst with expiry. */
  browsed: 'vada-tiles-browsed-v1',
  /** Tiles of areas the user saved for offline: only the user deletes them. */
  saved: 'vada-tiles-saved-v1',
  /**
   * Present (empty) while an app PIN is set: the worker keeps no trail of
   * browsed tiles. A cache because the worker reads it after a restart and
   * has no localStorage.
   */
  noTrail: 'vada-tiles-no-trail-v1',
  maxBrowsedEntries: 3000,
  maxBrowsedAgeSeconds: 30 * 24 * 3600,
} as const;
