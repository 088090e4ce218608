/** foldPoints with alerts: confirmed dispersals end points, reports never do, alerts ride on the view. */
import { describe, expect, it } from 'vitest';
import { foldPoints, type PointView } from '../../../src/domain/foldPoints';
import { LIMITS } from '../../../src/domain/limits';
import type { VerifiedRecord } from '../../../src/domain/records';
import { alert, cancel, coorganizer, disperse, fakeId, fakeKey, MIN, point, T0 } from '../../fixtures/recordBuilders';

const p = point('p1', { startIn: 10 * MIN, duration: 60 * MIN });
const start = T0 + 10 * MIN;
const end = start + 60 * MIN;
const AT = start + 20 * MIN;
const view = (records: VerifiedRecord[], now: number, id = p.id): PointView | undefined =>
  foldPoints(records, now).find((v) => v.id === id);
const brief = (v: PointView | undefined) =>
  v && {
    state: v.state,
    hideAt: v.hideAt,
    headline: v.alerts?.headline && [v.alerts.headline.kind, v.alerts.headline.trust],
  };

describe('confirmed disperse alerts end the point', () => {
  it('the organizer’s disperse alert disperses it: hideAt = t + lingerMs', () => {
    const d = alert('d', 'p1', 'disperse', AT);
    expect(brief(view([p, d], AT))).toEqual({
      state: 'dispersed',
      hideAt: AT + LIMITS.lingerMs,
      headline: ['disperse', 'confirmed'],
    });
    expect(view([p, d], AT + LIMITS.lingerMs)).toBeUndefined();
  });

  it('a co-organizer’s disperse alert disperses it', () => {
    const recs = [p, coorganizer('c', 'p1', 'bob', T0), alert('d', 'p1', 'disperse', AT, { author: 'bob' })];
    expect(brief(view(recs, AT))).toEqual({
      state: 'dispersed',
      hideAt: AT + LIMITS.lingerMs,
      headline: ['disperse', 'confirmed'],
    });
    expect(view(recs, AT)?.alerts?.headline?.by).toBe(fakeKey('bob'));
  });

  it('a disperse alert from a key named by someone other than the author does not', () => {
    const recs = [
      p,
      coorganizer('c', 'p1', 'bob', T0, { author: 'eve' }),
      alert('d', 'p1', 'disperse', AT, { author: 'bob' }),
    ];
    expect(brief(view(recs, AT))).toEqual({
      state: 'active',
      hideAt: end + LIMITS.lingerMs,
      headline: ['disperse', 'unconfirmed'],
    });
  });

  it(`${LIMITS.corroborateKeys} corroborated reports do NOT end the point (and cannot send the crowd anywhere)`, () => {
    const trap = point('trap', { author: 'mallory', created: start });
    const reports = Array.from({ length: LIMITS.corroborateKeys + 2 }, (_, i) =>
      alert(`r${i}`, 'p1', 'disperse', AT + i * 1000, { author: `m${i}`, reappear: 'trap' }),
    );
    const v = view([p, trap, ...reports], AT + 10_000);
    expect(brief(v)).toEqual({
      state: 'active',
      hideAt: end + LIMITS.lingerMs,
      headline: ['disperse', 'corroborated'],
    });
    expect(v?.reappearAt).toBeUndefined();
    expect(view([p, trap, ...reports], AT + 10_000, trap.id)?.reappearFrom).toBeUndefined();
  });

  it('caution and clear from the organizer do not end it', () => {
    const recs = [p, alert('c', 'p1', 'caution', AT), alert('k', 'p1', 'clear', AT + MIN)];
    expect(brief(view(recs, AT + MIN))).toEqual({
      state: 'active',
      hideAt: end + LIMITS.lingerMs,
      headline: ['clear', 'confirmed'],
    });
  });

  it('a disperse alert dated at or after the point’s end does not end it', () => {
    for (const t of [end, end + MIN]) {
      const v = view([p, alert('d', 'p1', 'disperse', t, { reappear: 'p9' })], t);
      expect(v?.state).toBe('ended');
      expect(v?.hideAt).toBe(end + LIMITS.lingerMs);
      expect(v?.reappearAt).toBeUndefined();
    }
    // One millisecond before the end still does.
    expect(view([p, alert('d', 'p1', 'disperse', end - 1)], end - 1)?.state).toBe('dispersed');
  });

  it('the earliest ending wins between a legacy disperse and an alert, whatever the order', () => {
    const legacy = disperse('old', 'p1', AT, { reappear: 'p8' });
    const newer = alert('new', 'p1', 'disperse', AT + MIN, { reappear: 'p9' });
    for (const recs of [
      [p, legacy, newer],
      [p, newer, legacy],
    ]) {
      expect(view(recs, AT + MIN)).toMatchObject({
        state: 'dispersed',
        hideAt: AT + LIMITS.lingerMs,
        reappearAt: fakeId('p8'),
      });
    }
    const earlierAlert = alert('new', 'p1', 'disperse', AT - MIN, { reappear: 'p9' });
    expect(view([p, legacy, earlierAlert], AT)).toMatchObject({
      hideAt: AT - MIN + LIMITS.lingerMs,
      reappearAt: fakeId('p9'),
    });
    // Equal times: the lower record id wins.
    const tieA = alert('aaa', 'p1', 'disperse', AT, { reappear: 'p9' });
    const tieZ = disperse('zzz', 'p1', AT, { reappear: 'p8' });
    expect(view([p, tieZ, tieA], AT)?.reappearAt).toBe(fakeId('p9'));
    expect(view([p, tieA, tieZ], AT)?.reappearAt).toBe(fakeId('p9'));
  });

  it('a cancel earlier than the alert wins: cancelled, not dispersed', () => {
    const recs = [p, cancel('c', 'p1', AT - MIN), alert('d', 'p1', 'disperse', AT)];
    expect(view(recs, AT)?.state).toBe('cancelled');
  });

  it('a legacy disperse by the author shows as its confirmed disperse alert without reasons', () => {
    const d = disperse('d', 'p1', AT);
    expect(view([p, d], AT)?.alerts?.statuses).toEqual([
      {
        point: p.id,
        kind: 'disperse',
        trust: 'confirmed',
        reports: 0,
        at: AT,
        latest: d.id,
        by: p.author,
        reasons: [],
      },
    ]);
  });
});

describe('reappear', () => {
  it('reappear from a confirmed alert links reappearAt and reappearFrom', () => {
    const next = point('p2', { created: AT, startIn: 5 * MIN });
    const d = alert('d', 'p1', 'disperse', AT, { reappear: 'p2', reason: 'kettling' });
    const views = foldPoints([p, next, d], AT);
    expect(views.map((v) => [v.id, v.state, v.reappearAt, v.reappearFrom])).toEqual([
      [p.id, 'dispersed', next.id, undefined],
      [next.id, 'upcoming', undefined, p.id],
    ]);
    expect(views[0]?.alerts?.headline).toMatchObject({
      kind: 'disperse',
      trust: 'confirmed',
      reappear: next.id,
      reasons: ['kettling'],
    });
  });

  it('reappearPlace comes from the `revealed` map of the ending alert’s fallback', () => {
    const fb = point('p1', { startIn: 10 * MIN, duration: 60 * MIN });
    const d = alert('d', 'p1', 'disperse', AT, { fallback: { i: 1, key: fakeId('aes') } });
    const place = { label: 'Library steps', lat: 53.92, lon: 27.58 };
    expect(view([fb, d], AT)?.reappearPlace).toBeUndefined();
    const v = foldPoints([fb, d], AT, new Map([[d.id, place]]))[0];
    expect(v?.reappearPlace).toEqual(place);
    expect(v?.alerts?.headline?.fallback).toEqual({ i: 1, place });
    // A place opened for some other record does not attach to this point.
    expect(foldPoints([fb, d], AT, new Map([[fakeId('other'), place]]))[0]?.reappearPlace).toBeUndefined();
  });

  it('a report’s fallback reveal is never a reappearPlace', () => {
    const r = alert('r', 'p1', 'disperse', AT, { author: 'eve', fallback: { i: 0, key: fakeId('aes') } });
    const v = foldPoints([p, r], AT, new Map([[r.id, { label: 'Trap', lat: 1, lon: 1 }]]))[0];
    expect(v?.state).toBe('active');
    expect(v?.reappearPlace).toBeUndefined();
  });
});

describe('the ending dispersal over time', () => {
  it('stays confirmed for as long as the point is visible, and goes with it after lingerMs (long before alertTtlMs)', () => {
    expect(LIMITS.lingerMs).toBeLessThan(LIMITS.alertTtlMs);
    const d = alert('d', 'p1', 'disperse', AT);
    expect(brief(view([p, d], AT + LIMITS.lingerMs - 1))?.headline).toEqual(['disperse', 'confirmed']);
    expect(foldPoints([p, d], AT + LIMITS.lingerMs)).toEqual([]);
    expect(foldPoints([p, d], AT + LIMITS.alertTtlMs)).toEqual([]);
  });
});

describe('who may end a point', () => {
  const recs = [p, coorganizer('c', 'p1', 'bob', T0)];
  it('cancel by a co-organizer is ignored', () => {
    expect(brief(view([...recs, cancel('x', 'p1', AT, { author: 'bob' })], AT))?.state).toBe('active');
  });
  it('a legacy disperse by a co-organizer is ignored (the alert kind is theirs)', () => {
    expect(brief(view([...recs, disperse('x', 'p1', AT, { author: 'bob' })], AT))?.state).toBe('active');
  });
  it('points with no live alert carry no `alerts` field', () => {
    const v = view(recs, AT);
    expect(v && 'alerts' in v).toBe(false);
  });
  it('alerts about a hidden point or an unknown one attach to nothing', () => {
    const views = foldPoints([p, alert('a', 'ghost', 'disperse', AT)], AT);
    expect(views.map((v) => v.alerts)).toEqual([undefined]);
  });
});
