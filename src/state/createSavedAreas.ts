/**
 * Saved areas: plan (policy + tile count + size estimate), download with
 * progress, cancel, resume, delete, and the list. One download at a time;
 * the row in the store is updated as tiles arrive so a reload can resume.
 */
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import {
  checkBulkDownload,
  type AreaRequest,
  type PolicyDecision,
  type PolicyRefusal,
  type TilePolicy,
} from '../domain/tilePolicy';
import { estimateBytes, tilesInBounds } from '../domain/tiles';
import { deleteSavedArea, type SavedAreaRow, type SavedAreaStore } from '../platform/savedAreaStore';
import { downloadTiles, type TileProgress } from '../platform/tileDownloader';

export interface AreaPlan {
  readonly decision: PolicyDecision;
  /** Rough size in bytes (only when allowed). */
  readonly estimateBytes: number;
}

export interface SavedAreasDeps {
  readonly store: SavedAreaStore;
  readonly policy: TilePolicy;
  readonly now: () => number;
  /** Called before the first download starts (asks the browser to keep storage). */
  readonly onFirstSave?: () => void;
  /** Called when tiles were added or removed (storage figures changed). */
  readonly onStored?: () => void;
  /** Injected in tests. */
  readonly download?: typeof downloadTiles;
  readonly deleteArea?: typeof deleteSavedArea;
}

/** Why the last download stopped early: a failed tile request, or the policy refusing a resume. */
export type SaveProblem =
  { readonly kind: 'failed'; readonly detail: string } | { readonly kind: 'refused'; readonly refusal: PolicyRefusal };

export interface SavedAreasSlice {
  readonly areas: Accessor<readonly SavedAreaRow[]>;
  /** The download in progress, if any. */
  readonly active: Accessor<{ readonly id: string; readonly progress: TileProgress } | undefined>;
  readonly error: Accessor<SaveProblem | undefined>;
  readonly policy: TilePolicy;
  plan(req: AreaRequest): AreaPlan;
  /** Checks the policy, stores the row and downloads; resolves when done, cancelled or failed. */
  save(req: AreaRequest & { readonly name: string }): Promise<void>;
  resume(id: string): Promise<void>;
  cancel(): void;
  remove(id: string): Promise<void>;
}

export function createSavedAreas(deps: SavedAreasDeps): SavedAreasSlice {
  const [areas, setAreas] = createSignal<readonly SavedAreaRow[]>([]);
  const [active, setActive] = createSignal<{ id: string; progress: TileProgress }>();
  const [error, setError] = createSignal<SaveProblem>();
  let ctrl: AbortController | undefined;
  let askedPersist = false;
  const reload = async () => setAreas(await deps.store.list());
  void reload().catch((e: unknown) => setError({ kind: 'failed', detail: String(e) }));
  onCleanup(() => ctrl?.abort());

  const run = async (row: SavedAreaRow) => {
    if (ctrl) return;
    if (!askedPersist) deps.onFirstSave?.();
    askedPersist = true;
    const mine = (ctrl = new AbortController());
    setError(undefined);
    let current: SavedAreaRow = { ...row, state: 'downloading' };
    await deps.store.put(current);
    await reload();
    const tiles = [...tilesInBounds(row.bounds, row.minZoom, row.maxZoom)];
    let lastWrite = 0;
    const onProgress = (p: TileProgress) => {
      // Only while this run is the one under way: a late report must not bring an ended run back.
      if (ctrl !== mine || mine.signal.aborted) return;
      setActive({ id: row.id, progress: p });
      current = { ...current, doneCount: p.done, bytes: p.bytes };
      // Persist progress now and then, not per tile: IndexedDB writes are not free.
      if (p.done - lastWrite >= 50) {
        lastWrite = p.done;
        void deps.store.put(current);
      }
    };
    try {
      const end = await (deps.download ?? downloadTiles)({
        template: deps.policy.tileUrl,
        tiles,
        signal: mine.signal,
        onProgress,
      });
      current = { ...current, doneCount: end.done, bytes: end.bytes, state: 'complete' };
    } catch (e) {
      current = { ...current, state: 'paused' };
      if (!mine.signal.aborted) setError({ kind: 'failed', detail: e instanceof Error ? e.message : String(e) });
    } finally {
      ctrl = undefined;
      setActive(undefined);
      await deps.store.put(current);
      await reload();
      deps.onStored?.();
    }
  };

  return {
    areas,
    active,
    error,
    policy: deps.policy,
    plan(req) {
      const decision = checkBulkDownload(deps.policy, req);
      return { decision, estimateBytes: decision.ok ? estimateBytes(decision.count) : 0 };
    },
    async save(req) {
      const decision = checkBulkDownload(deps.policy, req);
      if (!decision.ok) return;
      const now = deps.now();
      const id = `area-${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
      const name = req.name.trim().slice(0, 60) || new Date(now).toISOString().slice(0, 16).replace('T', ' ');
      const { bounds, minZoom, maxZoom } = req;
      await run({
        id,
        name,
        bounds,
        minZoom,
        maxZoom,
        tileCount: decision.count,
        doneCount: 0,
        bytes: 0,
        createdAt: now,
        state: 'downloading',
      });
    },
    async resume(id) {
      const row = areas().find((r) => r.id === id);
      if (!row || row.state === 'complete') return;
      // The tile host's policy may have changed since the area was started (or the page reloaded).
      const decision = checkBulkDownload(deps.policy, row);
      if (decision.ok) await run(row);
      else setError({ kind: 'refused', refusal: decision });
    },
    cancel: () => ctrl?.abort(),
    async remove(id) {
      if (active()?.id === id) ctrl?.abort();
      await (deps.deleteArea ?? deleteSavedArea)(deps.store, id, deps.policy.tileUrl);
      await reload();
      deps.onStored?.();
    },
  };
}
