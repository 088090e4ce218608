/**
 * The only module that touches navigator.serviceWorker: registers the worker
 * through workbox-window, reports when a new version is waiting, applies it
 * only when asked (skip waiting, then reload once the new worker controls the
 * page), and after the worker first takes control tells it which tiles are on
 * screen so the first visit's tiles are cached too.
 */
import { Workbox } from 'workbox-window';

/** The part of workbox-window's Workbox this module uses (a fake in tests). */
export interface WorkboxLike {
  addEventListener(type: 'waiting' | 'controlling', listener: (event: { isUpdate?: boolean }) => void): void;
  register(): Promise<unknown>;
  messageSkipWaiting(): void;
  getSW(): Promise<{ postMessage(message: unknown): void }>;
}

/** What the page needs to know and do about app updates. */
export interface AppUpdates {
  /** True while a new version is installed and waiting for the user. */
  waiting(): boolean;
  /** Calls `listener` whenever `waiting()` changes; returns an unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** Activates the waiting version, then reloads. Only ever called from a user action. */
  apply(): void;
}

export interface ServiceWorkerDeps {
  reload(): void;
  /** URLs of images the page loaded so far (the worker keeps only tiles). */
  loadedImageUrls(): string[];
  /** Runs `fn` later (re-sends tiles that were still loading when control began). */
  later(fn: () => void, ms: number): void;
}

/** Message that asks the worker to cache the listed tile URLs. */
export const CACHE_TILES = 'VADA_CACHE_TILES';
const RESEND_MS = 3000;

/** Wires a Workbox (real or fake) to an AppUpdates state; `register()` is called here. */
export function controlServiceWorker(wb: WorkboxLike, deps: ServiceWorkerDeps): AppUpdates {
  let waiting = false;
  let applying = false;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());
  const sendTiles = () =>
    void wb
      .getSW()
      .then((sw) => sw.postMessage({ type: CACHE_TILES, urls: deps.loadedImageUrls() }))
      .catch(() => undefined);
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
  wb.register().catch((error: unknown) => console.warn('Vada: service worker registration failed', error));
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

const NO_UPDATES: AppUpdates = { waiting: () => false, subscribe: () => () => undefined, apply: () => undefined };

/** Registers /sw.js when the browser supports service workers; the app works without one. */
export function registerServiceWorker(): AppUpdates {
  // `vite` dev serves no worker; offline behaviour is tested on the build.
  if (import.meta.env.DEV) return NO_UPDATES;
  if (!('serviceWorker' in navigator)) {
    console.info('Vada: no service worker support here; the app will not open offline.');
    return NO_UPDATES;
  }
  return controlServiceWorker(new Workbox('/sw.js', { scope: '/' }), {
    reload: () => location.reload(),
    loadedImageUrls: () =>
      performance
        .getEntriesByType('resource')
        .filter((e) => (e as PerformanceResourceTiming).initiatorType === 'img')
        .map((e) => e.name),
    later: (fn, ms) => void setTimeout(fn, ms),
  });
}
