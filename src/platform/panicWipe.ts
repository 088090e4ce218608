/**
 * The panic wipe: erases everything Vada keeps on this phone (keys, circles,
 * records, saved areas, tile caches, imported map packs, the service worker,
 * localStorage, sessionStorage, every IndexedDB database) and leaves for a blank page, all
 * within a second. Deletions run in parallel and are waited for at most
 * WAIT_MS, then a second pass (at most SWEEP_MS) removes whatever the service
 * worker re-created meanwhile. A deletion blocked by another open connection
 * is not waited for at all: the request stays queued in the browser, which
 * finishes it once that connection closes — another Vada tab closes its own
 * and leaves too (vadaDb.ts), the service worker closes its connections
 * (closeOnVersionChange.ts).
 */
import { TILE_CACHES } from '../domain/tileCaches';
import { unregisterAllServiceWorkers } from './serviceWorker';
import { stopSettingsWrites } from './settingsStore';
import { closeVadaDb, DB_NAME, recreateVadaDb } from './vadaDb';
import { wipePacks } from './wipePacks';

/** Longest wait for the deletions before navigating (the whole wipe stays under a second). */
export const WAIT_MS = 700;
/** Longest wait for the second pass (whatever reappeared during the first). */
export const SWEEP_MS = 150;
const TILE_CACHE_NAMES = [TILE_CACHES.browsed, TILE_CACHES.saved];
/** Longest wait for this page's own connection to close before deleting its database anyway. */
const CLOSE_WAIT_MS = 100;

/** The part of IDBFactory the wipe uses. */
export interface IdbFactoryLike {
  databases?(): Promise<readonly { name?: string }[]>;
  deleteDatabase(name: string): {
    onsuccess: ((this: never, ev: never) => unknown) | null;
    onerror: ((this: never, ev: never) => unknown) | null;
    onblocked: ((this: never, ev: never) => unknown) | null;
  };
}

/** The part of CacheStorage the wipe uses. */
export interface CacheStorageLike {
  keys(): Promise<readonly string[]>;
  delete(name: string): Promise<boolean>;
}

export interface PanicWipeDeps {
  closeDb(): Promise<void>;
  /** Makes Vada's database anew, empty, after it was deleted ("start fresh"). */
  recreateDb?(): Promise<void>;
  indexedDB?: IdbFactoryLike;
  caches?: CacheStorageLike;
  unregisterServiceWorkers(): Promise<void>;
  /**
   * Deletes the imported map packs (the OPFS directory 'vada-packs'); the worker stops reading them
   * on the WIPE message unregisterServiceWorkers sends.
   */
  removePacks?(): Promise<void>;
  /** Stops this page's own writes to localStorage (settings saved by a late event). */
  stopWrites?(): void;
  localStorage?: { clear(): void };
  sessionStorage?: { clear(): void };
  /** Leaves the page (location.replace). */
  navigate(url: string): void;
  now(): number;
  wait(ms: number): Promise<void>;
}

/** Reads a global without throwing (storage getters throw when the browser blocks storage). */
function global<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/** The real browser, read lazily so a missing API only skips its step. */
export function browserWipeDeps(): PanicWipeDeps {
  return {
    closeDb: closeVadaDb,
    recreateDb: recreateVadaDb,
    indexedDB: global(() => (typeof indexedDB === 'undefined' ? undefined : indexedDB)),
    caches: global(() => (typeof caches === 'undefined' ? undefined : caches)),
    unregisterServiceWorkers: () => unregisterAllServiceWorkers(),
    removePacks: () => wipePacks(),
    stopWrites: stopSettingsWrites,
    localStorage: global(() => localStorage),
    sessionStorage: global(() => sessionStorage),
    navigate: (url) => location.replace(url),
    now: () => performance.now(),
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}

/** Resolves when the deletion finished, failed, or was queued behind another open connection (blocked). */
function deleteDatabase(factory: IdbFactoryLike, name: string): Promise<void> {
  return new Promise((resolve) => {
    let request: ReturnType<IdbFactoryLike['deleteDatabase']>;
    try {
      request = factory.deleteDatabase(name);
    } catch {
      return resolve();
    }
    request.onsuccess = () => resolve();
    request.onerror = () => resolve();
    // Blocked: another connection (the service worker's, another tab's) is open. The request stays
    // queued in the browser and completes once that connection closes, also after this page is gone.
    request.onblocked = () => resolve();
  });
}

async function deleteAllDatabases(factory: IdbFactoryLike | undefined, ownClosed: Promise<unknown>): Promise<void> {
  if (!factory) return;
  // Vada's own by name (databases() is missing in some browsers) once this page's connection is closed, so
  // the request is not reported blocked by this very page; then whatever else is listed.
  const own = ownClosed.then(() => deleteDatabase(factory, DB_NAME));
  const listed = factory.databases ? await factory.databases().catch(() => []) : [];
  const others = new Set(listed.map((d) => d.name).filter((n): n is string => typeof n === 'string' && n !== DB_NAME));
  await Promise.all([own, ...[...others].map((name) => deleteDatabase(factory, name))]);
}

async function deleteAllCaches(storage: CacheStorageLike | undefined): Promise<void> {
  if (!storage) return;
  const names = await storage.keys();
  await Promise.allSettled(names.map((name) => storage.delete(name)));
}

function clearStorage(storage: { clear(): void } | undefined): void {
  try {
    storage?.clear();
  } catch {
    /* blocked storage holds nothing */
  }
}

/**
 * Erases everything and navigates to about:blank; resolves with the
 * milliseconds taken before navigating. Never throws: each step that fails is
 * skipped so the others and the navigation still happen.
 */
export async function panicWipe(deps: PanicWipeDeps = browserWipeDeps()): Promise<number> {
  const started = deps.now();
  // Synchronous and instant: done first, so even a wipe cut short has removed settings and the PIN record.
  deps.stopWrites?.();
  clearStorage(deps.localStorage);
  clearStorage(deps.sessionStorage);
  const closing = deps.closeDb().catch(() => undefined);
  const work = Promise.allSettled([
    closing,
    deleteAllDatabases(deps.indexedDB, Promise.race([closing, deps.wait(CLOSE_WAIT_MS)])),
    deleteAllCaches(deps.caches),
    deps.unregisterServiceWorkers(),
    deps.removePacks?.(),
  ]);
  await Promise.race([work, deps.wait(WAIT_MS)]);
  // Second pass: the service worker may have stored a tile or opened its database while the first ran,
  // and a pack file an import was still writing may have refused to go.
  const sweep = Promise.allSettled([
    deleteAllCaches(deps.caches),
    deleteAllDatabases(deps.indexedDB, closing),
    deps.removePacks?.(),
  ]);
  await Promise.race([sweep, deps.wait(SWEEP_MS)]);
  const taken = deps.now() - started;
  deps.navigate('about:blank');
  return taken;
}

/**
 * Erases Vada's database and tile caches but keeps settings: setting or
 * removing the app PIN starts fresh (a new identity, nothing left unsealed).
 * The whole database is deleted, then made anew and empty — never rows
 * deleted one by one, which would leave the old database's files behind. The
 * caller reloads the page afterwards (this page's later opens fail).
 */
export async function eraseAppData(deps: PanicWipeDeps = browserWipeDeps()): Promise<void> {
  const closing = deps.closeDb().catch(() => undefined);
  const factory = deps.indexedDB;
  const work = Promise.allSettled([
    closing,
    factory &&
      closing
        .then(() => deleteDatabase(factory, DB_NAME))
        .then(() => deps.recreateDb?.())
        .catch(() => undefined),
    deps.caches && Promise.allSettled(TILE_CACHE_NAMES.map((name) => deps.caches?.delete(name))),
  ]);
  await Promise.race([work, deps.wait(WAIT_MS)]);
}
