/**
 * The incremental fold is foldPoints: for random records arriving in random
 * batches (with duplicates, nonce replays, a key over its quota, removals,
 * organizers of a private circle changing, fallbacks revealed and time moving
 * on, sometimes back), every fold equals the full fold of what is held then.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CircleId, PublicKey, RecordId } from '../../../src/domain/brand';
import { createPointFold } from '../../../src/domain/createPointFold';
import type { FallbackPlace } from '../../../src/domain/foldAlerts';
import { foldPoints } from '../../../src/domain/foldPoints';
import { LIMITS } from '../../../src/domain/limits';
import { ALERT_KINDS, type VerifiedRecord } from '../../../src/domain/records';
import { alert, cancel, coorganizer, disperse, fakeId, fakeKey, MIN, point, T0 } from '../../fixtures/recordBuilders';

const HOUR = 60 * MIN;
const PRIVATE = 'privateCircleAAAAAAAAA' as CircleId;
const author = fc.constantFrom('alice', 'bob', 'carol');
const at = fc.oneof(fc.constantFrom(T0 + HOUR, T0 + 2 * HOUR), fc.integer({ min: T0, max: T0 + 8 * HOUR }));
const target = fc.nat(5);
const nonce = fc.option(fc.constantFrom('n1', 'n2', 'n3'), { nil: undefined });

const recordArb: fc.Arbitrary<(i: number) => VerifiedRecord> = fc.oneof(
  fc
    .record({
      author,
      created: fc.integer({ min: T0, max: T0 + 2 * HOUR }),
      startIn: fc.integer({ min: -5 * MIN, max: 3 * HOUR }),
      duration: fc.integer({ min: 15 * MIN, max: 6 * HOUR }),
    })
    .map((p) => (i: number) => point(`p${i % 6}x${i}`, p)),
  fc.record({ cancel: fc.boolean(), target, author, at, reappear: fc.option(target, { nil: undefined }) }).map(
    (e) => (i: number) =>
      e.cancel
        ? cancel(`e${i}`, `p${e.target}`, e.at, { author: e.author })
        : disperse(`e${i}`, `p${e.target}`, e.at, {
            author: e.author,
            ...(e.reappear !== undefined ? { reappear: `p${e.reappear}` } : {}),
          }),
  ),
  fc
    .record({
      target,
      kind: fc.constantFrom(...ALERT_KINDS),
      author: fc.constantFrom('alice', 'bob', 'carol', 'dave', 'erin'),
      at,
      reappear: fc.option(target, { nil: undefined }),
      fallback: fc.boolean(),
    })
    .map(
      (a) => (i: number) =>
        alert(`a${i}`, `p${a.target}`, a.kind, a.at, {
          author: a.author,
          ...(a.reappear !== undefined
            ? { reappear: `p${a.reappear}` }
            : a.fallback
              ? { fallback: { i: 0, key: 'k' } }
              : {}),
        }),
    ),
  fc
    .record({ target, key: fc.constantFrom('bob', 'dave'), at, author })
    .map((c) => (i: number) => coorganizer(`c${i}`, `p${c.target}`, c.key, c.at, { author: c.author })),
);

/** Random records; ids point at p0..p5 by label prefix so records meet their points. */
const recordsArb = fc.array(fc.tuple(recordArb, nonce, fc.boolean()), { maxLength: 24 }).map((list) => {
  // An id is its content's hash: a later point under a name already used is that same record again.
  const points = new Map<RecordId, VerifiedRecord>();
  return list.map(([make, n, priv], i) => {
    const r = make(i);
    const made = { ...r, ...(n ? { nonce: n } : {}), ...(priv ? { circle: PRIVATE } : {}) } as VerifiedRecord;
    if (r.kind !== 'point') return made;
    // Points are named p0..p5, the targets of the other records.
    const id = fakeId(`p${i % 6}`);
    return points.get(id) ?? points.set(id, { ...made, id }).get(id)!;
  });
});

/** One key over its hourly point quota, so admission cuts some. */
const flood = (n: number): VerifiedRecord[] =>
  Array.from({ length: n }, (_, i) => point(`flood${i}`, { author: 'mallory', created: T0 + i * 1000 }));

type Step =
  | { kind: 'add'; count: number }
  | { kind: 'remove'; picks: number[] }
  | { kind: 'fold'; dt: number; organizers: boolean; reveal: number[] };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), count: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('remove' as const), picks: fc.array(fc.nat(40), { maxLength: 3 }) }),
  fc.record({
    kind: fc.constant('fold' as const),
    dt: fc.oneof(fc.integer({ min: 0, max: 90 * MIN }), fc.integer({ min: -30 * MIN, max: 0 })),
    organizers: fc.boolean(),
    reveal: fc.array(fc.nat(40), { maxLength: 2 }),
  }),
);

const place: FallbackPlace = { label: 'Square', lat: 53.9, lon: 27.5 };

function run(records: VerifiedRecord[], steps: Step[], alertWindowMs: number | undefined): void {
  const opts = alertWindowMs === undefined ? {} : { alertWindowMs };
  const fold = createPointFold(opts);
  const held = new Map<RecordId, VerifiedRecord>();
  let next = 0;
  let now = T0 - HOUR;
  let revealed = new Map<RecordId, FallbackPlace>();
  let organizers: Map<CircleId, Set<PublicKey>> = new Map([[PRIVATE, new Set([fakeKey('alice')])]]);
  for (const step of [...steps, { kind: 'add', count: records.length } as Step, { kind: 'fold', dt: 0 } as Step]) {
    if (step.kind === 'add') {
      const batch = records.slice(next, next + step.count);
      next += batch.length;
      fold.add(batch);
      for (const r of batch) if (!held.has(r.id)) held.set(r.id, r);
    } else if (step.kind === 'remove') {
      const ids = step.picks.map((i) => records[i % Math.max(1, records.length)]?.id).filter((id) => id !== undefined);
      fold.remove(ids);
      for (const id of ids) held.delete(id);
    } else {
      now += step.dt;
      if (step.organizers)
        organizers = new Map([[PRIVATE, new Set([fakeKey('alice'), ...(now % 2 ? [fakeKey('dave')] : [])])]]);
      if (step.reveal?.length) {
        revealed = new Map(revealed);
        for (const i of step.reveal) {
          const r = records[i % Math.max(1, records.length)];
          if (r?.kind === 'alert') revealed.set(r.id, { ...place });
        }
      }
      const got = fold.fold(now, revealed, organizers);
      expect(got).toEqual(foldPoints(held.values(), now, revealed, organizers, opts));
    }
  }
}

describe('createPointFold', () => {
  it('equals foldPoints after every batch, removal and clock step', () => {
    fc.assert(
      fc.property(recordsArb, fc.array(stepArb, { maxLength: 30 }), fc.boolean(), (recs, steps, window) =>
        run(recs, steps, window ? LIMITS.alertTtlMs : undefined),
      ),
      { numRuns: 500 },
    );
  });

  it('equals foldPoints at every moment of a day the records were known at its start', () => {
    fc.assert(
      fc.property(
        recordsArb,
        fc.array(fc.integer({ min: MIN, max: 12 * MIN }), { minLength: 60, maxLength: 120 }),
        fc.boolean(),
        (recs, dts, window) => {
          const steps: Step[] = [
            { kind: 'add', count: Math.ceil(recs.length / 2) },
            ...dts.map((dt): Step => ({ kind: 'fold', dt, organizers: false, reveal: [] })),
          ];
          run(recs, steps, window ? LIMITS.alertTtlMs : undefined);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('equals foldPoints when one key floods past its quota and records arrive one by one', () => {
    fc.assert(
      fc.property(
        recordsArb,
        fc.array(fc.nat(30), { maxLength: 10 }),
        fc.integer({ min: 0, max: 6 * HOUR }),
        (recs, removes, dt) => {
          const all = [...flood(LIMITS.quotaPointsPerHour + 4), ...recs];
          const steps: Step[] = all.flatMap((_, i) => [
            { kind: 'add', count: 1 } as Step,
            { kind: 'fold', dt: i === 0 ? dt : 60_000, organizers: false, reveal: [] } as Step,
          ]);
          run(all, [...steps, { kind: 'remove', picks: removes }], undefined);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('marks the point a dispersal sends its crowd to when the dispersed point or an earlier ending arrives later', () => {
    const fold = createPointFold();
    const now = T0 + 30 * MIN;
    fold.add([point('x'), disperse('d', 'y', T0 + 25 * MIN, { reappear: 'x' })]);
    expect(fold.fold(now).find((p) => p.id === fakeId('x'))?.reappearFrom).toBeUndefined();
    fold.add([point('y')]);
    expect(fold.fold(now).find((p) => p.id === fakeId('x'))?.reappearFrom).toBe(fakeId('y'));
    // An earlier cancel ends `y` instead: its crowd goes nowhere.
    fold.add([cancel('c', 'y', T0 + 20 * MIN)]);
    const after = fold.fold(now);
    expect(after.find((p) => p.id === fakeId('x'))?.reappearFrom).toBeUndefined();
    expect(after).toEqual(
      foldPoints(
        [point('x'), point('y'), disperse('d', 'y', T0 + 25 * MIN, { reappear: 'x' }), cancel('c', 'y', T0 + 20 * MIN)],
        now,
      ),
    );
  });

  it('returns the same array while nothing changed, and a new one when a record arrives', () => {
    const fold = createPointFold();
    fold.add([point('p0'), point('p1', { created: T0 + MIN })]);
    const first = fold.fold(T0 + 20 * MIN);
    expect(first).toHaveLength(2);
    expect(fold.fold(T0 + 21 * MIN)).toBe(first);
    fold.add([cancel('c0', 'p0', T0 + 22 * MIN)]);
    const second = fold.fold(T0 + 22 * MIN);
    expect(second).not.toBe(first);
    expect(second.find((p) => p.id === fakeId('p0'))?.state).toBe('cancelled');
    // The untouched point's view is the same object: a store keyed by id has nothing to diff.
    expect(second.find((p) => p.id === fakeId('p1'))).toBe(first.find((p) => p.id === fakeId('p1')));
  });
});
