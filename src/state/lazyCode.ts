/**
 * A chunk of store code fetched on first use and kept in a signal, so the
 * slices built on it (deferredSavedAreas, deferredPhoneLinks) fill in
 * reactively the moment it arrives, and their sheets can wait for it before
 * they show (src/ui/shell/lazySheets.ts). Fetched once; a failure is
 * forgotten, so the next use tries again. The service worker precaches every
 * chunk, so this works offline once the app was opened online.
 */
import { createSignal, type Accessor } from 'solid-js';

export interface LazyCode<T> {
  /** The code once loaded (reactive), else undefined. */
  readonly code: Accessor<T | undefined>;
  /** Fetches the code; rejects with a plain reason when it cannot come (offline before it was saved). */
  load(): Promise<T>;
}

/** `importer` (a literal `import('./module')`), loaded when `load()` is first called. */
export function lazyCode<T>(importer: () => Promise<T>): LazyCode<T> {
  const [code, setCode] = createSignal<T>();
  let pending: Promise<T> | undefined;
  return {
    code,
    load: () =>
      (pending ??= importer().then(
        (loaded) => {
          setCode(() => loaded);
          return loaded;
        },
        (error: unknown) => {
          pending = undefined;
          throw new Error(
            'This part of Vada is not on this phone yet (offline before it was saved). Try again online.',
            {
              cause: error,
            },
          );
        },
      )),
  };
}
