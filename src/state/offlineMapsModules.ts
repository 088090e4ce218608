/**
 * The code of Settings › Offline maps that the map itself never needs:
 * saving areas (download, resume, delete, the tile policy) and their
 * IndexedDB rows, importing, keeping, deleting and exporting map packs. A chunk of its own, loaded through offlineMapsCode.ts when
 * the settings sheet opens or a saved area is first used, never with the map.
 */
export { createSavedAreas } from './createSavedAreas';
export { createMemorySavedAreaStore, openSavedAreaStore } from '../platform/savedAreaStore';
export { createMapPacks, NO_PACK_STORE } from './createMapPacks';
