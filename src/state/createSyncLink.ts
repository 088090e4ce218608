/**
 * The live link to the transport: subscribes the circle on the current
 * adapter, mirrors its status and the send state of this device's own
 * records into signals, and swaps adapters when the relay list changes (the
 * old one is unsubscribed and closed; the new one reads the same outbox).
 */
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import type { VerifiedRecord } from '../domain';
import type { Circle } from '../protocol';
import type { SendState, SyncAdapter, SyncStatus } from '../sync/SyncAdapter';

export interface SyncLink {
  readonly status: Accessor<SyncStatus>;
  /** Send state of one of this device's records (reactive); undefined for others' records. */
  sendState(id: string): SendState | undefined;
  /** How many of this device's records (points and alerts) are not sent yet (reactive). */
  readonly unsentCount: Accessor<number>;
  /** The adapter in use now. */
  readonly adapter: () => SyncAdapter;
  /** Switches to another adapter; resolves when the old one is closed. */
  replace(next: SyncAdapter): Promise<void>;
}

export function createSyncLink(
  initial: SyncAdapter,
  circle: Circle,
  onRecord: (record: VerifiedRecord, wire: string) => void,
  onError: (e: unknown) => void,
): SyncLink {
  let current = initial;
  const [status, setStatus] = createSignal<SyncStatus>(initial.status());
  const [sends, setSends] = createSignal<ReadonlyMap<string, SendState>>(new Map());
  let detach = () => {};

  const attach = (adapter: SyncAdapter) => {
    const unsubscribe = adapter.subscribe(circle, { onRecord });
    const offStatus = adapter.onStatus(setStatus);
    // A new adapter replays its outbox through onSend once loaded, so the map carries over.
    const offSend = adapter.onSend((id, state) => setSends((m) => new Map(m).set(id, state)));
    setStatus(adapter.status());
    return () => {
      unsubscribe();
      offStatus();
      offSend();
    };
  };
  detach = attach(initial);

  onCleanup(() => {
    detach();
    current.close().catch(onError);
  });

  return {
    status,
    sendState: (id) => sends().get(id),
    unsentCount: () => [...sends().values()].filter((s) => s.state === 'unsent').length,
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
