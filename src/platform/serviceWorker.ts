/**
 * The page's side of the service worker, with controlServiceWorker.ts (the
 * only two modules that touch navigator.serviceWorker): what runs at once —
 * telling the installed worker about the tile trail before the lock screen,
 * the app-update state usable before the registration's code is here,
 * messages from the worker, unregistering at a panic wipe — while the
 * registration itself (workbox-window, updates, the first visit's tiles) is
 * a chunk loaded right after boot. It also says whether
 * offline start is possible here: Chromium refuses to register a worker on an
 * https origin whose certificate it does not trust (a hotspot relay's
 * self-signed one), even after the user accepted the certificate.
 */
import { TILE_TRAIL } from './tileTrail';

/** What the page needs to know and do about app updates. */
export interface AppUpdates {
  /** True while a new version is installed and waiting for the user. */
  waiting(): boolean;
  /** Calls `listener` whenever `waiting()` changes; returns an unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** Activates the waiting version, then reloads. Only ever called from a user action. */
  apply(): void;
}

/** Message to the worker at a panic wipe: store nothing more, and delete every cache again shortly after. */
export const WIPE = 'VADA_WIPE';

/** The registration started at boot (Workbox waits for the load event); the panic wipe waits for it. */
let registering: Promise<unknown> | undefined;

/** Keeps the registration in flight (controlServiceWorker.ts), which the panic wipe waits for. */
export function trackRegistration(pending: Promise<unknown>): void {
  registering = pending;
}

/**
 * Whether Vada can start offline from this address: 'checking' until the
 * registration settles, 'available' once it did, 'certificate' when the
 * browser refused because of the site's certificate, 'failed' for any other
 * refusal, 'unsupported' without service workers, 'dev' on the dev server.
 */
export type OfflineStart = 'checking' | 'available' | 'certificate' | 'failed' | 'unsupported' | 'dev';

/** Reads and follows the offline-start state (a fake in tests). */
export interface OfflineStartSource {
  current(): OfflineStart;
  /** Calls `listener` on every change; returns an unsubscribe. */
  subscribe(listener: () => void): () => void;
}

let offlineState: OfflineStart = 'checking';
const offlineListeners = new Set<() => void>();
/** Sets the offline-start state (the registration, controlServiceWorker.ts) and tells every listener. */
export function setOfflineStart(next: OfflineStart): void {
  offlineState = next;
  offlineListeners.forEach((l) => l());
}

/** This page's offline-start state, as the boot's registration left it. */
export const offlineStart: OfflineStartSource = {
  current: () => offlineState,
  subscribe(listener) {
    offlineListeners.add(listener);
    return () => offlineListeners.delete(listener);
  },
};

const NO_UPDATES: AppUpdates = { waiting: () => false, subscribe: () => () => undefined, apply: () => undefined };

/**
 * Registers /sw.js when the browser supports service workers; the app works without one.
 * `keepTileTrail: false` (an app PIN is set) skips sending the loaded tiles to the worker.
 */
export function registerServiceWorker(options: { keepTileTrail?: boolean } = {}): AppUpdates {
  // `vite` dev serves no worker; offline behaviour is tested on the build.
  if (import.meta.env.DEV) {
    setOfflineStart('dev');
    return NO_UPDATES;
  }
  if (!('serviceWorker' in navigator)) {
    console.info('Vada: no service worker support here; the app will not open offline.');
    setOfflineStart('unsupported');
    return NO_UPDATES;
  }
  // workbox-window and what drives it are a chunk of their own (Workbox registers after the page's load
  // event anyway): the first paint does not wait for them. The panic wipe waits for this whole chain.
  const control = import('./controlServiceWorker').then(({ controlBrowserWorker }) =>
    controlBrowserWorker(options.keepTileTrail !== false),
  );
  registering = control.then(() => registering);
  control.catch((error: unknown) => {
    console.warn('Vada: the service worker code could not be loaded', error);
    setOfflineStart('failed');
  });
  return updatesWhenLoaded(control);
}

/** AppUpdates usable at once, answering for `pending` once it is here (nothing waits before). */
export function updatesWhenLoaded(pending: Promise<AppUpdates>): AppUpdates {
  let real: AppUpdates | undefined;
  const listeners = new Set<() => void>();
  const unsubscribes = new Map<() => void, () => void>();
  void pending.then(
    (updates) => {
      real = updates;
      for (const listener of listeners) unsubscribes.set(listener, updates.subscribe(listener));
      if (updates.waiting()) listeners.forEach((l) => l());
    },
    () => undefined,
  );
  return {
    waiting: () => real?.waiting() ?? false,
    subscribe(listener) {
      listeners.add(listener);
      if (real) unsubscribes.set(listener, real.subscribe(listener));
      return () => {
        listeners.delete(listener);
        unsubscribes.get(listener)?.();
        unsubscribes.delete(listener);
      };
    },
    apply: () => real?.apply(),
  };
}

/** The part of navigator.serviceWorker that tells the worker about the tile trail (a fake in tests). */
export interface RegistrationLookupLike {
  getRegistration(): Promise<
    { readonly active?: { postMessage(message: unknown, transfer: Transferable[]): void } | null } | undefined
  >;
}

function browserRegistrationLookup(): RegistrationLookupLike | undefined {
  try {
    return typeof navigator !== 'undefined' && 'serviceWorker' in navigator ? navigator.serviceWorker : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Tells the installed worker whether to keep a trail of browsed tiles
 * (`keep: false` while an app PIN is set: it stores none and deletes the
 * trail). Sent at every boot, before the lock screen and so before any tile
 * is requested; resolves true once the worker answered, false without a
 * worker or after `timeoutMs` (a worker that missed it still has the choice
 * it stored last time).
 */
export function sendTileTrail(
  keep: boolean,
  container: RegistrationLookupLike | undefined = browserRegistrationLookup(),
  timeoutMs = 1500,
): Promise<boolean> {
  if (!container) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    const done = (answered: boolean) => {
      clearTimeout(timer);
      resolve(answered);
    };
    container.getRegistration().then(
      (registration) => {
        const worker = registration?.active;
        if (!worker) return done(false);
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          channel.port1.close();
          done(true);
        };
        try {
          worker.postMessage({ type: TILE_TRAIL, keep }, [channel.port2]);
        } catch {
          done(false);
        }
      },
      () => done(false),
    );
  });
}

/** The part of navigator.serviceWorker the alert code uses (a fake in tests). */
export interface ServiceWorkerContainerLike {
  readonly ready: Promise<ServiceWorkerRegistration>;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  startMessages?(): void;
}

function browserContainer(): ServiceWorkerContainerLike | undefined {
  try {
    return typeof navigator !== 'undefined' && 'serviceWorker' in navigator ? navigator.serviceWorker : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The active registration, or undefined when there is no service worker (no
 * support, dev server, registration failed). `ready` never settles without a
 * registration, hence the time limit.
 */
export function serviceWorkerReady(
  timeoutMs = 5000,
  container: ServiceWorkerContainerLike | undefined = browserContainer(),
): Promise<ServiceWorkerRegistration | undefined> {
  if (!container) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), timeoutMs);
    container.ready.then(
      (registration) => {
        clearTimeout(timer);
        resolve(registration);
      },
      () => {
        clearTimeout(timer);
        resolve(undefined);
      },
    );
  });
}

/** Calls `listener` with the data of every message the worker posts to this page; returns an unsubscribe. */
export function onServiceWorkerMessage(
  listener: (data: unknown) => void,
  container: ServiceWorkerContainerLike | undefined = browserContainer(),
): () => void {
  if (!container) return () => undefined;
  const handler = (event: MessageEvent) => listener(event.data);
  container.addEventListener('message', handler);
  // Messages sent before the page listened are queued until this (or the end of parsing).
  container.startMessages?.();
  return () => container.removeEventListener('message', handler);
}

/** The part of navigator.serviceWorker the panic wipe uses (a fake in tests). */
export interface RegistrationsLike {
  getRegistrations(): Promise<
    readonly { unregister(): Promise<boolean>; readonly active?: { postMessage(message: unknown): void } | null }[]
  >;
}

function browserRegistrations(): RegistrationsLike | undefined {
  try {
    return typeof navigator !== 'undefined' && 'serviceWorker' in navigator ? navigator.serviceWorker : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Unregisters every service worker of this origin (the panic wipe); resolves
 * once all were asked. A registration still in flight from boot would bring
 * the worker back, so after it settles the sweep runs again.
 */
export async function unregisterAllServiceWorkers(
  container: RegistrationsLike | undefined = browserRegistrations(),
  pending: Promise<unknown> | undefined = registering,
): Promise<void> {
  if (!container) return;
  const sweep = async () => {
    const registrations = await container.getRegistrations();
    // An unregistered worker still finishes the fetches in flight, and would cache their tiles after
    // the wipe deleted the caches: it is told to stop storing first (service-worker/sw.ts).
    for (const r of registrations) {
      try {
        r.active?.postMessage({ type: WIPE });
      } catch {
        /* a worker that is gone stores nothing */
      }
    }
    await Promise.allSettled(registrations.map((r) => r.unregister()));
  };
  await sweep();
  if (pending) {
    await pending.catch(() => undefined);
    await sweep();
  }
}
