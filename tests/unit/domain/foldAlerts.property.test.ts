/** Properties of the alert fold over random points, co-organizer grants and alerts. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldAlerts, organizersOf } from '../../../src/domain/foldAlerts';
import { foldPoints } from '../../../src/domain/foldPoints';
import { LIMITS } from '../../../src/domain/limits';
import { ALERT_KINDS, DISPERSE_REASONS, type PointRecord, type VerifiedRecord } from '../../../src/domain/records';
import { alert, coorganizer, disperse, fakeKey, MIN, point, T0 } from '../../fixtures/recordBuilders';

const HOUR = 60 * MIN;
// Few keys and a few fixed times make repeats, ties and window edges likely.
const who = fc.constantFrom('alice', 'bob', 'carol', 'k1', 'k2', 'k3', 'k4');
const when = fc.oneof(
  fc.constantFrom(T0 + HOUR, T0 + HOUR + LIMITS.corroborateWindowMs, T0 + HOUR + LIMITS.alertTtlMs),
  fc.integer({ min: T0, max: T0 + 3 * HOUR }),
);

const recordsArb: fc.Arbitrary<VerifiedRecord[]> = fc
  .tuple(
    fc.array(fc.record({ author: fc.constantFrom('alice', 'bob'), startIn: fc.integer({ min: 0, max: HOUR }) }), {
      minLength: 1,
      maxLength: 3,
    }),
    fc.array(fc.record({ target: fc.nat(3), key: who, author: who, at: when }), { maxLength: 4 }),
    fc.array(
      fc.record({
        target: fc.nat(3),
        kind: fc.constantFrom(...ALERT_KINDS),
        author: who,
        at: when,
        reason: fc.constantFrom(...DISPERSE_REASONS),
        reappear: fc.option(fc.nat(3), { nil: undefined }),
        legacy: fc.boolean(),
      }),
      { maxLength: 14 },
    ),
  )
  .map(([ps, cs, as]) => [
    ...ps.map((p, i) => point(`p${i}`, { ...p, duration: 3 * HOUR })),
    ...cs.map((c, i) => coorganizer(`c${i}`, `p${c.target}`, c.key, c.at, { author: c.author })),
    ...as.map((a, i) => {
      const reappear = a.reappear !== undefined && a.reappear !== a.target ? `p${a.reappear}` : undefined;
      if (a.legacy && a.kind === 'disperse')
        return disperse(`a${i}`, `p${a.target}`, a.at, { author: a.author, ...(reappear ? { reappear } : {}) });
      return alert(`a${i}`, `p${a.target}`, a.kind, a.at, {
        author: a.author,
        reason: a.reason,
        ...(reappear ? { reappear } : {}),
      });
    }),
  ]);
const nowArb = fc.integer({ min: T0, max: T0 + 4 * HOUR });
const reorderedArb = (recs: VerifiedRecord[]) =>
  fc
    .tuple(fc.shuffledSubarray(recs, { minLength: recs.length, maxLength: recs.length }), fc.subarray(recs))
    .map(([perm, dups]) => [...dups, ...perm]);
const pointsOf = (recs: VerifiedRecord[]) =>
  new Map(recs.filter((r): r is PointRecord => r.kind === 'point').map((r) => [r.id, r]));

describe('foldAlerts properties', () => {
  it('is invariant under permutation and duplication (foldAlerts and foldPoints with alerts)', () => {
    fc.assert(
      fc.property(
        recordsArb.chain((recs) => fc.tuple(fc.constant(recs), reorderedArb(recs))),
        nowArb,
        ([recs, reordered], now) => {
          expect(foldAlerts(pointsOf(reordered), reordered, now)).toEqual(foldAlerts(pointsOf(recs), recs, now));
          expect(foldPoints(reordered, now)).toEqual(foldPoints(recs, now));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('trust and counts follow the rules: confirmed only via an organizer, corroborated needs k distinct keys, reports = distinct live reporters', () => {
    fc.assert(
      fc.property(recordsArb, nowArb, (recs, now) => {
        const points = pointsOf(recs);
        const orgs = organizersOf(points, recs);
        for (const [pid, { statuses, headline }] of foldAlerts(points, recs, now)) {
          expect(headline).toBeDefined();
          // By value: the headline is a copy of one of the statuses (the UI store updates objects in place).
          expect(statuses).toContainEqual(headline);
          for (const s of statuses) {
            const live = recs.filter(
              (r) =>
                r.kind === 'alert' &&
                r.payload.point === pid &&
                r.payload.alert === s.kind &&
                r.created > now - LIMITS.alertTtlMs,
            );
            const reporters = new Set(live.filter((r) => !orgs.get(pid)?.has(r.author)).map((r) => r.author));
            expect(s.reports).toBe(reporters.size);
            expect(s.trust === 'confirmed').toBe(live.some((r) => orgs.get(pid)?.has(r.author)));
            if (s.trust === 'corroborated') expect(reporters.size).toBeGreaterThanOrEqual(LIMITS.corroborateKeys);
            if (s.trust === 'confirmed') expect(orgs.get(pid)?.has(s.by ?? fakeKey('none'))).toBe(true);
            if (s.trust !== 'confirmed')
              expect(s.reappear === undefined && s.fallback === undefined && s.by === undefined).toBe(true);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('only an organizer’s dispersal ends a point: dropping every report leaves the states unchanged', () => {
    fc.assert(
      fc.property(recordsArb, nowArb, (recs, now) => {
        const orgs = organizersOf(pointsOf(recs), recs);
        const noReports = recs.filter((r) => r.kind !== 'alert' || orgs.get(r.payload.point)?.has(r.author));
        const states = (rs: VerifiedRecord[]) =>
          foldPoints(rs, now).map((v) => [v.id, v.state, v.hideAt, v.reappearAt, v.reappearFrom]);
        expect(states(recs)).toEqual(states(noReports));
      }),
      { numRuns: 400 },
    );
  });
});
