/**
 * The verified records this device knows, deduplicated by id, persisted to
 * the RecordStore and reloaded from it. Stored wire text is re-verified on
 * load: storage is trusted no more than the network. Changes are batched to
 * one signal bump per microtask, so a history of 1,000 records re-folds once.
 */
import { batch, createSignal, type Accessor } from 'solid-js';
import type { Clock, RecordId, VerifiedRecord } from '../domain';
import type { RecordStore } from '../platform/recordStore';
import { openEnvelope, type Circle } from '../protocol';
import { expiresAt } from './expiresAt';

export interface RecordSet {
  /** All known live records; reading it tracks changes. */
  readonly records: Accessor<Iterable<VerifiedRecord>>;
  get(id: RecordId): VerifiedRecord | undefined;
  /** Adds a verified record (from a transport); false when already known or expired. */
  add(record: VerifiedRecord, wire: string): boolean;
  /** Verifies wire text and adds it (own publications, storage). */
  addWire(wire: string, persist: boolean): Promise<VerifiedRecord | undefined>;
  /** Loads the persisted records; returns how many were kept and dropped. */
  load(): Promise<{ kept: number; dropped: number }>;
  /** Forgets expired records in memory and deletes them from storage. */
  prune(now: number): Promise<void>;
}

export interface RecordSetDeps {
  readonly store: RecordStore;
  readonly circle: Circle;
  readonly clock: Clock;
  onError(e: unknown): void;
  /** Runs in the same batch as a change, e.g. to re-read the clock so new records fold at the real now. */
  onChange?(): void;
}

export function createRecordSet(deps: RecordSetDeps): RecordSet {
  const byId = new Map<RecordId, VerifiedRecord>();
  const [version, setVersion] = createSignal(0);
  let bumpQueued = false;
  const bump = () => {
    if (bumpQueued) return;
    bumpQueued = true;
    queueMicrotask(() => {
      bumpQueued = false;
      batch(() => {
        setVersion((v) => v + 1);
        deps.onChange?.();
      });
    });
  };

  const keep = (record: VerifiedRecord, wire: string, persist: boolean): boolean => {
    if (byId.has(record.id)) return false;
    const until = expiresAt(record);
    if (until <= deps.clock.now()) return false;
    byId.set(record.id, record);
    if (persist) deps.store.put(record.id, wire, until).catch(deps.onError);
    bump();
    return true;
  };

  const addWire = async (wire: string, persist: boolean) => {
    const r = await openEnvelope(wire, deps.circle, { now: deps.clock.now() });
    if (!r.ok) return undefined;
    keep(r.value, wire, persist);
    return r.value;
  };

  return {
    records: () => {
      version();
      return byId.values();
    },
    get: (id) => byId.get(id),
    add: (record, wire) => keep(record, wire, true),
    addWire,
    async load() {
      let kept = 0;
      let dropped = 0;
      for (const wire of await deps.store.all()) {
        if (await addWire(wire, false)) kept++;
        else dropped++;
      }
      return { kept, dropped };
    },
    async prune(now) {
      let removed = false;
      for (const [id, r] of byId) if (expiresAt(r) <= now) removed = byId.delete(id) || removed;
      if (removed) bump();
      await deps.store.prune(now).catch(deps.onError);
    },
  };
}
