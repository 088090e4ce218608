/** withinQuota: per (author, circle, hour, class) the first N by (created, id), whatever the order. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/domain/limits';
import { quotaClass, quotaLimit, withinQuota, type QuotaSubject } from '../../../src/domain/withinQuota';

const H = LIMITS.bucketMs;
const T0 = 480_000 * H; // start of an hour bucket

type R = QuotaSubject & { readonly tag?: string };
let seq = 0;
const rec = (over: Partial<R> = {}): R => ({
  id: `id${String(seq++).padStart(6, '0')}`,
  circle: 'C1',
  author: 'A1',
  created: T0 + 1000,
  kind: 'point',
  ...over,
});
/** `n` records of `kind`, created 1 ms apart. */
const many = (n: number, over: Partial<R> = {}) =>
  Array.from({ length: n }, (_, i) => rec({ created: T0 + 1000 + i, ...over }));
const ids = (rs: readonly R[]) => rs.map((r) => r.id);

describe('quotaClass and quotaLimit', () => {
  it('gives points and alerts their own classes and every other kind one shared class', () => {
    expect(quotaClass('point')).toBe('point');
    expect(quotaClass('alert')).toBe('alert');
    for (const k of ['disperse', 'cancel', 'coorganizer', 'organizer', 'anything']) expect(quotaClass(k)).toBe('other');
  });
  it('reads the limits', () => {
    expect([quotaLimit('point'), quotaLimit('alert'), quotaLimit('other')]).toEqual([20, 60, 60]);
    expect(quotaLimit('point')).toBe(LIMITS.quotaPointsPerHour);
  });
});

describe('withinQuota boundaries', () => {
  it.each([
    ['point', LIMITS.quotaPointsPerHour],
    ['alert', LIMITS.quotaAlertsPerHour],
    ['disperse', LIMITS.quotaOtherPerHour],
    ['cancel', LIMITS.quotaOtherPerHour],
    ['coorganizer', LIMITS.quotaOtherPerHour],
    ['organizer', LIMITS.quotaOtherPerHour],
  ])('%s: N = %i kept, N + 1 drops the latest', (kind, n) => {
    const atLimit = many(n, { kind });
    expect(withinQuota(atLimit)).toEqual(atLimit);
    const over = many(n + 1, { kind });
    expect(ids(withinQuota(over))).toEqual(ids(over.slice(0, n)));
  });

  it('shares the other class between disperse, cancel, coorganizer and organizer', () => {
    const kinds = ['disperse', 'cancel', 'coorganizer', 'organizer'];
    const mixed = Array.from({ length: LIMITS.quotaOtherPerHour + 1 }, (_, i) =>
      rec({ kind: kinds[i % 4] as string, created: T0 + i }),
    );
    expect(withinQuota(mixed)).toHaveLength(LIMITS.quotaOtherPerHour);
    expect(withinQuota(mixed)).not.toContain(mixed[mixed.length - 1]);
  });

  it('counts classes separately: a full point quota leaves alerts and others untouched', () => {
    const all = [
      ...many(LIMITS.quotaPointsPerHour, { kind: 'point' }),
      ...many(LIMITS.quotaAlertsPerHour, { kind: 'alert' }),
      ...many(LIMITS.quotaOtherPerHour, { kind: 'cancel' }),
    ];
    expect(withinQuota(all)).toEqual(all);
  });

  it('counts per circle, per hour bucket and per key', () => {
    const n = LIMITS.quotaPointsPerHour;
    const base = many(n);
    const others = [
      ...many(n, { circle: 'C2' }),
      ...many(n, { author: 'A2' }),
      ...Array.from({ length: n }, (_, i) => rec({ created: T0 + H + i })),
    ];
    expect(withinQuota([...base, ...others])).toHaveLength(4 * n);
    // One more in each group drops exactly one each.
    const extra = [
      rec({ created: T0 + H - 1 }),
      rec({ circle: 'C2', created: T0 + H - 1 }),
      rec({ author: 'A2', created: T0 + H - 1 }),
      rec({ created: 2 * H + T0 - 1 }),
    ];
    const kept = withinQuota([...base, ...others, ...extra]);
    expect(kept).toHaveLength(4 * n);
    for (const e of extra) expect(kept).not.toContain(e);
  });

  it('keeps the earliest by created time, then by id, not the first to arrive', () => {
    const late = many(LIMITS.quotaPointsPerHour, { created: T0 + 5000 });
    const early = rec({ created: T0 + 1 });
    const kept = withinQuota([...late, early]);
    expect(kept).toContain(early);
    expect(kept).toHaveLength(LIMITS.quotaPointsPerHour);
    // Same created time for all: the smallest ids win.
    const tied = Array.from({ length: LIMITS.quotaPointsPerHour + 2 }, (_, i) =>
      rec({ id: `z${String(99 - i)}`, created: T0 }),
    );
    const keptTied = ids(withinQuota(tied)).sort();
    expect(keptTied).toEqual(ids(tied).sort().slice(0, LIMITS.quotaPointsPerHour));
  });

  it('keeps repeats of a kept id and does not count them twice', () => {
    const rs = many(LIMITS.quotaPointsPerHour);
    const withRepeats = [...rs, ...rs];
    expect(withinQuota(withRepeats)).toHaveLength(2 * rs.length);
  });

  it('returns an empty list for none', () => {
    expect(withinQuota([])).toEqual([]);
  });
});

describe('withinQuota is order-independent', () => {
  const recArb = fc.record({
    id: fc.string({ minLength: 1, maxLength: 4, unit: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f') }),
    circle: fc.constantFrom('C1', 'C2'),
    author: fc.constantFrom('A1', 'A2'),
    created: fc.integer({ min: T0, max: T0 + 2 * H }),
    kind: fc.constantFrom('point', 'alert', 'cancel', 'organizer'),
  });
  // Unique ids (ids are content hashes: one id, one record).
  const setArb = fc.uniqueArray(recArb, { selector: (r) => r.id, maxLength: 160 });

  it('keeps the same set for every permutation, never more than N per group, and only drops the latest', () => {
    fc.assert(
      fc.property(setArb, fc.func(fc.integer()), (rs, key) => {
        const shuffled = [...rs]
          .map((r, i) => ({ r, k: key(i) }))
          .sort((x, y) => x.k - y.k)
          .map((x) => x.r);
        const a = ids(withinQuota(rs)).sort();
        const b = ids(withinQuota(shuffled)).sort();
        expect(b).toEqual(a);
        const kept = new Set(a);
        const groups = new Map<string, QuotaSubject[]>();
        for (const r of rs) {
          const g = `${r.author}|${r.circle}|${Math.floor(r.created / H)}|${quotaClass(r.kind)}`;
          groups.set(g, [...(groups.get(g) ?? []), r]);
        }
        for (const list of groups.values()) {
          const limit = quotaLimit(quotaClass((list[0] as QuotaSubject).kind));
          const inGroup = list.filter((r) => kept.has(r.id));
          expect(inGroup.length).toBe(Math.min(limit, list.length));
          // Every dropped record sorts after every kept one.
          for (const d of list.filter((r) => !kept.has(r.id)))
            for (const k of inGroup)
              expect(k.created < d.created || (k.created === d.created && k.id < d.id)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the same N of a crowded group for every permutation', () => {
    const crowded = fc.uniqueArray(
      fc.record({
        id: fc.string({ minLength: 1, maxLength: 3, unit: fc.constantFrom('a', 'b', 'c', 'd') }),
        circle: fc.constant('C1'),
        author: fc.constant('A1'),
        created: fc.integer({ min: T0, max: T0 + 30 }),
        kind: fc.constant('point'),
      }),
      { selector: (r) => r.id, minLength: LIMITS.quotaPointsPerHour + 1, maxLength: 60 },
    );
    fc.assert(
      fc.property(crowded, fc.func(fc.integer()), (rs, key) => {
        const shuffled = [...rs]
          .map((r, i) => ({ r, k: key(i) }))
          .sort((x, y) => x.k - y.k)
          .map((x) => x.r);
        const a = ids(withinQuota(rs)).sort();
        expect(a).toHaveLength(LIMITS.quotaPointsPerHour);
        expect(ids(withinQuota(shuffled)).sort()).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });
});
