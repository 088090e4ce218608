/**
 * Map packs on first use: the list the map draws from (createPackList.ts)
 * answers at once; importing, keeping, deleting and exporting
 * (createMapPacks.ts) come with the offline-maps chunk (offlineMapsCode.ts),
 * made the moment that code is here. Same store API: until then nothing is
 * running or refused, and each action awaits the code first; an import whose
 * code cannot come is refused as unreadable ('read-failed'), as the pack
 * store's own loader does. Settings (where packs are managed) waits for the
 * code before it opens.
 */
import { createSignal, getOwner, runWithOwner } from 'solid-js';
import type { PackStore } from '../platform/packStore';
import type { MapPacksDeps, MapPacksSlice, PackRefusal } from './createMapPacks';
import { createPackList } from './createPackList';
import { loadOfflineMapsCode, offlineMapsCode, type OfflineMapsCode } from './offlineMapsCode';

export interface DeferredMapPacksDeps extends Omit<MapPacksDeps, 'store'> {
  /** This phone's pack store; default none (nothing listed, every import refused). */
  readonly store?: PackStore;
}

/** The map-packs slice over `deps`: its list now, the rest from the offline-maps code when first needed. */
export function deferredMapPacks(deps: DeferredMapPacksDeps): MapPacksSlice {
  const owner = getOwner();
  const list = createPackList(deps);
  /** Why the last import could not even start (its code did not come). */
  const [unloaded, setUnloaded] = createSignal<PackRefusal>();
  let made: MapPacksSlice | undefined;
  const make = (code: OfflineMapsCode): MapPacksSlice =>
    (made ??= runWithOwner(owner, () =>
      code.createMapPacks({ ...deps, store: deps.store ?? code.NO_PACK_STORE }, list),
    ) as MapPacksSlice);
  /** The slice once the code is here (reactive: a reader re-runs when it arrives). */
  const real = (): MapPacksSlice | undefined => {
    const code = offlineMapsCode();
    return code && make(code);
  };
  /** Runs `use` on the slice: at once when its code is here (as the slice itself would), else once it came. */
  const withSlice = <T>(use: (slice: MapPacksSlice) => Promise<T>): Promise<T> => {
    const slice = real();
    return slice ? use(slice) : loadOfflineMapsCode().then((code) => use(make(code)));
  };
  /** An import: refused as unreadable when its code cannot come. */
  const importing = (name: string, run: (slice: MapPacksSlice) => ReturnType<MapPacksSlice['keep']>) => {
    setUnloaded(undefined);
    return withSlice(run).catch((error: unknown) => {
      // Only the code's own failure lands here: the slice answers refusals itself and never rejects an import.
      if (!list.forgotten()) setUnloaded({ name, code: 'read-failed' });
      console.warn('Vada: the map-pack code could not be loaded', error);
      return undefined;
    });
  };

  return {
    packs: list.packs,
    relayPacks: list.relayPacks,
    onMap: list.onMap,
    task: () => real()?.task(),
    refusal: () => real()?.refusal() ?? unloaded(),
    exporting: () => real()?.exporting(),
    exported: () => real()?.exported(),
    importFile: (file, fileName) => importing(fileName, (slice) => slice.importFile(file, fileName)),
    keep: (id) => importing(list.relayPacks().find((p) => p.id === id)?.name ?? id, (slice) => slice.keep(id)),
    cancel: () => real()?.cancel(),
    remove: (id) => withSlice((slice) => slice.remove(id)),
    exportPack: (id) => withSlice((slice) => slice.exportPack(id)),
    exportSavedArea: (areaId) => withSlice((slice) => slice.exportSavedArea(areaId)),
    open: list.open,
    dismissRefusal() {
      setUnloaded(undefined);
      real()?.dismissRefusal();
    },
    forget() {
      list.forget();
      setUnloaded(undefined);
      made?.forget();
    },
  };
}
