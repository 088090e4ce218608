/**
 * Keeps the screen on in protest mode (Screen Wake Lock API). Browsers drop
 * the lock whenever the page is hidden; while the user still wants it, it is
 * requested again when the page becomes visible, and listeners hear 'lost'
 * then 'on'. Unsupported or refused answers 'unavailable', never throws.
 */
import type { WakeLockPort, WakeLockState } from './alertPorts';

/** The parts of WakeLockSentinel / navigator.wakeLock / document this module uses (fakes in tests). */
export interface SentinelLike {
  readonly released?: boolean;
  release(): Promise<void>;
  addEventListener(type: 'release', listener: () => void): void;
}
export interface WakeLockNavigator {
  readonly wakeLock?: { request(type: 'screen'): Promise<SentinelLike> };
}
export interface VisibilityDocument {
  readonly visibilityState: string;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

export function browserWakeLock(
  nav: WakeLockNavigator | undefined = typeof navigator === 'undefined' ? undefined : navigator,
  doc: VisibilityDocument | undefined = typeof document === 'undefined' ? undefined : document,
): WakeLockPort {
  const api = nav?.wakeLock && typeof nav.wakeLock.request === 'function' ? nav.wakeLock : undefined;
  const listeners = new Set<(state: WakeLockState) => void>();
  const emit = (state: WakeLockState) => listeners.forEach((l) => l(state));
  let wanted = false;
  let sentinel: SentinelLike | undefined;
  let requesting: Promise<boolean> | undefined;

  /** One request at a time; true when the screen is held on afterwards. */
  function request(): Promise<boolean> {
    if (!api) return Promise.resolve(false);
    if (sentinel) return Promise.resolve(true);
    requesting ??= api
      .request('screen')
      .then((s) => {
        if (!wanted) {
          // Released while the request was in flight.
          void s.release().catch(() => undefined);
          return false;
        }
        sentinel = s;
        s.addEventListener('release', () => {
          if (sentinel !== s) return;
          sentinel = undefined;
          if (wanted) emit('lost');
        });
        return true;
      })
      .catch(() => false)
      .finally(() => {
        requesting = undefined;
      });
    return requesting;
  }

  doc?.addEventListener('visibilitychange', () => {
    if (!wanted || sentinel || doc.visibilityState !== 'visible') return;
    void request().then((held) => {
      if (held) emit('on');
    });
  });

  return {
    supported: api !== undefined,
    async acquire() {
      if (!api) return 'unavailable';
      // Kept wanted even when refused now (e.g. battery saver): a later return to the page tries again.
      wanted = true;
      return (await request()) ? 'on' : 'unavailable';
    },
    async release() {
      wanted = false;
      const s = sentinel;
      sentinel = undefined;
      try {
        await s?.release();
      } catch {
        /* already released by the browser */
      }
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
