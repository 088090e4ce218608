/**
 * The live link to the transport: subscribes every circle this device reads
 * on the current adapter (following the list as circles are joined and left),
 * mirrors its status and the send state of this device's own records into
 * signals, and swaps adapters when the relay list changes (the old one is
 * unsubscribed and closed; the new one reads the same outbox). The times
 * relays tell on the current adapter go to `onTime` (network time).
 */
import { createComputed, createSignal, on, onCleanup, untrack, type Accessor } from 'solid-js';
import type { CircleId, VerifiedRecord } from '../domain';
import type { Circle } from '../protocol';
import type { TimeSample } from '../domain/clockOffset';
import type { SendState, SyncAdapter, SyncStatus } from '../sync/SyncAdapter';

export interface SyncLink {
  readonly status: Accessor<SyncStatus>;
  /** Send state of one of this device's records (reactive); undefined for others' records. */
  sendState(id: string): SendState | undefined;
  /** How many of this device's records (points and alerts) are not sent yet (reactive). */
  readonly unsentCount: Accessor<number>;
  /** How many records received by hand are not passed on to a relay yet (reactive). */
  readonly carriedUnsentCount: Accessor<number>;
  /** The adapter in use now. */
  readonly adapter: () => SyncAdapter;
  /** Switches to another adapter; resolves when the old one is closed. */
  replace(next: SyncAdapter): Promise<void>;
}

export function createSyncLink(
  initial: SyncAdapter,
  circles: Accessor<readonly Circle[]>,
  onRecord: (record: VerifiedRecord, wire: string) => void,
  onError: (e: unknown) => void,
  onTime: (sample: TimeSample) => void = () => {},
): SyncLink {
  let current = initial;
  const [status, setStatus] = createSignal<SyncStatus>(initial.status());
  const [sends, setSends] = createSignal<ReadonlyMap<string, SendState>>(new Map());
  let detach = () => {};
  /** Live subscriptions on the current adapter, by circle. */
  const subs = new Map<CircleId, () => void>();
  const follow = (adapter: SyncAdapter, list: readonly Circle[]) => {
    const wanted = new Map(list.map((c) => [c.id, c]));
    for (const [id, off] of subs) {
      if (wanted.has(id)) continue;
      off();
      subs.delete(id);
    }
    for (const [id, c] of wanted) if (!subs.has(id)) subs.set(id, adapter.subscribe(c, { onRecord }));
  };

  const attach = (adapter: SyncAdapter) => {
    // Untracked: the store is built inside a tracking scope (main.tsx), which must not re-run on a join.
    follow(adapter, untrack(circles));
    const unsubscribe = () => {
      for (const off of subs.values()) off();
      subs.clear();
    };
    const offStatus = adapter.onStatus(setStatus);
    // A new adapter replays its outbox through onSend once loaded, so the map carries over.
    const offSend = adapter.onSend((id, state) => setSends((m) => new Map(m).set(id, state)));
    setStatus(adapter.status());
    const offTime = adapter.onTime?.(onTime) ?? (() => {});
    return () => {
      unsubscribe();
      offStatus();
      offSend();
      offTime();
    };
  };
  detach = attach(initial);
  createComputed(on(circles, (list) => follow(current, list), { defer: true }));

  onCleanup(() => {
    detach();
    current.close().catch(onError);
  });

  return {
    status,
    sendState: (id) => sends().get(id),
    unsentCount: () => [...sends().values()].filter((s) => s.state === 'unsent' && !s.carried).length,
    carriedUnsentCount: () => [...sends().values()].filter((s) => s.state === 'unsent' && s.carried).length,
    adapter: () => current,
    async replace(next) {
      const old = current;
      detach();
      current = next;
      detach = attach(next);
      await old.close().catch(onError);
    },
  };
}
