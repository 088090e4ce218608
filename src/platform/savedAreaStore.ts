/**
 * Saved-area rows in IndexedDB (store `areas`). The tiles themselves live in
 * Cache Storage; deleting an area removes only the tiles no other saved area
 * covers, then the row. In the clear only a lookup key of the id (sealedRow.ts):
 * the id names the moment the area was saved, the sealed row its name and bounds.
 * Rows are checked on load: storage is trusted no more than the network.
 */
import { tilesInBounds, savedTileUrl } from '../domain/tiles';
import { openSavedTileCache } from './tileDownloader';
import { lookupKey, openRows, sealRow } from './sealedRow';
import { openVadaDb, type SavedAreaRow } from './vadaDb';

export type { SavedAreaRow } from './vadaDb';

/** Read/write access to saved-area metadata; memory-backed in tests. */
export interface SavedAreaStore {
  list(): Promise<SavedAreaRow[]>;
  put(row: SavedAreaRow): Promise<void>;
  remove(id: string): Promise<void>;
}

const STATES: readonly SavedAreaRow['state'][] = ['downloading', 'paused', 'complete'];
const byCreated = (a: SavedAreaRow, b: SavedAreaRow) => a.createdAt - b.createdAt;
/** Detached copy, so callers cannot change a stored row by mutating what they passed or got. */
const copy = (row: SavedAreaRow): SavedAreaRow => ({ ...row, bounds: { ...row.bounds } });

/** An opened row that is a saved area (a copy); undefined for anything else (damage, another key's row). */
export function asSavedAreaRow(v: unknown): SavedAreaRow | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const { id, name, bounds, minZoom, maxZoom, tileCount, doneCount, bytes, createdAt, state } = v as Record<
    string,
    unknown
  >;
  const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  const count = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
  const { south, west, north, east } = (bounds ?? {}) as Record<string, unknown>;
  if (typeof id !== 'string' || typeof name !== 'string' || typeof bounds !== 'object') return undefined;
  if (![south, west, north, east, bytes, createdAt].every(finite)) return undefined;
  if (![minZoom, maxZoom, tileCount, doneCount].every(count)) return undefined;
  if (!STATES.includes(state as SavedAreaRow['state'])) return undefined;
  return copy(v as SavedAreaRow);
}

/** The IndexedDB-backed store. */
export function openSavedAreaStore(): SavedAreaStore {
  return {
    async list() {
      const rows = await openRows(await (await openVadaDb()).getAll('areas'));
      return rows
        .map(asSavedAreaRow)
        .filter((r): r is SavedAreaRow => r !== undefined)
        .sort(byCreated);
    },
    async put(row) {
      const sealed = await sealRow({ id: await lookupKey('areas', row.id) }, copy(row));
      await (await openVadaDb()).put('areas', sealed);
    },
    remove: async (id) => (await openVadaDb()).delete('areas', await lookupKey('areas', id)),
  };
}

/** An in-memory store (tests, or a browser without IndexedDB). */
export function createMemorySavedAreaStore(): SavedAreaStore {
  const rows = new Map<string, SavedAreaRow>();
  return {
    list: () => Promise.resolve([...rows.values()].map(copy).sort(byCreated)),
    put: async (row) => {
      rows.set(row.id, copy(row));
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
