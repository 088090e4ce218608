/**
 * Saved-area rows in IndexedDB (store `areas`). The tiles themselves live in
 * Cache Storage; deleting an area removes only the tiles no other saved area
 * covers, then the row.
 */
import { tilesInBounds, savedTileUrl } from '../domain/tiles';
import { openSavedTileCache } from './tileDownloader';
import { openRows, sealRow } from './sealedRow';
import { openVadaDb, type SavedAreaRow } from './vadaDb';

export type { SavedAreaRow } from './vadaDb';

/** Read/write access to saved-area metadata; memory-backed in tests. */
export interface SavedAreaStore {
  list(): Promise<SavedAreaRow[]>;
  put(row: SavedAreaRow): Promise<void>;
  remove(id: string): Promise<void>;
}

/** The IndexedDB-backed store. */
export function openSavedAreaStore(): SavedAreaStore {
  return {
    list: async () =>
      (await openRows<SavedAreaRow>(await (await openVadaDb()).getAll('areas'))).sort(
        (a, b) => a.createdAt - b.createdAt,
      ),
    put: async (row) => void (await (await openVadaDb()).put('areas', await sealRow({ id: row.id }, row))),
    remove: async (id) => (await openVadaDb()).delete('areas', id),
  };
}

/** An in-memory store (tests, or a browser without IndexedDB). */
export function createMemorySavedAreaStore(): SavedAreaStore {
  const rows = new Map<string, SavedAreaRow>();
  return {
    list: () => Promise.resolve([...rows.values()].sort((a, b) => a.createdAt - b.createdAt)),
    put: async (row) => {
      rows.set(row.id, { ...row });
    },
    remove: async (id) => {
      rows.delete(id);
    },
  };
}

const urlsOf = (row: SavedAreaRow, template: string) =>
  [...tilesInBounds(row.bounds, row.minZoom, row.maxZoom)].map((t) => savedTileUrl(template, t));

/** Removes `id`'s row and those of its tiles (under `template`) that no other area uses; returns tiles deleted. */
export async function deleteSavedArea(
  store: SavedAreaStore,
  id: string,
  template: string,
  openCache: () => Promise<Cache> = openSavedTileCache,
): Promise<number> {
  const rows = await store.list();
  const row = rows.find((r) => r.id === id);
  if (!row) return 0;
  const kept = new Set(rows.filter((r) => r.id !== id).flatMap((r) => urlsOf(r, template)));
  const cache = await openCache();
  let n = 0;
  for (const url of urlsOf(row, template)) if (!kept.has(url) && (await cache.delete(url))) n++;
  await store.remove(id);
  return n;
}
