/**
 * An in-memory transport: adapters on one hub see each other's records. Used by
 * state and UI tests, and held to the same contract suite as the GUN adapter.
 * `hub.inject` lets tests play a hostile peer writing raw values.
 */
import { bucketOf } from '../domain/bucket';
import { systemClock, type Clock } from '../domain/clock';
import type { CircleId } from '../domain/brand';
import type { Circle } from '../protocol/circle';
import type { Sealed } from '../protocol/sealRecord';
import { makeReceiver, type Receive } from './makeReceiver';
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
  /** @internal */ listen(circle: CircleId, fn: Receive): () => void;
}

export function createMemoryHub(): MemoryHub {
  const data = new Map<CircleId, Map<string, Entry>>();
  const listeners = new Map<CircleId, Set<Receive>>();
  const table = (c: CircleId) => data.get(c) ?? data.set(c, new Map()).get(c)!;
  return {
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

export function createMemoryAdapter(hub: MemoryHub, opts: { clock?: Clock } = {}): SyncAdapter {
  const clock = opts.clock ?? systemClock;
  const unsubs = new Set<() => void>();
  const statusListeners = new Set<(s: SyncStatus) => void>();
  let status: SyncStatus = { connected: 1, configured: 1 };
  const touch = () => {
    status = { ...status, lastSync: clock.now() };
    for (const l of statusListeners) l(status);
  };
  return {
    async publish(circle: Circle, sealed: Sealed) {
      const existing = hub.entries(circle.id).get(sealed.id);
      // Content-addressed and immutable: a second write of the same id changes nothing.
      if (existing) return;
      hub.inject(circle.id, sealed.id, sealed.wire, bucketOf(sealed.envelope.t));
    },
    subscribe(circle: Circle, sub: Subscription) {
      const off = hub.listen(circle.id, makeReceiver(circle, sub, clock, touch));
      unsubs.add(off);
      return () => {
        off();
        unsubs.delete(off);
      };
    },
    status: () => status,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    async close() {
      for (const off of unsubs) off();
      unsubs.clear();
      statusListeners.clear();
    },
  };
}
