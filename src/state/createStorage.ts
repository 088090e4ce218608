/**
 * Storage slice: whether the browser agreed to keep Vada's data, and used /
 * available space with its warning level, re-read on demand.
 */
import { createMemo, createSignal, type Accessor } from 'solid-js';
import { storageLevel, type StorageLevel } from '../domain/storageLevel';
import { estimateStorage, isPersisted, requestPersistence, type StorageFigures } from '../platform/storage';

export interface StorageDeps {
  readonly persist: () => Promise<boolean | undefined>;
  readonly persisted: () => Promise<boolean | undefined>;
  readonly estimate: () => Promise<StorageFigures | undefined>;
}

export interface StorageSlice {
  /** true granted, false refused, undefined unknown or not asked. */
  readonly persisted: Accessor<boolean | undefined>;
  readonly figures: Accessor<StorageFigures | undefined>;
  readonly level: Accessor<StorageLevel>;
  requestPersistence(): Promise<void>;
  refresh(): Promise<void>;
}

const browserStorage: StorageDeps = { persist: requestPersistence, persisted: isPersisted, estimate: estimateStorage };

export function createStorage(deps: StorageDeps = browserStorage): StorageSlice {
  const [persisted, setPersisted] = createSignal<boolean>();
  const [figures, setFigures] = createSignal<StorageFigures>();
  const level = createMemo(() => storageLevel(figures()?.usage, figures()?.quota));
  const refresh = async () => {
    setFigures(await deps.estimate());
    setPersisted(await deps.persisted());
  };
  void refresh();
  return {
    persisted,
    figures,
    level,
    async requestPersistence() {
      setPersisted(await deps.persist());
    },
    refresh,
  };
}
