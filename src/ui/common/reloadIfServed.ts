/**
 * The last step of a sheet's Try again. Chromium remembers a chunk that failed
 * to load (and every chunk that imports it) for the page's lifetime, and a
 * chunk whose dependency failed cannot be fetched again under a fresh URL
 * (src/domain/retryingImport.ts): only a reload clears that memory. But a
 * reload with no network and no service worker would swap the whole app for
 * the browser's error page, so the page reloads only when its own address
 * answers (from the network, or from the worker's cache, which then serves the
 * reload too). Called only from a tap on Try again, so it can never loop by
 * itself. See docs/decisions/code-splitting.md, "Trying a chunk again".
 */

export interface ReloadDeps {
  /** Fetches the page's address again; resolves to whether it answered 2xx. */
  readonly served: () => Promise<boolean>;
  /** Reloads the page. */
  readonly reload: () => void;
  /** False when the browser knows it has no network (nothing is asked then). */
  readonly online: () => boolean;
}

/** A relay out of reach may never answer: past this, the alert comes back rather than "Loading…" for minutes. */
const ANSWER_WITHIN_MS = 5000;

const browser: ReloadDeps = {
  served: async () =>
    (
      await fetch(location.href, {
        cache: 'no-store',
        credentials: 'same-origin',
        signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
      })
    ).ok,
  reload: () => location.reload(),
  online: () => navigator.onLine,
};

/** Reloads the page when it can be loaded again; resolves to whether it did. */
export async function reloadIfServed(deps: ReloadDeps = browser): Promise<boolean> {
  if (!deps.online()) return false;
  let served: boolean;
  try {
    served = await deps.served();
  } catch {
    served = false;
  }
  if (served) deps.reload();
  return served;
}
