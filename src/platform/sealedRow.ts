/**
 * How the IndexedDB stores keep a row at rest: the fields IndexedDB needs (key
 * path, index) in the clear, the whole row in `sealed` through atRest() — with
 * an app PIN that is AES-GCM under the data key, without one the row itself.
 * Rows written before this layout (no `sealed`) are read as they are.
 * Key paths are lookup keys (atRest().lookup: a keyed hash with a PIN), and
 * the times kept in the clear for pruning are coarsened to the hour (the exact
 * time is inside the sealed row): a locked phone tells neither which records
 * it holds nor exactly when they were made or end.
 */
import { atRest } from './atRest';

/** Granularity of the times left in the clear. */
export const CLEAR_TIME_MS = 60 * 60 * 1000;

/** The time as kept in the clear: rounded down to the hour (never later than the exact time, so pruning finds it). */
export function coarseTime(ms: number): number {
  return Math.floor(ms / CLEAR_TIME_MS) * CLEAR_TIME_MS;
}

/** The key a row of `store` with this id is kept under. */
export function lookupKey(store: string, id: string): Promise<string> {
  return atRest().lookup(store, id);
}

/** `clear` plus the row sealed. */
export async function sealRow<C extends object, T>(clear: C, row: T): Promise<C & { sealed: unknown }> {
  return { ...clear, sealed: await atRest().seal(row) };
}

/** The row back, or undefined when it cannot be opened (sealed under another key, or damaged). */
export async function openRow<T>(stored: object): Promise<T | undefined> {
  if (!('sealed' in stored)) return stored as T;
  try {
    return await atRest().open<T>(stored.sealed);
  } catch {
    return undefined;
  }
}

/** Opens every row, leaving out those that do not open. */
export async function openRows<T>(stored: readonly object[]): Promise<T[]> {
  const rows = await Promise.all(stored.map((s) => openRow<T>(s)));
  return rows.filter((r): r is Awaited<T> & T => r !== undefined);
}
