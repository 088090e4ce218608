/** The lifecycle fold, driven by a manual clock: appear, disappear, reappear. */
import { describe, expect, it } from 'vitest';
import { makeManualClock } from '../../../src/domain/clock';
import { foldPoints, type PointView } from '../../../src/domain/foldPoints';
import { LIMITS } from '../../../src/domain/limits';
import type { VerifiedRecord } from '../../../src/domain/records';
import { cancel, disperse, MIN, point, T0 } from '../../fixtures/recordBuilders';

const states = (records: VerifiedRecord[], now: number) => foldPoints(records, now).map((v) => [v.title, v.state]);
const only = (records: VerifiedRecord[], now: number): PointView | undefined => {
  const views = foldPoints(records, now);
  expect(views.length).toBeLessThanOrEqual(1);
  return views[0];
};

describe('foldPoints lifecycle', () => {
  const p = point('p1', { startIn: 10 * MIN, duration: 60 * MIN });
  const start = T0 + 10 * MIN;
  const end = start + 60 * MIN;

  it('goes upcoming → active → ended → gone after lingerMs', () => {
    const clock = makeManualClock(T0);
    const seen: (string | undefined)[] = [];
    for (const t of [T0, start - 1, start, end - 1, end, end + LIMITS.lingerMs - 1, end + LIMITS.lingerMs]) {
      clock.set(t);
      seen.push(only([p], clock.now())?.state);
    }
    expect(seen).toEqual(['upcoming', 'upcoming', 'active', 'active', 'ended', 'ended', undefined]);
  });

  it('carries the payload, id, author, creation time and hideAt into the view', () => {
    expect(only([p], start)).toEqual({
      ...p.payload,
      id: p.id,
      circle: p.circle,
      author: p.author,
      created: p.created,
      state: 'active',
      hideAt: end + LIMITS.lingerMs,
    });
  });

  it('disperses with a reappear point: both views are linked', () => {
    const next = point('p2', { created: start + 20 * MIN, startIn: 5 * MIN });
    const d = disperse('d1', 'p1', start + 20 * MIN, { reappear: 'p2' });
    const clock = makeManualClock(start + 20 * MIN);
    const views = foldPoints([p, next, d], clock.now());
    expect(views.map((v) => [v.id, v.state, v.reappearAt, v.reappearFrom])).toEqual([
      [p.id, 'dispersed', next.id, undefined],
      [next.id, 'upcoming', undefined, p.id],
    ]);
    expect(views[0]?.hideAt).toBe(d.created + LIMITS.lingerMs);
    clock.advance(LIMITS.lingerMs);
    expect(foldPoints([p, next, d], clock.now()).map((v) => [v.id, v.reappearFrom])).toEqual([[next.id, p.id]]);
  });

  it('cancels an upcoming point and hides it lingerMs later', () => {
    const c = cancel('c1', 'p1', T0 + MIN);
    expect(only([p, c], T0 + MIN)?.state).toBe('cancelled');
    expect(only([p, c], T0 + MIN + LIMITS.lingerMs - 1)?.hideAt).toBe(T0 + MIN + LIMITS.lingerMs);
    expect(only([p, c], T0 + MIN + LIMITS.lingerMs)).toBeUndefined();
  });

  it('lets only the point’s author end it', () => {
    const forged = [
      disperse('d1', 'p1', start + MIN, { author: 'mallory', reappear: 'trap' }),
      cancel('c1', 'p1', start + MIN, { author: 'mallory' }),
    ];
    const trap = point('trap', { author: 'mallory', created: start });
    const views = foldPoints([p, trap, ...forged], start + 2 * MIN);
    expect(views.map((v) => [v.id, v.state, v.reappearAt, v.reappearFrom])).toEqual([
      [p.id, 'active', undefined, undefined],
      [trap.id, 'upcoming', undefined, undefined],
    ]);
  });

  it('applies the earliest ending', () => {
    const c = cancel('c1', 'p1', start + 5 * MIN);
    const d = disperse('d1', 'p1', start + 30 * MIN);
    expect(only([p, d, c], start + 6 * MIN)).toMatchObject({
      state: 'cancelled',
      hideAt: start + 5 * MIN + LIMITS.lingerMs,
    });
  });

  it('breaks a tie between endings at the same time by the lower record id, in any order', () => {
    const at = start + 5 * MIN;
    const low = disperse('aaa', 'p1', at);
    const high = cancel('zzz', 'p1', at);
    expect(only([p, low, high], at)?.state).toBe('dispersed');
    expect(only([p, high, low], at)?.state).toBe('dispersed');
    const lowCancel = cancel('aaa', 'p1', at);
    const highDisperse = disperse('zzz', 'p1', at);
    expect(only([p, highDisperse, lowCancel], at)?.state).toBe('cancelled');
  });

  it('ignores endings dated at or after the point’s end, and their reappear link', () => {
    const next = point('p2', { created: end });
    const late = disperse('d1', 'p1', end, { reappear: 'p2' });
    const views = foldPoints([p, next, late], end + MIN);
    expect(views.map((v) => [v.id, v.state, v.reappearAt, v.reappearFrom])).toEqual([
      [p.id, 'ended', undefined, undefined],
      [next.id, 'upcoming', undefined, undefined],
    ]);
  });

  it('applies an ending dated slightly ahead at once, hiding it lingerMs after its stated time', () => {
    const d = disperse('d1', 'p1', start + LIMITS.futureSkewMs);
    expect(only([p, d], start)).toMatchObject({
      state: 'dispersed',
      hideAt: start + LIMITS.futureSkewMs + LIMITS.lingerMs,
    });
  });

  it('ignores endings for points it does not know', () => {
    expect(states([disperse('d1', 'nowhere', start), cancel('c1', 'nowhere', start)], start)).toEqual([]);
  });

  it('gives the same result for duplicates and every arrival order', () => {
    const next = point('p2', { created: start + 20 * MIN });
    const recs = [
      p,
      next,
      disperse('d1', 'p1', start + 20 * MIN, { reappear: 'p2' }),
      cancel('c1', 'p2', start + 40 * MIN),
      cancel('c2', 'p1', start + 30 * MIN),
    ];
    const now = start + 21 * MIN;
    const expected = foldPoints(recs, now);
    const perms = (xs: VerifiedRecord[]): VerifiedRecord[][] =>
      xs.length <= 1
        ? [xs]
        : xs.flatMap((x, i) => perms([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
    for (const order of perms(recs)) expect(foldPoints([...order, ...order.slice(2)], now)).toEqual(expected);
  });

  it('names one deterministic origin when two dispersed points send their crowds to the same place', () => {
    const a = point('a1', { startIn: 0 });
    const b = point('b1', { startIn: 0 });
    const target = point('t1', { created: T0 + 20 * MIN });
    const da = disperse('da', 'a1', T0 + 21 * MIN, { reappear: 't1' });
    const db = disperse('db', 'b1', T0 + 20 * MIN, { reappear: 't1' });
    const from = (recs: VerifiedRecord[]) =>
      foldPoints(recs, T0 + 22 * MIN).find((v) => v.id === target.id)?.reappearFrom;
    expect(from([a, b, target, da, db])).toBe(b.id);
    expect(from([db, da, target, b, a])).toBe(b.id);
  });

  it('sorts by start time, then id', () => {
    const late = point('zz', { startIn: 30 * MIN });
    const early = point('yy', { startIn: 20 * MIN });
    const tieA = point('aa', { startIn: 20 * MIN });
    expect(foldPoints([late, early, tieA], T0).map((v) => v.id)).toEqual([tieA.id, early.id, late.id]);
  });
});
