/**
 * An in-memory transport: adapters on one hub see each other's records. Used by
 * state and UI tests, and held to the same contract suite as the GUN adapter.
 * `hub.inject` lets tests play a hostile peer writing raw values, and
 * `hub.setReachable(false)` plays "no relay reachable" for the offline queue.
 */
import { bucketOf } from '../domain/bucket';
import { isCorrectedClock, systemClock, type Clock } from '../domain/clock';
import type { CircleId } from '../domain/brand';
import type { Circle } from '../protocol/circle';
import type { Sealed } from '../protocol/sealRecord';
import { makeReceiver, type Receive } from './makeReceiver';
import type { Outbox } from '../domain/Outbox';
import { createMemoryOutbox } from './memoryOutbox';
import { createSendQueue } from './sendQueue';
import type { Subscription, SyncAdapter, SyncStatus } from './SyncAdapter';

interface Entry {
  bucket: number;
  wire: unknown;
}

export interface MemoryHub {
  /** Writes a raw (possibly hostile) value, as any peer could. */
  inject(circle: CircleId, id: string, wire: unknown, bucket?: number): void;
  /** Everything stored for a circle (for assertions). */
  entries(circle: CircleId): ReadonlyMap<string, Entry>;
  /** Whether adapters reach the hub (false: as if no relay were reachable). */
  reachable(): boolean;
  /** Cuts or restores every adapter's link; restoring sends what is queued. */
  setReachable(on: boolean): void;
  /** @internal */ onReachable(fn: (on: boolean) => void): () => void;
  /** @internal */ listen(circle: CircleId, fn: Receive): () => void;
}

export function createMemoryHub(): MemoryHub {
  const data = new Map<CircleId, Map<string, Entry>>();
  const listeners = new Map<CircleId, Set<Receive>>();
  const table = (c: CircleId) => data.get(c) ?? data.set(c, new Map()).get(c)!;
  const linkListeners = new Set<(on: boolean) => void>();
  let reachable = true;
  return {
    reachable: () => reachable,
    setReachable(on) {
      if (on === reachable) return;
      reachable = on;
      for (const l of linkListeners) l(on);
    },
    onReachable(fn) {
      linkListeners.add(fn);
      return () => linkListeners.delete(fn);
    },
    inject(circle, id, wire, bucket) {
      const entry = { bucket: bucket ?? bucketOf(Date.now()), wire };
      table(circle).set(id, entry);
      // Deliver asynchronously, as a network would.
      for (const fn of listeners.get(circle) ?? []) queueMicrotask(() => fn(id, entry.bucket, wire));
    },
    entries: (circle) => table(circle),
    listen(circle, fn) {
      const set = listeners.get(circle) ?? listeners.set(circle, new Set()).get(circle)!;
      set.add(fn);
      for (const [id, e] of table(circle)) queueMicrotask(() => fn(id, e.bucket, e.wire));
      return () => set.delete(fn);
    },
  };
}

export interface MemoryAdapterOptions {
  clock?: Clock;
  /** Where published records wait until sent (default: a fresh in-memory outbox). */
  outbox?: Outbox;
  /**
   * The hub's own clock, told like a relay tells its time (protocol §1.1): one
   * sample per onTime listener, at once, with no round trip. None: no samples.
   */
  hubClock?: Clock;
}

export function createMemoryAdapter(hub: MemoryHub, opts: MemoryAdapterOptions = {}): SyncAdapter {
  const clock = opts.clock ?? systemClock;
  const queue = createSendQueue(opts.outbox ?? createMemoryOutbox(), clock);
  const unsubs = new Set<() => void>();
  const statusListeners = new Set<(s: SyncStatus) => void>();
  let closed = false;
  let status: SyncStatus = { connected: hub.reachable() ? 1 : 0, configured: 1 };
  const setStatus = (next: SyncStatus) => {
    status = next;
    for (const l of statusListeners) l(status);
  };
  const touch = () => setStatus({ ...status, lastSync: clock.now() });
  // The hub stores the record and answers at once, as a relay's acknowledgement.
  const send = (e: { id: string; circle: string; wire: string; created: number }) => {
    if (closed || !hub.reachable()) return;
    if (!hub.entries(e.circle as CircleId).has(e.id))
      hub.inject(e.circle as CircleId, e.id, e.wire, bucketOf(e.created));
    queue.acked(e.id);
  };
  const flush = () => queue.pending().forEach(send);
  const offLink = hub.onReachable((on) => {
    setStatus({ ...status, connected: on ? 1 : 0 });
    if (on) flush();
  });
  void queue.ready.then(flush);
  return {
    async publish(circle: Circle, sealed: Sealed) {
      if (closed) throw new Error('sync adapter is closed');
      const entry = { id: sealed.id, circle: circle.id, wire: sealed.wire, created: sealed.envelope.t };
      // Content-addressed and immutable: a second publish of the same id changes nothing.
      await queue.enqueue(entry, send);
    },
    async forward(record) {
      if (closed) throw new Error('sync adapter is closed');
      const entry = { ...record, carried: true as const };
      await queue.enqueue(entry, send);
    },
    sendState: (id) => queue.state(id),
    onSend: (l) => queue.onChange(l),
    subscribe(circle: Circle, sub: Subscription) {
      const receive = makeReceiver(circle, sub, clock, touch);
      // Offline, an adapter hears nothing new; records it missed arrive as history when the link returns.
      const off = hub.listen(circle.id, (id, bucket, wire) => hub.reachable() && receive(id, bucket, wire));
      const offLinkReplay = hub.onReachable((on) => {
        if (on) for (const [id, e] of hub.entries(circle.id)) queueMicrotask(() => receive(id, e.bucket, e.wire));
      });
      const stop = () => {
        off();
        offLinkReplay();
      };
      unsubs.add(stop);
      return () => {
        stop();
        unsubs.delete(stop);
      };
    },
    status: () => status,
    onTime(listener) {
      const told = opts.hubClock?.now();
      if (told !== undefined && !closed) {
        const at = (isCorrectedClock(clock) ? clock.local : clock).now();
        listener({ relay: 'memory-hub', sentAt: at, receivedAt: at, relayTime: told });
      }
      return () => {};
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    async close() {
      closed = true;
      offLink();
      for (const off of unsubs) off();
      unsubs.clear();
      statusListeners.clear();
    },
  };
}
