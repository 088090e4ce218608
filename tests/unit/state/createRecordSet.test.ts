/**
 * The record set persists what arrives a batch at a time: records kept in one
 * go (a relay's batch) reach the store in one write (one IndexedDB
 * transaction), and a write that fails is reported, not dropped in silence,
 * while the records stay known.
 */
import { createRoot } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { makeManualClock } from '../../../src/domain/clock';
import { createMemoryRecordStore, type RecordStore, type StoredRecord } from '../../../src/platform/recordStore';
import { OPEN_CIRCLE_ID, type Circle } from '../../../src/protocol';
import { createRecordSet } from '../../../src/state/createRecordSet';
import { point, T0 } from '../../fixtures/recordBuilders';

/** A memory store that counts writes and fails them while `failing` is set. */
function countingStore() {
  const inner = createMemoryRecordStore();
  const writes: number[] = [];
  const state = { failing: false };
  const store: RecordStore = {
    ...inner,
    put: () => Promise.reject(new Error('records are written a batch at a time')),
    putAll: (rows: readonly StoredRecord[]) => {
      writes.push(rows.length);
      return state.failing ? Promise.reject(new Error('QuotaExceededError')) : inner.putAll(rows);
    },
  };
  return { store, writes, state };
}

const settle = () => new Promise((r) => setTimeout(r, 0));
/** Records here are added already verified: keeping one needs only its circle to be known. */
const circle = { id: OPEN_CIRCLE_ID } as Circle;

describe('createRecordSet persistence', () => {
  it('writes the records kept in one go as one batch, and each later batch as its own', async () => {
    const { store, writes } = countingStore();
    const errors: unknown[] = [];
    const set = createRoot(() =>
      createRecordSet({
        store,
        circleOf: (id) => (id === circle.id ? circle : undefined),
        clock: makeManualClock(T0),
        onError: (e) => errors.push(e),
      }),
    );
    const first = Array.from({ length: 64 }, (_, i) => point(`first${i}`));
    for (const r of first) expect(set.add(r, `wire ${r.id}`)).toBe(true);
    // Known again: neither kept twice nor written twice.
    expect(set.add(first[0]!, `wire ${first[0]!.id}`)).toBe(false);
    await settle();
    const second = Array.from({ length: 3 }, (_, i) => point(`second${i}`));
    for (const r of second) set.add(r, `wire ${r.id}`);
    await settle();
    expect(writes).toEqual([64, 3]);
    expect(errors).toEqual([]);
    expect((await store.all()).sort()).toEqual([...first, ...second].map((r) => `wire ${r.id}`).sort());
  });

  it('reports a failed batch write once and keeps its records known', async () => {
    const { store, writes, state } = countingStore();
    const errors: unknown[] = [];
    const set = createRoot(() =>
      createRecordSet({
        store,
        circleOf: (id) => (id === circle.id ? circle : undefined),
        clock: makeManualClock(T0),
        onError: (e) => errors.push(e),
      }),
    );
    state.failing = true;
    const batch = Array.from({ length: 10 }, (_, i) => point(`lost${i}`));
    for (const r of batch) set.add(r, `wire ${r.id}`);
    await settle();
    expect(writes).toEqual([10]);
    expect(errors.map((e) => (e as Error).message)).toEqual(['QuotaExceededError']);
    expect(batch.every((r) => set.get(r.id) === r)).toBe(true);
    expect(await store.all()).toEqual([]);
  });
});
