/**
 * A dynamic import that can be tried again. Chromium (150) remembers a chunk
 * that failed to load for the page's lifetime: calling the same `import()`
 * again rejects at once without a request, so a "Try again" after the network
 * came back would never fetch anything. This wrapper re-imports the failed
 * chunk under a fresh URL (`?vada-retry=n`), which the browser treats as a new
 * module, and keeps the first module that loads, so callers always get the
 * same instance. The service worker ignores the parameter when it matches its
 * precache (service-worker/sw.ts), so a retry is served offline there too.
 *
 * What it cannot mend: a chunk whose own static dependency failed (or whose
 * `<link rel=modulepreload>` did) keeps importing that remembered failure
 * under any URL of its own; only a reload clears it
 * (docs/decisions/code-splitting.md, "Trying a chunk again").
 *
 * Pure: the URL comes from the browser's error, and is used only when it is a
 * `.js` file of the app's own origin.
 */

import { CHUNK_RETRY_PARAM } from './chunkRetryParam';

/** How the fresh URL is imported; the default leaves it to the browser (the bundler does not follow it). */
export type ImportUrl = (url: string) => Promise<unknown>;

const importUrl: ImportUrl = (url) => import(/* @vite-ignore */ url);

/** The app's origin: where the module holding this code was loaded from. */
function ownOrigin(): string | undefined {
  try {
    return new URL(import.meta.url).origin;
  } catch {
    return undefined;
  }
}

/** The absolute URLs a message names, last one last (Chromium and Firefox put the chunk's there). */
const URLS = /https?:\/\/[^\s"'`<>()]+/g;

/**
 * The chunk a failed import names, without an earlier retry parameter; undefined
 * when the failure is not a fetch failure (a TypeError) naming a same-origin `.js` file.
 */
export function failedChunkUrl(error: unknown, origin: string | undefined = ownOrigin()): string | undefined {
  if (!(error instanceof TypeError) || origin === undefined) return undefined;
  const found = error.message.match(URLS)?.at(-1);
  if (!found) return undefined;
  let url: URL;
  try {
    url = new URL(found);
  } catch {
    return undefined;
  }
  if (url.origin !== origin || !url.pathname.endsWith('.js')) return undefined;
  url.searchParams.delete(CHUNK_RETRY_PARAM);
  url.hash = '';
  return url.href;
}

/** `url` with the retry parameter set to `n`. */
export function freshUrl(url: string, n: number): string {
  const u = new URL(url);
  u.searchParams.set(CHUNK_RETRY_PARAM, String(n));
  return u.href;
}

export interface RetryingImportOptions {
  /** Imports a URL; tests pass a fake. */
  readonly importUrl?: ImportUrl;
  /** The only origin a chunk is re-imported from; defaults to the app's. */
  readonly origin?: string;
}

/**
 * Wraps `load` (a dynamic import, `() => import('./x')`): the first call imports as usual;
 * when that fails, the chunk the error names is imported at once under a fresh URL (the
 * first failure may have been a passing one) and again under a newer one on every later
 * call, until one loads. Once a module is here every call returns it. Calls made while one
 * is in flight share it. The error a caller sees is the first import's own.
 */
export function retryingImport<M>(load: () => Promise<M>, options: RetryingImportOptions = {}): () => Promise<M> {
  const { importUrl: fetchUrl = importUrl, origin = ownOrigin() } = options;
  let loaded: Promise<M> | undefined;
  let inFlight: Promise<M> | undefined;
  let retries = 0;
  const attempt = async (): Promise<M> => {
    try {
      return await load();
    } catch (error) {
      const url = failedChunkUrl(error, origin);
      if (url === undefined) throw error;
      try {
        return (await fetchUrl(freshUrl(url, ++retries))) as M;
      } catch {
        throw error;
      }
    }
  };
  return () =>
    loaded ??
    (inFlight ??= attempt().then(
      (m) => {
        loaded = Promise.resolve(m);
        return m;
      },
      (error: unknown) => {
        inFlight = undefined;
        throw error;
      },
    ));
}
