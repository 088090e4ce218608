/**
 * The verified records this device knows, deduplicated by id, persisted to
 * the RecordStore and reloaded from it. Each record is opened with its own
 * circle's key (looked up by the envelope's `c`); records of circles this
 * device does not (or no longer) belong to are dropped, also from storage.
 * Stored wire text is re-verified on load: storage is trusted no more than
 * the network. Changes are batched to one signal bump per microtask, so a
 * history of 1,000 records re-folds once, and records to persist to one
 * store write (one IndexedDB transaction) per microtask: a transaction per
 * record was an eighth of a fresh sync's time (issue 15).
 */
import { batch, createSignal, type Accessor } from 'solid-js';
import type { CircleId, Clock, RecordId, VerifiedRecord } from '../domain';
import type { RecordStore, StoredRecord } from '../platform/recordStore';
import type { Circle } from '../protocol/circle';
import { parseEnvelope } from '../protocol/envelope';
import { openEnvelopeOnDemand } from '../protocol/openEnvelopeOnDemand';
import { recordIdOnDemand as recordIdOf } from '../protocol/recordIdOnDemand';
import type { Verifier } from '../sync/makeReceiver';
import { expiresAt } from './expiresAt';

export interface RecordSet {
  /** All known live records; reading it tracks changes. */
  readonly records: Accessor<Iterable<VerifiedRecord>>;
  get(id: RecordId): VerifiedRecord | undefined;
  /** The exact wire text a known record arrived as (what a hand-over bundle carries). */
  wire(id: RecordId): string | undefined;
  /** Adds a verified record (from a transport); false when already known or expired. */
  add(record: VerifiedRecord, wire: string): boolean;
  /** Verifies wire text and adds it (own publications, storage). */
  addWire(wire: string, persist: boolean): Promise<VerifiedRecord | undefined>;
  /** Loads the persisted records; returns how many were kept and dropped. */
  load(): Promise<{ kept: number; dropped: number }>;
  /** Forgets expired records in memory and deletes them from storage. */
  prune(now: number): Promise<void>;
  /** Forgets every record of a circle (left): in memory and in storage. */
  forgetCircle(circle: CircleId): Promise<void>;
  /**
   * Hears every change as it happens, before the batched signal bump: records
   * kept, ids forgotten. What an incremental reader (createPointFold) needs to
   * do work proportional to what changed. Returns the unsubscribe function.
   */
  watch(listener: (added: readonly VerifiedRecord[], removed: readonly RecordId[]) => void): () => void;
}

export interface RecordSetDeps {
  readonly store: RecordStore;
  /** The key of a circle this device belongs to (open circle included); undefined for any other. */
  circleOf(id: CircleId): Circle | undefined;
  readonly clock: Clock;
  onError(e: unknown): void;
  /** Runs in the same batch as a change, e.g. to re-read the clock so new records fold at the real now. */
  onChange?(): void;
  /** How wire text is verified (the browser's verification worker); default in-process, loaded on first use. */
  readonly verify?: Verifier;
}

export function createRecordSet(deps: RecordSetDeps): RecordSet {
  const byId = new Map<RecordId, VerifiedRecord>();
  // Kept beside the parsed record so a bundle can pass it on byte for byte (the signature covers it).
  const wires = new Map<RecordId, string>();
  const listeners = new Set<(added: readonly VerifiedRecord[], removed: readonly RecordId[]) => void>();
  const tell = (added: readonly VerifiedRecord[], removed: readonly RecordId[]) =>
    listeners.forEach((l) => l(added, removed));
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

  // Records kept since the last write; written together. A failed write is reported (onError) as one
  // problem: the records stay shown, and a relay gives them again on the next start.
  let unsaved: StoredRecord[] = [];
  const save = (row: StoredRecord) => {
    unsaved.push(row);
    if (unsaved.length > 1) return;
    queueMicrotask(() => {
      const rows = unsaved;
      unsaved = [];
      deps.store.putAll(rows).catch(deps.onError);
    });
  };

  const keep = (record: VerifiedRecord, wire: string, persist: boolean): boolean => {
    if (byId.has(record.id) || !deps.circleOf(record.circle)) return false;
    const until = expiresAt(record);
    if (until <= deps.clock.now()) return false;
    byId.set(record.id, record);
    wires.set(record.id, wire);
    tell([record], []);
    bump();
    // Queued after the bump: the page shows a live record first and writes it right after.
    if (persist) save({ id: record.id, wire, expiresAt: until });
    return true;
  };

  const circleOfWire = (wire: string): Circle | undefined => {
    const e = parseEnvelope(wire);
    return e.ok ? deps.circleOf(e.value.c) : undefined;
  };

  const addWire = async (wire: string, persist: boolean) => {
    const circle = circleOfWire(wire);
    if (!circle) return undefined;
    const r = await (deps.verify ?? openEnvelopeOnDemand)(wire, circle, { now: deps.clock.now() });
    if (!r.ok) return undefined;
    keep(r.value, wire, persist);
    return r.value;
  };

  return {
    records: () => {
      version();
      return byId.values();
    },
    watch(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get: (id) => byId.get(id),
    wire: (id) => wires.get(id),
    add: (record, wire) => keep(record, wire, true),
    addWire,
    async load() {
      let kept = 0;
      let dropped = 0;
      const orphans: RecordId[] = [];
      // All at once: with the worker, one batch instead of a round trip per stored record.
      const wires = await deps.store.all();
      const opened = await Promise.all(wires.map((wire) => addWire(wire, false)));
      for (const [i, wire] of wires.entries()) {
        if (opened[i]) kept++;
        else {
          dropped++;
          // A record of a circle this device left must not stay readable on a seized phone's disk.
          const e = parseEnvelope(wire);
          if (e.ok && !deps.circleOf(e.value.c)) orphans.push(await recordIdOf(e.value));
        }
      }
      if (orphans.length > 0) await deps.store.remove(orphans).catch(deps.onError);
      return { kept, dropped };
    },
    async prune(now) {
      const removed: RecordId[] = [];
      for (const [id, r] of byId) {
        if (expiresAt(r) > now) continue;
        byId.delete(id);
        wires.delete(id);
        removed.push(id);
      }
      if (removed.length > 0) {
        tell([], removed);
        bump();
      }
      await deps.store.prune(now).catch(deps.onError);
    },
    async forgetCircle(circle) {
      const ids: RecordId[] = [];
      for (const [id, r] of byId) if (r.circle === circle) ids.push(id);
      for (const id of ids) {
        byId.delete(id);
        wires.delete(id);
      }
      if (ids.length > 0) {
        tell([], ids);
        bump();
      }
      // Also rows this session never opened (stored before, or refused on load).
      const stored: RecordId[] = [];
      for (const wire of await deps.store.all()) {
        const e = parseEnvelope(wire);
        if (e.ok && e.value.c === circle) stored.push(await recordIdOf(e.value));
      }
      await deps.store.remove([...new Set([...ids, ...stored])]);
    },
  };
}
