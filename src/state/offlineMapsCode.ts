/**
 * The offline-maps code (offlineMapsModules.ts: saving areas, managing map
 * packs), fetched on
 * first use (lazyCode.ts). The settings sheet waits for it before it shows
 * (src/ui/shell/lazySheets.ts), so its forms never meet it missing.
 */
import { lazyCode } from './lazyCode';

/** The loaded offline-maps code. */
export type OfflineMapsCode = typeof import('./offlineMapsModules');

const offlineMaps = lazyCode(() => import('./offlineMapsModules'));

/** The offline-maps code once loaded (reactive), else undefined. */
export const offlineMapsCode = offlineMaps.code;

/** Fetches the offline-maps code (once; again after a failure). */
export const loadOfflineMapsCode = offlineMaps.load;
