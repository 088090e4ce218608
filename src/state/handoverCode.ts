/**
 * Loads hand-over's bundle code (handoverBundles.ts) on first use and keeps it
 * in a signal, so the handover slice's synchronous reads (`share`, `scan`)
 * fill in reactively the moment it arrives. The share and import sheets wait
 * for it before they show (src/ui/shell/lazySheets.ts), so a user never sees
 * it missing; the service worker precaches the chunk like every other.
 */
import { createSignal } from 'solid-js';

/** The loaded bundle code. */
export type HandoverCode = typeof import('./handoverBundles');

const [loaded, setLoaded] = createSignal<HandoverCode>();
let pending: Promise<HandoverCode> | undefined;

/** The bundle code once loaded (reactive), else undefined. */
export const handoverCode = loaded;

/** Fetches the bundle code (once; again after a failure). */
export function loadHandoverCode(): Promise<HandoverCode> {
  return (pending ??= import('./handoverBundles').then(
    (code) => {
      setLoaded(() => code);
      return code;
    },
    (error: unknown) => {
      pending = undefined;
      throw error;
    },
  ));
}
