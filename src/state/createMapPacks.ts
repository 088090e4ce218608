/**
 * Map packs (PMTiles files): the packs on this phone and the packs the relay
 * serves (runtime config), importing a file with progress and cancel,
 * keeping a relay pack on this phone, delete, and export — an imported pack
 * as its own file, a saved area written as a pack — through the share sheet
 * or a download. One import at a time: a pack may be hundreds of MB and the
 * storage estimate is checked for one at a time. Refusals are PackProblem
 * codes the UI words; nothing here touches storage or files itself (ports).
 * The list the map draws from is createPackList.ts, in the first load; this
 * module is the offline-maps chunk (deferredMapPacks.ts makes it on first use).
 */
import { createSignal, type Accessor } from 'solid-js';
import { packDisplayName, packFileName } from '../domain/packFileName';
import { isPackProblem, type PackProblemCode } from '../domain/packProblem';
import type { FileShareOutcome } from '../platform/bundleFile';
import type { PackFilePort } from '../platform/packFile';
import type { PackRecord, PackStore } from '../platform/packStore';
import type { SavedAreaRow } from '../platform/savedAreaStore';
import {
  createPackList,
  type OpenedPack,
  type PackList,
  type PackOnMap,
  type RelayPack,
  type RelayPackView,
} from './createPackList';

export type { OpenedPack, PackOnMap, RelayPack, RelayPackView } from './createPackList';
export { NO_PACK_STORE } from './noPackStore';

/** An import running now: from a file, or keeping a relay pack. */
export interface PackTask {
  readonly kind: 'file' | 'relay';
  readonly name: string;
  readonly written: number;
  readonly total: number;
}

/** The last refusal: which file and why. */
export interface PackRefusal {
  readonly name: string;
  readonly code: PackProblemCode;
}

export interface MapPacksDeps {
  readonly store: PackStore;
  readonly relayPacks: readonly RelayPack[];
  /** Opens a relay pack over HTTP range requests. */
  readonly openRelay: (pack: RelayPack) => Promise<OpenedPack | undefined>;
  /** Writes a saved area's tiles as a pack file. */
  readonly exportSavedArea: (area: SavedAreaRow) => Promise<Blob>;
  readonly savedArea: (id: string) => SavedAreaRow | undefined;
  readonly files: PackFilePort;
  /** After a pack was added or removed (storage figures changed). */
  readonly onStored?: () => void;
}

export interface MapPacksSlice {
  /** Packs on this phone, oldest first. */
  readonly packs: Accessor<readonly PackRecord[]>;
  /** Packs the relay serves. */
  readonly relayPacks: Accessor<readonly RelayPackView[]>;
  /** Every pack the map draws from (relay packs this phone keeps a copy of are left out). */
  readonly onMap: Accessor<readonly PackOnMap[]>;
  readonly task: Accessor<PackTask | undefined>;
  readonly refusal: Accessor<PackRefusal | undefined>;
  /** A saved area being written as a pack (its id). */
  readonly exporting: Accessor<string | undefined>;
  /** The outcome of the last export or share. */
  readonly exported: Accessor<FileShareOutcome | undefined>;
  /** Imports a file; resolves with the stored pack, or undefined when refused or cancelled. */
  importFile(file: Blob, fileName: string): Promise<PackRecord | undefined>;
  /** Keeps a copy of a relay pack on this phone. */
  keep(id: string): Promise<PackRecord | undefined>;
  cancel(): void;
  remove(id: string): Promise<void>;
  /** Shares (or downloads) an imported pack's file as it is. */
  exportPack(id: string): Promise<FileShareOutcome>;
  /** Writes a saved area as a pack and shares (or downloads) it. */
  exportSavedArea(areaId: string): Promise<FileShareOutcome>;
  /** Opens a pack by id (device or relay) for the map; undefined when it is gone. */
  open(id: string): Promise<OpenedPack | undefined>;
  dismissRefusal(): void;
  /** Panic wipe: the packs are deleted with the rest (panicWipe); the slice forgets them. */
  forget(): void;
}

const codeOf = (e: unknown): PackProblemCode => (isPackProblem(e) ? e.code : 'read-failed');

/** The whole slice; `list` is the part the map reads, made first (deferredMapPacks.ts) or here. */
export function createMapPacks(deps: MapPacksDeps, list: PackList = createPackList(deps)): MapPacksSlice {
  const { packs, relayPacks, onMap, reload, forgotten } = list;
  const [task, setTask] = createSignal<PackTask>();
  const [refusal, setRefusal] = createSignal<PackRefusal>();
  const [exporting, setExporting] = createSignal<string>();
  const [exported, setExported] = createSignal<FileShareOutcome>();
  let cancelRunning: (() => void) | undefined;

  const run = async (
    kind: PackTask['kind'],
    name: string,
    total: number,
    start: (onProgress: (written: number, total: number) => void) => {
      done: Promise<PackRecord>;
      cancel(): void;
    },
  ): Promise<PackRecord | undefined> => {
    if (task() || forgotten()) return undefined;
    setRefusal(undefined);
    setExported(undefined);
    setTask({ kind, name, written: 0, total });
    try {
      const running = start((written, all) => setTask({ kind, name, written, total: all }));
      cancelRunning = () => running.cancel();
      const record = await running.done;
      await reload();
      deps.onStored?.();
      return record;
    } catch (e) {
      const code = codeOf(e);
      // Cancelling is the person's own choice, not a refusal to explain.
      if (code !== 'cancelled' && !forgotten()) setRefusal({ name, code });
      return undefined;
    } finally {
      cancelRunning = undefined;
      setTask(undefined);
    }
  };

  const share = async (file: File): Promise<FileShareOutcome> => {
    const outcome = deps.files.canShare(file) ? await deps.files.share(file) : deps.files.download(file);
    setExported(outcome);
    return outcome;
  };

  return {
    packs,
    relayPacks,
    onMap,
    task,
    refusal,
    exporting,
    exported,
    importFile: (file, fileName) =>
      run('file', fileName, file.size, (onProgress) => deps.store.importFile(file, fileName, onProgress)),
    keep(id) {
      const pack = relayPacks().find((p) => p.id === id);
      if (!pack) return Promise.resolve(undefined);
      return run('relay', packDisplayName(pack.name, pack.fileName), pack.bytes, (onProgress) =>
        deps.store.importUrl(pack.url, pack.fileName, onProgress),
      );
    },
    cancel: () => cancelRunning?.(),
    async remove(id) {
      await deps.store.remove(id);
      await reload();
      deps.onStored?.();
    },
    async exportPack(id) {
      setExported(undefined);
      const file = await deps.store.file(id);
      if (!file) {
        setExported('failed');
        return 'failed';
      }
      return share(file);
    },
    async exportSavedArea(areaId) {
      const area = deps.savedArea(areaId);
      if (!area || exporting()) return 'failed';
      setExported(undefined);
      setExporting(areaId);
      try {
        const blob = await deps.exportSavedArea(area);
        return await share(new File([blob], packFileName(area.name), { type: 'application/vnd.pmtiles' }));
      } catch {
        setExported('failed');
        return 'failed';
      } finally {
        setExporting(undefined);
      }
    },
    open: list.open,
    dismissRefusal: () => setRefusal(undefined),
    forget() {
      list.forget();
      cancelRunning?.();
      setRefusal(undefined);
    },
  };
}
