/**
 * The app's runtime config (/vada-config.json) inside the worker: cached
 * NetworkFirst so the app boots offline, and the source of the tile URL
 * template that decides which cross-origin images are tiles worth caching,
 * and of the map packs the relay serves (`tilePacks`, checked by the same
 * parser as the page's).
 */
import { NetworkFirst } from 'workbox-strategies';
import { parseTilePacks, type RelayTilePack } from '../src/domain/tilePacks';
import { tileUrlMatcher, type TileUrlMatcher } from './tileUrlPattern';

/** Cache holding the last config the relay served. */
export const CONFIG_CACHE = 'vada-config-v1';
/** Same-origin path of the config. */
export const CONFIG_PATH = '/vada-config.json';

/** What the worker takes from the config. */
interface WorkerConfig {
  readonly matcher: TileUrlMatcher | undefined;
  readonly tilePacks: readonly RelayTilePack[];
}

let pattern: Promise<WorkerConfig> | undefined;

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

/** The matcher (isTile, tileOf, savedKey) for the configured tile host's tile URLs, or undefined when no config is cached. */
export async function tileMatcher(): Promise<TileUrlMatcher | undefined> {
  return (await workerConfig()).matcher;
}

/** The map packs the relay serves (the config's valid `tilePacks`, URLs on this origin); [] without a config. */
export async function relayTilePacks(): Promise<readonly RelayTilePack[]> {
  return (await workerConfig()).tilePacks;
}

function workerConfig(): Promise<WorkerConfig> {
  pattern ??= readConfig();
  return pattern;
}

async function readConfig(): Promise<WorkerConfig> {
  try {
    const cached = await (await caches.open(CONFIG_CACHE)).match(CONFIG_PATH);
    const config: unknown = cached ? await cached.json() : undefined;
    const { tileUrl, tilePacks } = (config ?? {}) as { tileUrl?: unknown; tilePacks?: unknown };
    return {
      matcher: typeof tileUrl === 'string' ? tileUrlMatcher(tileUrl) : undefined,
      tilePacks: parseTilePacks(tilePacks, self.location.origin),
    };
  } catch {
    return { matcher: undefined, tilePacks: [] };
  }
}
