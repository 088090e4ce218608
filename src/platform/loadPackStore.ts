/**
 * The map-pack store and its readers for the page, loaded on first use: the
 * PMTiles reader and writer (src/tiles, with the pmtiles library) stay out of
 * the first load and arrive when the app first lists, opens, imports or
 * exports a pack; the service worker precaches their chunks, so this works
 * offline. A chunk that cannot be fetched is a PackProblem('read-failed'),
 * and the next use fetches it again.
 */
import { PackProblem } from '../domain/packProblem';
import { retryingImport } from '../domain/retryingImport';
import type { RelayTilePack } from '../domain/tilePacks';
import type { SavedAreaRow } from './vadaDb';
import type { ExportSavedAreaOptions } from './savedAreaPack';
import type { PackImport, PackStore } from './packStore';
import type { OpenPack } from '../tiles/openPack';

// Each fetched again under a fresh URL after a failure (src/domain/retryingImport.ts).
const importPackStore = retryingImport(() => import('./packStore'));
const importRelayPack = retryingImport(() => import('./relayPack'));
const importSavedAreaPack = retryingImport(() => import('./savedAreaPack'));

async function load<T>(importer: () => Promise<T>): Promise<T> {
  try {
    return await importer();
  } catch (e) {
    throw new PackProblem('read-failed', `could not load the map-pack module: ${String(e)}`);
  }
}

/** A PackImport over one that starts once the store has loaded. */
function importLater(started: Promise<PackImport>): PackImport {
  let cancelled = false;
  // Cancel before the store loaded: the import is cancelled as soon as it starts.
  void started.then(
    (i) => cancelled && i.cancel(),
    () => {},
  );
  return {
    done: started.then((i) => i.done),
    cancel() {
      cancelled = true;
      void started.then(
        (i) => i.cancel(),
        () => {},
      );
    },
  };
}

/** openPackStore(), loaded on first use. */
export function openPackStoreLazily(): PackStore {
  let store: Promise<PackStore> | undefined;
  // A failed load is forgotten, so the next use tries again.
  const get = () =>
    (store ??= load(importPackStore)
      .then((m) => m.openPackStore())
      .catch((e: unknown) => {
        store = undefined;
        throw e;
      }));
  return {
    list: async () => (await get()).list(),
    importFile: (file, fileName, onProgress) =>
      importLater(get().then((s) => s.importFile(file, fileName, onProgress))),
    importUrl: (url, fileName, onProgress) => importLater(get().then((s) => s.importUrl(url, fileName, onProgress))),
    open: async (id) => (await get()).open(id),
    file: async (id) => (await get()).file(id),
    remove: async (id) => (await get()).remove(id),
    wipe: async () => (await get()).wipe(),
  };
}

/** openRelayPack(), loaded on first use. */
export async function openRelayPackLazily(pack: RelayTilePack): Promise<OpenPack> {
  return (await load(importRelayPack)).openRelayPack(pack);
}

/** exportSavedArea(), loaded on first use. */
export async function exportSavedAreaLazily(
  area: SavedAreaRow,
  template: string,
  options?: ExportSavedAreaOptions,
): Promise<Blob> {
  return (await load(importSavedAreaPack)).exportSavedArea(area, template, options);
}
