/**
 * The page's LinkAdapter before any phone is linked: a stand-in that keeps
 * what the real one must know (subscriptions, records published, carried or
 * offered, listeners) and hands it over when the real adapter (linkAdapter,
 * linkSession, the link wire: its own chunk) is loaded, on the first pairing
 * (`load`) or the first channel attached. No link can exist before that, so
 * nothing is lost by waiting: records reach the first link exactly as if the
 * adapter had been there from the start. Sends kept meanwhile are in memory,
 * like the page's link outbox; a link adapter over a durable outbox must be
 * loaded at once to read it. Why not deferredAdapter: that one
 * fetches its transport at once, and this one must not load before it is used.
 */
import type { LinkAdapter, LinkCutReason } from './linkAdapter';
import type { LinkChannel } from './LinkChannel';
import type { CarriedRecord, SendState, Subscription, SyncStatus } from './SyncAdapter';
import type { Circle } from '../protocol/circle';
import type { Sealed } from '../protocol/sealRecord';

/** Records offered before the load, at most: as many as the real adapter holds (LINK_WIRE.heldRecords). */
export const OFFERED_BEFORE_LOAD = 20_000;

export interface DeferredLinkAdapter extends LinkAdapter {
  /**
   * Loads the real adapter now (a pairing starts) and hands it everything kept so far; rejects when
   * its chunk cannot be fetched (offline before the service worker cached it), tried again next time.
   */
  load(): Promise<LinkAdapter>;
}

type Send = { readonly circle: Circle; readonly sealed: Sealed } | { readonly record: CarriedRecord };

/** Wraps `load` (resolving to the real adapter), called on the first `load()` or `attach`, never before. */
export function deferredLinkAdapter(load: () => Promise<LinkAdapter>): DeferredLinkAdapter {
  let real: LinkAdapter | undefined;
  let pending: Promise<LinkAdapter> | undefined;
  let closed = false;
  /** Hooks waiting for the real adapter (subscriptions, listeners, channels), in the order they came. */
  const waiting = new Set<(adapter: LinkAdapter) => void>();
  /** Published and carried records, in order; offered ones by id (oldest first, capped). */
  const sends = new Map<string, Send>();
  const offered = new Map<string, CarriedRecord>();

  const arrive = (adapter: LinkAdapter): LinkAdapter => {
    if (closed) {
      void adapter.close();
      throw new Error('sync adapter is closed');
    }
    real = adapter;
    // Circles first (subscriptions), then this phone's own records, then the rest: as they would have come.
    for (const hook of waiting) hook(adapter);
    waiting.clear();
    for (const send of sends.values()) {
      // A failure here is the link outbox's own (memory): nothing the caller, long resolved, could do.
      const sent = 'sealed' in send ? adapter.publish(send.circle, send.sealed) : adapter.forward(send.record);
      sent.catch(() => undefined);
    }
    sends.clear();
    for (const record of offered.values()) adapter.offer(record);
    offered.clear();
    return adapter;
  };
  const ready = (): Promise<LinkAdapter> => {
    if (real) return Promise.resolve(real);
    if (closed) return Promise.reject(new Error('sync adapter is closed'));
    return (pending ??= load().then(arrive, (error: unknown) => {
      pending = undefined;
      throw error;
    }));
  };

  /** Runs `attach` on the real adapter now or once it is here; the returned function undoes either. */
  const hook = (attach: (adapter: LinkAdapter) => () => void): (() => void) => {
    if (real) return attach(real);
    let off: (() => void) | undefined;
    let gone = false;
    const later = (adapter: LinkAdapter) => {
      if (!gone) off = attach(adapter);
    };
    waiting.add(later);
    return () => {
      gone = true;
      waiting.delete(later);
      off?.();
    };
  };

  return {
    load: ready,
    attach(channel: LinkChannel) {
      if (real) return real.attach(channel);
      if (closed) {
        channel.close();
        return () => {};
      }
      // The channel holds early frames until it is listened to (phoneLink.ts), so none is lost meanwhile.
      let drop: (() => void) | undefined;
      let dropped = false;
      ready().then(
        (adapter) => {
          if (dropped) channel.close();
          else drop = adapter.attach(channel);
        },
        () => channel.close(),
      );
      return () => {
        dropped = true;
        if (drop) drop();
        else channel.close();
      };
    },
    offer(record: CarriedRecord) {
      if (real) return real.offer(record);
      if (closed || offered.has(record.id) || sends.has(record.id)) return;
      offered.set(record.id, record);
      if (offered.size > OFFERED_BEFORE_LOAD) offered.delete(offered.keys().next().value as string);
    },
    onCut: (listener: (reason: LinkCutReason) => void) => hook((adapter) => adapter.onCut(listener)),
    async publish(circle: Circle, sealed: Sealed) {
      if (closed) throw new Error('sync adapter is closed');
      if (real) return real.publish(circle, sealed);
      offered.delete(sealed.id);
      if (!sends.has(sealed.id)) sends.set(sealed.id, { circle, sealed });
    },
    async forward(record: CarriedRecord) {
      if (closed) throw new Error('sync adapter is closed');
      if (real) return real.forward(record);
      offered.delete(record.id);
      if (!sends.has(record.id)) sends.set(record.id, { record });
    },
    sendState(id: string): SendState | undefined {
      if (real) return real.sendState(id);
      const send = sends.get(id);
      if (!send) return undefined;
      return 'record' in send ? { state: 'unsent', carried: true } : { state: 'unsent' };
    },
    onSend: (listener: (id: string, state: SendState) => void) => hook((adapter) => adapter.onSend(listener)),
    subscribe: (circle: Circle, sub: Subscription) => hook((adapter) => adapter.subscribe(circle, sub)),
    // No link before the real adapter: nothing connected, nothing configured, nothing synced.
    status: (): SyncStatus => real?.status() ?? { connected: 0, configured: 0 },
    // The status only changes once a link opens, on the real adapter: listeners wait for it.
    onStatus: (listener: (s: SyncStatus) => void) => hook((adapter) => adapter.onStatus(listener)),
    async close() {
      closed = true;
      waiting.clear();
      sends.clear();
      offered.clear();
      if (real) await real.close();
    },
  };
}
