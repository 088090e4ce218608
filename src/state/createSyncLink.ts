/**
 * The live link to the transport: subscribes the circle on the current
 * adapter, mirrors its status into a signal, and swaps adapters when the
 * relay list changes (the old one is unsubscribed and closed).
 */
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import type { VerifiedRecord } from '../domain';
import type { Circle } from '../protocol';
import type { SyncAdapter, SyncStatus } from '../sync/SyncAdapter';

export interface SyncLink {
  readonly status: Accessor<SyncStatus>;
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
  let detach = () => {};

  const attach = (adapter: SyncAdapter) => {
    const unsubscribe = adapter.subscribe(circle, { onRecord });
    const offStatus = adapter.onStatus(setStatus);
    setStatus(adapter.status());
    return () => {
      unsubscribe();
      offStatus();
    };
  };
  detach = attach(initial);

  onCleanup(() => {
    detach();
    current.close().catch(onError);
  });

  return {
    status,
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
