/** Properties of the lifecycle fold over random record sets and times. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldPoints, nextTransition } from '../../../src/domain/foldPoints';
import type { VerifiedRecord } from '../../../src/domain/records';
import { cancel, disperse, MIN, point, T0 } from '../../fixtures/recordBuilders';

const HOUR = 60 * MIN;
const author = fc.constantFrom('alice', 'bob');
// A few fixed times make ties between endings likely.
const endingTime = fc.oneof(fc.constantFrom(T0 + HOUR, T0 + 2 * HOUR), fc.integer({ min: T0, max: T0 + 8 * HOUR }));

const pointsArb = fc.array(
  fc.record({
    author,
    created: fc.integer({ min: T0, max: T0 + 2 * HOUR }),
    startIn: fc.integer({ min: -5 * MIN, max: 3 * HOUR }),
    duration: fc.integer({ min: 15 * MIN, max: 6 * HOUR }),
  }),
  { minLength: 1, maxLength: 5 },
);
const endingsArb = fc.array(
  fc.record({
    cancel: fc.boolean(),
    target: fc.nat(6),
    author,
    at: endingTime,
    reappear: fc.option(fc.nat(6), { nil: undefined }),
  }),
  { maxLength: 8 },
);

/** Random records: points p0..pN, endings e0..eM aimed at known and unknown points. */
const recordsArb: fc.Arbitrary<VerifiedRecord[]> = fc.tuple(pointsArb, endingsArb).map(([ps, es]) => [
  ...ps.map((p, i) => point(`p${i}`, p)),
  ...es.map((e, i) =>
    e.cancel
      ? cancel(`e${i}`, `p${e.target}`, e.at, { author: e.author })
      : disperse(`e${i}`, `p${e.target}`, e.at, {
          author: e.author,
          ...(e.reappear !== undefined && e.reappear !== e.target ? { reappear: `p${e.reappear}` } : {}),
        }),
  ),
]);
const nowArb = fc.integer({ min: T0 - HOUR, max: T0 + 10 * HOUR });

/** The same records shuffled, with some of them repeated. */
const reorderedArb = (recs: VerifiedRecord[]) =>
  fc
    .tuple(fc.shuffledSubarray(recs, { minLength: recs.length, maxLength: recs.length }), fc.subarray(recs))
    .map(([perm, dups]) => [...dups, ...perm]);

describe('foldPoints properties', () => {
  it('is invariant under permutation and duplication of its input', () => {
    fc.assert(
      fc.property(
        recordsArb.chain((recs) => fc.tuple(fc.constant(recs), reorderedArb(recs))),
        nowArb,
        ([recs, reordered], now) => {
          expect(foldPoints(reordered, now)).toEqual(foldPoints(recs, now));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never returns a point at or after its hideAt, and returns them sorted by start', () => {
    fc.assert(
      fc.property(recordsArb, nowArb, (recs, now) => {
        const views = foldPoints(recs, now);
        for (const v of views) expect(now).toBeLessThan(v.hideAt);
        expect(views.map((v) => v.start)).toEqual(views.map((v) => v.start).sort((a, b) => a - b));
      }),
      { numRuns: 300 },
    );
  });

  it('nextTransition is exactly the next moment the fold changes', () => {
    fc.assert(
      fc.property(recordsArb, nowArb, fc.double({ min: 0, max: 1, noNaN: true }), (recs, now, f) => {
        const views = foldPoints(recs, now);
        const next = nextTransition(views, now);
        if (next === undefined) {
          // Nothing visible now, and a hidden point never comes back.
          expect(views).toEqual([]);
          expect(foldPoints(recs, now + Math.round(f * 40 * HOUR))).toEqual([]);
          return;
        }
        expect(next).toBeGreaterThan(now);
        const between = now + Math.floor(f * (next - now - 1));
        expect(foldPoints(recs, between)).toEqual(views);
        expect(foldPoints(recs, next)).not.toEqual(views);
      }),
      { numRuns: 300 },
    );
  });
});
