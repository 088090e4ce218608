/**
 * The browser's storage manager: ask it to keep Vada's data (persist) so
 * saved areas and unsent writes survive storage pressure, and read used /
 * available space. Absent APIs give `undefined`, never an exception.
 */

export interface StorageFigures {
  readonly usage: number;
  readonly quota: number;
}

const manager = (): StorageManager | undefined => (typeof navigator === 'undefined' ? undefined : navigator.storage);

/** Asks for persistent storage; true if granted (or already), false if refused, undefined if unsupported. */
export async function requestPersistence(): Promise<boolean | undefined> {
  const m = manager();
  if (!m?.persist) return undefined;
  try {
    return (await m.persisted?.()) || (await m.persist());
  } catch {
    return undefined;
  }
}

/** Whether storage is already persistent; undefined if the browser cannot say. */
export async function isPersisted(): Promise<boolean | undefined> {
  try {
    return await manager()?.persisted?.();
  } catch {
    return undefined;
  }
}

/** Used and available bytes for this origin, or undefined if unknown. */
export async function estimateStorage(): Promise<StorageFigures | undefined> {
  try {
    const e = await manager()?.estimate?.();
    if (!e || e.usage === undefined || e.quota === undefined) return undefined;
    return { usage: e.usage, quota: e.quota };
  } catch {
    return undefined;
  }
}
