/**
 * Whether the browser believes it has a network at all (navigator.onLine and
 * its online/offline events). "Online" here does not mean a relay is
 * reachable: the sync status says that.
 */

/** The browser's own view of the network, for the state layer. */
export interface NetworkSource {
  online(): boolean;
  /** Calls `listener` on every change; returns the unsubscribe function. */
  watch(listener: (online: boolean) => void): () => void;
}

/** The browser's navigator.onLine, watched through window events. */
export function browserNetwork(): NetworkSource {
  return {
    online: () => navigator.onLine,
    watch(listener) {
      const on = () => listener(true);
      const off = () => listener(false);
      window.addEventListener('online', on);
      window.addEventListener('offline', off);
      return () => {
        window.removeEventListener('online', on);
        window.removeEventListener('offline', off);
      };
    },
  };
}
