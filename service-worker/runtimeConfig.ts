/**
 * The app's runtime config (/vada-config.json) inside the worker: cached
 * NetworkFirst so the app boots offline, and the source of the tile URL
 * template that decides which cross-origin images are tiles worth caching.
 */
import { NetworkFirst } from 'workbox-strategies';
import { tileUrlMatcher, type TileUrlMatcher } from './tileUrlPattern';

/** Cache holding the last config the relay served. */
export const CONFIG_CACHE = 'vada-config-v1';
/** Same-origin path of the config. */
export const CONFIG_PATH = '/vada-config.json';

let pattern: Promise<TileUrlMatcher | undefined> | undefined;

/** NetworkFirst for the config; a fresh copy also refreshes the tile matcher. */
export const configStrategy = new NetworkFirst({
  cacheName: CONFIG_CACHE,
  // A relay that is down but "online" must not hold the boot for long.
  networkTimeoutSeconds: 3,
  plugins: [{ cacheDidUpdate: async () => void (pattern = undefined) }],
});

/** Fetches the config into the cache (worker install: the first visit's config bypassed the worker). */
export async function prefetchConfig(): Promise<void> {
  try {
    const response = await fetch(CONFIG_PATH, { cache: 'no-store', credentials: 'same-origin' });
    if (!response.ok) return;
    await (await caches.open(CONFIG_CACHE)).put(CONFIG_PATH, response);
    pattern = undefined;
  } catch {
    // Offline at install: the NetworkFirst rule fills the cache on the next online boot.
  }
}

/** The matcher (isTile, savedKey) for the configured tile host's tile URLs, or undefined when no config is cached. */
export function tileMatcher(): Promise<TileUrlMatcher | undefined> {
  pattern ??= readPattern();
  return pattern;
}

async function readPattern(): Promise<TileUrlMatcher | undefined> {
  try {
    const cached = await (await caches.open(CONFIG_CACHE)).match(CONFIG_PATH);
    const config: unknown = cached ? await cached.json() : undefined;
    const template = (config as { tileUrl?: unknown } | undefined)?.tileUrl;
    return typeof template === 'string' ? tileUrlMatcher(template) : undefined;
  } catch {
    return undefined;
  }
}
