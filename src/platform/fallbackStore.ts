/**
 * The fallback places (plaintext and keys) this device sealed into its own
 * points, in IndexedDB (store `fallbacks`). Only the organizer's device has
 * them; a disperse alert reveals one key. Rows are deleted once they expire,
 * so a seized phone holds no old plans. In the clear: a lookup key for the
 * point and the expiry's hour (sealedRow.ts).
 */
import { coarseTime, lookupKey, openRow, sealRow } from './sealedRow';
import { deleteExpired, openVadaDb, type FallbackRow } from './vadaDb';

export type { FallbackRow } from './vadaDb';

export interface FallbackStore {
  put(row: FallbackRow): Promise<void>;
  /** The row for a point this device proposed, if any. */
  get(point: string): Promise<FallbackRow | undefined>;
  /** Deletes rows that expired at or before `now`; returns how many. */
  prune(now: number): Promise<number>;
}

/** The IndexedDB-backed store; the database opens on first use. */
export function openFallbackStore(): FallbackStore {
  return {
    async put(row) {
      const clear = { point: await lookupKey('fallbacks', row.point), expiresAt: coarseTime(row.expiresAt) };
      await (await openVadaDb()).put('fallbacks', await sealRow(clear, copy(row)));
    },
    async get(point) {
      const stored = await (await openVadaDb()).get('fallbacks', await lookupKey('fallbacks', point));
      const row = stored && asFallbackRow(await openRow(stored));
      return row?.point === point ? row : undefined;
    },
    prune: async (now) => deleteExpired(await openVadaDb(), 'fallbacks', now, (s) => openRow<FallbackRow>(s)),
  };
}

/** An opened row that is a fallback row (a copy); undefined for anything else (damage, another key's row). */
export function asFallbackRow(v: unknown): FallbackRow | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const { point, keys, places, expiresAt } = v as Record<string, unknown>;
  const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  const isPlace = (p: unknown) => {
    const { label, lat, lon } = (p ?? {}) as Record<string, unknown>;
    return typeof label === 'string' && finite(lat) && finite(lon);
  };
  if (typeof point !== 'string' || !finite(expiresAt)) return undefined;
  if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string')) return undefined;
  if (!Array.isArray(places) || !places.every(isPlace)) return undefined;
  return copy({ point, keys, places, expiresAt } as FallbackRow);
}

/** Detached copy, so callers cannot change a stored row by mutating what they passed or got. */
function copy(row: FallbackRow): FallbackRow {
  return { point: row.point, keys: [...row.keys], places: row.places.map((p) => ({ ...p })), expiresAt: row.expiresAt };
}

/** The same contract in memory (tests, or a browser without IndexedDB). */
export function createMemoryFallbackStore(): FallbackStore {
  const rows = new Map<string, FallbackRow>();
  return {
    put: async (row) => void rows.set(row.point, copy(row)),
    get: async (point) => {
      const row = rows.get(point);
      return row && copy(row);
    },
    async prune(now) {
      let n = 0;
      for (const [point, r] of rows) if (r.expiresAt <= now && rows.delete(point)) n++;
      return n;
    },
  };
}
