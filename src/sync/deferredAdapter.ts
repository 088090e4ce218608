/**
 * A SyncAdapter available at once whose transport arrives later: the relay
 * adapter (GUN, the largest library after Leaflet) is its own chunk, fetched
 * while the page opens its stores and draws the map from what it holds, so
 * the first paint never waits for it. Until it is here the adapter reports
 * no relay connected; subscriptions and listeners made meanwhile are attached
 * to it when it arrives, and sends wait for it (they still resolve only once
 * the record is in the durable outbox). A load that fails (offline before the
 * service worker cached the chunk) is tried again on the next use.
 */
import type { CarriedRecord, SendState, Subscription, SyncAdapter, SyncStatus } from './SyncAdapter';
import type { TimeSample } from '../domain/clockOffset';
import type { Circle } from '../protocol/circle';
import type { Sealed } from '../protocol/sealRecord';

/** A hook into the real adapter, made when it arrives; returns its unsubscribe. */
type Attach = (real: SyncAdapter) => () => void;

/**
 * Wraps `load` (resolving to the real adapter, called at once) as an adapter
 * usable now; `configured` is the number of relays it was made for, shown in
 * the status until the real one reports its own.
 */
export function deferredAdapter(load: () => Promise<SyncAdapter>, configured: number): SyncAdapter {
  let real: SyncAdapter | undefined;
  let closed = false;
  /** Hooks waiting for the real adapter, and the unsubscribes of those attached. */
  const waiting = new Set<Attach>();
  const statusListeners = new Set<(s: SyncStatus) => void>();
  let pending: Promise<SyncAdapter> | undefined;

  const arrive = (adapter: SyncAdapter) => {
    if (closed) {
      void adapter.close();
      return adapter;
    }
    real = adapter;
    for (const attach of waiting) attach(adapter);
    waiting.clear();
    // From "no relay yet" to the real adapter's own status.
    const s = adapter.status();
    for (const listener of statusListeners) listener(s);
    return adapter;
  };
  const ready = (): Promise<SyncAdapter> => {
    if (real) return Promise.resolve(real);
    return (pending ??= load().then(arrive, (error: unknown) => {
      pending = undefined;
      throw error;
    }));
  };
  // Fetched now: the relays are reached as soon as the chunk is here.
  ready().catch((error: unknown) => console.warn('Vada: the relay code could not be loaded yet', error));

  /** Runs `attach` on the real adapter now or once it is here; the returned function undoes either. */
  const hook = (attach: Attach): (() => void) => {
    if (real) return attach(real);
    let off: (() => void) | undefined;
    let gone = false;
    const later: Attach = (adapter) => {
      if (!gone) off = attach(adapter);
      return () => off?.();
    };
    waiting.add(later);
    return () => {
      gone = true;
      waiting.delete(later);
      off?.();
    };
  };

  return {
    publish: async (circle: Circle, sealed: Sealed) => (await ready()).publish(circle, sealed),
    forward: async (record: CarriedRecord) => (await ready()).forward(record),
    offer(record: CarriedRecord) {
      if (real) return real.offer?.(record);
      hook((adapter) => (adapter.offer?.(record), () => undefined));
    },
    sendState: (id: string): SendState | undefined => real?.sendState(id),
    onSend: (listener: (id: string, state: SendState) => void) => hook((adapter) => adapter.onSend(listener)),
    subscribe: (circle: Circle, sub: Subscription) => hook((adapter) => adapter.subscribe(circle, sub)),
    status: (): SyncStatus => real?.status() ?? { connected: 0, configured },
    onTime: (listener: (sample: TimeSample) => void) =>
      hook((adapter) => adapter.onTime?.(listener) ?? (() => undefined)),
    onStatus(listener: (s: SyncStatus) => void) {
      if (real) return real.onStatus(listener);
      statusListeners.add(listener);
      const off = hook((adapter) => adapter.onStatus(listener));
      return () => {
        statusListeners.delete(listener);
        off();
      };
    },
    async close() {
      closed = true;
      waiting.clear();
      statusListeners.clear();
      if (real) await real.close();
    },
  };
}
