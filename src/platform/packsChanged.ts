/**
 * Tells the service worker that the imported map packs changed (a pack
 * imported or deleted, all of them wiped), so it reads the pack index again
 * and forgets the packs it holds open: a deleted pack's tiles must stop being
 * served at once, a new pack's must start without a reload.
 */

/** Message `{ type: PACKS_CHANGED }` from the page to the worker. */
export const PACKS_CHANGED = 'VADA_PACKS_CHANGED';

/** True when `data` is a PACKS_CHANGED message. */
export function isPacksChanged(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === PACKS_CHANGED;
}

/** The part of navigator.serviceWorker the sender uses (a fake in tests). */
export interface PacksChangedTarget {
  getRegistrations(): Promise<readonly { readonly active?: { postMessage(message: unknown): void } | null }[]>;
}

function browserTarget(): PacksChangedTarget | undefined {
  try {
    return typeof navigator !== 'undefined' && 'serviceWorker' in navigator ? navigator.serviceWorker : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Posts PACKS_CHANGED to every active worker of this origin (also one that
 * does not control this page yet); resolves once posted, never rejects.
 */
export async function sendPacksChanged(target: PacksChangedTarget | undefined = browserTarget()): Promise<void> {
  if (!target) return;
  try {
    for (const registration of await target.getRegistrations()) {
      try {
        registration.active?.postMessage({ type: PACKS_CHANGED });
      } catch {
        /* a worker that is gone holds no packs */
      }
    }
  } catch {
    /* no registrations: no worker to tell */
  }
}
