/**
 * Registers the service worker through workbox-window, reports when a new
 * version is waiting, applies it only when asked (skip waiting, then reload
 * once the new worker controls the page), and after the worker first takes
 * control tells it which tiles are on screen so the first visit's tiles are
 * cached too (not while an app PIN is set: then the worker keeps no browsed
 * tiles at all, see tileTrail.ts). A chunk of its own with workbox-window,
 * loaded right after boot by registerServiceWorker (serviceWorker.ts), which
 * keeps the offline-start state this sets.
 */
import { Workbox } from 'workbox-window';
import { setOfflineStart, trackRegistration, type AppUpdates } from './serviceWorker';

/** The part of workbox-window's Workbox this module uses (a fake in tests). */
export interface WorkboxLike {
  addEventListener(type: 'waiting' | 'controlling', listener: (event: { isUpdate?: boolean }) => void): void;
  register(): Promise<unknown>;
  messageSkipWaiting(): void;
  getSW(): Promise<{ postMessage(message: unknown): void }>;
}

export interface ServiceWorkerDeps {
  reload(): void;
  /** URLs of images the page loaded so far (the worker keeps only tiles). */
  loadedImageUrls(): string[];
  /** Runs `fn` later (re-sends tiles that were still loading when control began). */
  later(fn: () => void, ms: number): void;
  /** False while an app PIN is set: the worker keeps no browsed tiles, so none are sent. Default true. */
  keepsTileTrail?(): boolean;
}

/** Message that asks the worker to cache the listed tile URLs. */
export const CACHE_TILES = 'VADA_CACHE_TILES';
const RESEND_MS = 3000;
/** Wait before the one retry of a registration that failed for another reason than the certificate. */
const RETRY_MS = 5000;

/** Why a registration failed, as the offline-start state ('certificate' for Chromium's certificate refusal). */
export function refusalKind(error: unknown): 'certificate' | 'failed' {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return /SSL|certificate/i.test(text) ? 'certificate' : 'failed';
}

/** Wires a Workbox (real or fake) to an AppUpdates state; `register()` is called here. */
export function controlServiceWorker(wb: WorkboxLike, deps: ServiceWorkerDeps): AppUpdates {
  let waiting = false;
  let applying = false;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());
  const sendTiles = () => {
    // With an app PIN the worker keeps no browsed tiles: nothing to send.
    if (deps.keepsTileTrail?.() === false) return;
    void wb
      .getSW()
      .then((sw) => sw.postMessage({ type: CACHE_TILES, urls: deps.loadedImageUrls() }))
      .catch(() => undefined);
  };
  // Every 'waiting' is news (possibly a newer version than the one the user put off).
  wb.addEventListener('waiting', () => {
    waiting = true;
    notify();
  });
  wb.addEventListener('controlling', (event) => {
    // The reload happens only after the user chose "Reload now": never mid-protest by itself.
    if (applying) return deps.reload();
    if (!event.isUpdate) {
      sendTiles();
      deps.later(sendTiles, RESEND_MS);
    }
  });
  setOfflineStart('checking');
  const attempt = (retries: number): Promise<void> =>
    wb.register().then(
      () => setOfflineStart('available'),
      (error: unknown) => {
        console.warn('Vada: service worker registration failed', error);
        const kind = refusalKind(error);
        setOfflineStart(kind);
        // Not the certificate: a busy network or a relay restarting may have failed the script's
        // fetch, so it is tried once more before the page settles for no offline start.
        if (kind !== 'failed' || retries === 0) return undefined;
        return new Promise<void>((done) => deps.later(() => void attempt(retries - 1).then(done), RETRY_MS));
      },
    );
  trackRegistration(attempt(1));
  return {
    waiting: () => waiting,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    apply() {
      if (!waiting || applying) return;
      applying = true;
      wb.messageSkipWaiting();
    },
  };
}

/** Registers /sw.js with this browser's Workbox; `keepTileTrail: false` (an app PIN) sends no loaded tiles. */
export function controlBrowserWorker(keepTileTrail: boolean): AppUpdates {
  return controlServiceWorker(new Workbox('/sw.js', { scope: '/' }), {
    reload: () => location.reload(),
    loadedImageUrls: () =>
      performance
        .getEntriesByType('resource')
        .filter((e) => (e as PerformanceResourceTiming).initiatorType === 'img')
        .map((e) => e.name),
    later: (fn, ms) => void setTimeout(fn, ms),
    keepsTileTrail: () => keepTileTrail,
  });
}
