/**
 * Saved areas on first use: the slice (createSavedAreas.ts), its IndexedDB
 * rows and the tile downloader are the offline-maps chunk
 * (offlineMapsCode.ts), made into the slice the moment that code is here.
 * Same store API: until then the list is empty, nothing is downloading, and
 * every action awaits the code first (a chunk that cannot come rejects with a
 * plain reason). The settings sheet, the only place that shows saved areas,
 * waits for the code before it opens, so `plan` always has it there.
 */
import { getOwner, runWithOwner } from 'solid-js';
import type { TilePolicy } from '../domain/tilePolicy';
import type { SavedAreaStore } from '../platform/savedAreaStore';
import type { SavedAreasDeps, SavedAreasSlice } from './createSavedAreas';
import { loadOfflineMapsCode, offlineMapsCode, type OfflineMapsCode } from './offlineMapsCode';

export interface DeferredSavedAreasDeps extends Omit<SavedAreasDeps, 'store'> {
  /** The rows' store; 'browser': IndexedDB, opened with the code; 'memory': kept in memory (tests). */
  readonly store: SavedAreaStore | 'browser' | 'memory';
}

/** Nothing is planned before the code is here: the form that asks waits for it (lazySheets.ts). */
const NOT_LOADED = { decision: { ok: false, reason: 'badRequest' }, estimateBytes: 0 } as const;

/** The saved-areas slice over `deps`, made from the offline-maps code when it is first needed. */
export function deferredSavedAreas(deps: DeferredSavedAreasDeps): SavedAreasSlice {
  // The slice's download is aborted with the store's owner, as if it had been made at once.
  const owner = getOwner();
  let made: SavedAreasSlice | undefined;
  const make = (code: OfflineMapsCode): SavedAreasSlice =>
    (made ??= runWithOwner(owner, () => {
      const store =
        deps.store === 'browser'
          ? code.openSavedAreaStore()
          : deps.store === 'memory'
            ? code.createMemorySavedAreaStore()
            : deps.store;
      return code.createSavedAreas({ ...deps, store });
    }) as SavedAreasSlice);
  /** The slice once the code is here (reactive: a reader re-runs when it arrives). */
  const real = (): SavedAreasSlice | undefined => {
    const code = offlineMapsCode();
    return code && make(code);
  };
  /** Runs `use` on the slice: at once when its code is here (as the slice itself would), else once it came. */
  const withSlice = <T>(use: (slice: SavedAreasSlice) => Promise<T>): Promise<T> => {
    const slice = real();
    return slice ? use(slice) : loadOfflineMapsCode().then((code) => use(make(code)));
  };
  const policy: TilePolicy = deps.policy;
  return {
    areas: () => real()?.areas() ?? [],
    active: () => real()?.active(),
    error: () => real()?.error(),
    policy,
    plan: (req) => real()?.plan(req) ?? NOT_LOADED,
    save: (req) => withSlice((slice) => slice.save(req)),
    resume: (id) => withSlice((slice) => slice.resume(id)),
    cancel: () => real()?.cancel(),
    remove: (id) => withSlice((slice) => slice.remove(id)),
  };
}
