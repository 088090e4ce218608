/** foldAlerts, organizersOf, maxKeysInWindow and headlineOf: every trust rule of issue 4. */
import { describe, expect, it } from 'vitest';
import type { RecordId } from '../../../src/domain/brand';
import {
  foldAlerts,
  headlineOf,
  maxKeysInWindow,
  organizersOf,
  type AlertStatus,
  type PointAlerts,
} from '../../../src/domain/foldAlerts';
import { LIMITS } from '../../../src/domain/limits';
import type { AlertKind, AlertRecord, PointRecord, VerifiedRecord } from '../../../src/domain/records';
import { alert, coorganizer, fakeId, fakeKey, MIN, point, T0 } from '../../fixtures/recordBuilders';

const W = LIMITS.corroborateWindowMs;
const TTL = LIMITS.alertTtlMs;
const K = LIMITS.corroborateKeys;
const p1 = point('p1', { startIn: 10 * MIN, duration: 120 * MIN }) as PointRecord;
const P1 = p1.id;
const AT = T0 + 30 * MIN;
const pointsOf = (...ps: VerifiedRecord[]) => new Map(ps.map((p) => [p.id, p as PointRecord]));

function alertsOf(records: VerifiedRecord[], now: number, points = pointsOf(p1)): PointAlerts | undefined {
  return foldAlerts(points, records, now).get(P1);
}
function status(records: VerifiedRecord[], now: number, kind: AlertKind): AlertStatus | undefined {
  return alertsOf(records, now)?.statuses.find((s) => s.kind === kind);
}
const summary = (s: AlertStatus | undefined) => s && [s.kind, s.trust, s.reports];
/** `n` distinct reporters' alerts of `kind`, the i-th at `at + i * step`. */
const reports = (n: number, kind: AlertKind, at: number, step = 0, prefix = 'r') =>
  Array.from({ length: n }, (_, i) =>
    alert(`${prefix}${kind}${i}`, 'p1', kind, at + i * step, { author: `${prefix}key${i}` }),
  );

describe('organizersOf', () => {
  it('is the author plus keys the author named; others cannot name, co-organizers cannot chain', () => {
    const recs = [
      coorganizer('c1', 'p1', 'bob', AT),
      coorganizer('c2', 'p1', 'mallory', AT, { author: 'eve' }),
      coorganizer('c3', 'p1', 'carol', AT, { author: 'bob' }),
      coorganizer('c4', 'unknown', 'dave', AT),
    ];
    expect([...(organizersOf(pointsOf(p1), recs).get(P1) ?? [])].sort()).toEqual(
      [fakeKey('alice'), fakeKey('bob')].sort(),
    );
    expect(organizersOf(pointsOf(p1), recs).has(fakeId('unknown'))).toBe(false);
  });
});

describe('trust levels', () => {
  it('an alert by the point’s author is confirmed, with no reports', () => {
    const a = alert('a1', 'p1', 'caution', AT);
    expect(status([a], AT, 'caution')).toMatchObject({
      point: P1,
      kind: 'caution',
      trust: 'confirmed',
      reports: 0,
      by: a.author,
      at: AT,
      latest: a.id,
    });
  });

  it('an alert by a co-organizer the author named is confirmed, whichever arrives first', () => {
    const a = alert('a1', 'p1', 'caution', AT, { author: 'bob' });
    const c = coorganizer('c1', 'p1', 'bob', AT + MIN);
    expect(status([a, c], AT, 'caution')).toMatchObject({ trust: 'confirmed', by: fakeKey('bob'), reports: 0 });
    expect(status([c, a], AT, 'caution')).toMatchObject({ trust: 'confirmed', by: fakeKey('bob') });
  });

  it('a co-organizer named by someone other than the author is just a reporter', () => {
    const recs = [
      coorganizer('c1', 'p1', 'bob', AT, { author: 'eve' }),
      alert('a1', 'p1', 'caution', AT, { author: 'bob' }),
    ];
    expect(summary(status(recs, AT, 'caution'))).toEqual(['caution', 'unconfirmed', 1]);
  });

  it('a co-organizer cannot name more co-organizers (no chains)', () => {
    const recs = [
      coorganizer('c1', 'p1', 'bob', AT),
      coorganizer('c2', 'p1', 'carol', AT, { author: 'bob' }),
      alert('a1', 'p1', 'disperse', AT, { author: 'carol' }),
    ];
    expect(summary(status(recs, AT, 'disperse'))).toEqual(['disperse', 'unconfirmed', 1]);
  });

  it('a co-organizer of another point is a reporter here', () => {
    const p2 = point('p2');
    const recs = [coorganizer('c1', 'p2', 'bob', AT), alert('a1', 'p1', 'caution', AT, { author: 'bob' })];
    expect(foldAlerts(pointsOf(p1, p2), recs, AT).get(P1)?.statuses.map(summary)).toEqual([
      ['caution', 'unconfirmed', 1],
    ]);
  });

  it('unconfirmed(n) counts distinct keys', () => {
    // Spaced wider than the window, so even k of them stay unconfirmed.
    const step = W + MIN;
    for (let n = 1; n <= K; n++)
      expect(summary(status(reports(n, 'caution', AT, step), AT + step * (n - 1), 'caution'))).toEqual([
        'caution',
        'unconfirmed',
        n,
      ]);
  });

  it('one key repeating N times counts once, and never corroborates', () => {
    const same = Array.from({ length: 10 }, (_, i) =>
      alert(`x${i}`, 'p1', 'disperse', AT + i * 1000, { author: 'mallory' }),
    );
    expect(summary(status(same, AT + 10_000, 'disperse'))).toEqual(['disperse', 'unconfirmed', 1]);
  });

  it('the same record twice in the input counts once', () => {
    const two = reports(2, 'caution', AT);
    expect(summary(status([...two, ...two, ...two], AT, 'caution'))).toEqual(['caution', 'unconfirmed', 2]);
    expect(alertsOf([...two, ...two], AT)).toEqual(alertsOf(two, AT));
  });

  it(`k = ${K} distinct keys within the window → corroborated; k − 1 → not`, () => {
    expect(summary(status(reports(K, 'disperse', AT, MIN), AT + K * MIN, 'disperse'))).toEqual([
      'disperse',
      'corroborated',
      K,
    ]);
    expect(summary(status(reports(K - 1, 'disperse', AT, MIN), AT + K * MIN, 'disperse'))).toEqual([
      'disperse',
      'unconfirmed',
      K - 1,
    ]);
  });

  it('k keys spread wider than the window are not corroborated; exactly the window still is', () => {
    // First and last report exactly W apart: inside one window (inclusive).
    const exact = reports(K, 'caution', AT, W / (K - 1));
    const now = AT + W;
    expect(summary(status(exact, now, 'caution'))).toEqual(['caution', 'unconfirmed', K].with(1, 'corroborated'));
    // One millisecond wider: no window holds all k.
    const wider = exact.map((r, i) => (i === K - 1 ? { ...r, created: r.created + 1 } : r));
    expect(summary(status(wider, now + 1, 'caution'))).toEqual(['caution', 'unconfirmed', K]);
  });

  it('organizer alerts do not count towards corroboration or reports', () => {
    const recs = [...reports(K - 1, 'caution', AT), alert('a1', 'p1', 'caution', AT - 20 * MIN)];
    expect(summary(status(recs, AT, 'caution'))).toEqual(['caution', 'confirmed', K - 1]);
    const coorg = [coorganizer('c1', 'p1', 'rkey0', AT), ...reports(K, 'caution', AT)];
    expect(summary(status(coorg, AT, 'caution'))).toEqual(['caution', 'confirmed', K - 1]);
  });

  it('statuses are per kind: k keys split over two kinds do not corroborate either', () => {
    const recs = [...reports(2, 'disperse', AT), ...reports(1, 'caution', AT, 0, 's')];
    expect(alertsOf(recs, AT)?.statuses.map(summary)).toEqual([
      ['disperse', 'unconfirmed', 2],
      ['caution', 'unconfirmed', 1],
    ]);
  });

  it('statuses come in the order disperse, caution, clear', () => {
    const recs = [
      ...reports(1, 'clear', AT, 0, 'a'),
      ...reports(1, 'caution', AT, 0, 'b'),
      ...reports(1, 'disperse', AT, 0, 'c'),
    ];
    expect(alertsOf(recs, AT)?.statuses.map((s) => s.kind)).toEqual(['disperse', 'caution', 'clear']);
  });
});

describe('expiry after alertTtlMs', () => {
  it('a confirmed alert counts until created + alertTtlMs, exclusive', () => {
    const a = [alert('a1', 'p1', 'caution', AT)];
    expect(status(a, AT + TTL - 1, 'caution')?.trust).toBe('confirmed');
    expect(alertsOf(a, AT + TTL)).toBeUndefined();
  });

  it('reports expire one by one: corroborated → unconfirmed(n − 1) → nothing', () => {
    const rs = reports(K, 'disperse', AT, MIN);
    expect(summary(status(rs, AT + TTL - 1, 'disperse'))).toEqual(['disperse', 'corroborated', K]);
    expect(summary(status(rs, AT + TTL, 'disperse'))).toEqual(['disperse', 'unconfirmed', K - 1]);
    expect(alertsOf(rs, AT + (K - 1) * MIN + TTL)).toBeUndefined();
  });

  it('an expired organizer alert falls back to live reports', () => {
    const recs = [alert('a1', 'p1', 'caution', AT), ...reports(1, 'caution', AT + 20 * MIN)];
    expect(summary(status(recs, AT + TTL, 'caution'))).toEqual(['caution', 'unconfirmed', 1]);
  });

  it('an ending dispersal passed in `endings` stays confirmed after alertTtlMs', () => {
    const d = alert('d1', 'p1', 'disperse', AT, { reason: 'kettling' });
    const later = AT + TTL + HOUR_MS;
    expect(foldAlerts(pointsOf(p1), [d], later).get(P1)).toBeUndefined();
    expect(foldAlerts(pointsOf(p1), [d], later, { endings: new Map([[P1, d]]) }).get(P1)?.statuses).toEqual([
      {
        point: P1,
        kind: 'disperse',
        trust: 'confirmed',
        reports: 0,
        at: AT,
        latest: d.id,
        by: d.author,
        reasons: ['kettling'],
      },
    ]);
  });
});
const HOUR_MS = 60 * MIN;

describe('reasons', () => {
  it('the confirming record’s reason first, then reporters’ by count (one vote per key, newest), then by name', () => {
    const recs = [
      alert('o', 'p1', 'disperse', AT, { reason: 'other' }),
      alert('r1', 'p1', 'disperse', AT, { author: 'k1', reason: 'violence' }),
      alert('r2', 'p1', 'disperse', AT, { author: 'k2', reason: 'violence' }),
      alert('r3', 'p1', 'disperse', AT, { author: 'k3', reason: 'kettling' }),
      // k4 first said police, then other: only its newest report votes.
      alert('r4a', 'p1', 'disperse', AT, { author: 'k4', reason: 'police' }),
      alert('r4b', 'p1', 'disperse', AT + 1, { author: 'k4', reason: 'police' }),
      alert('r5', 'p1', 'disperse', AT, { author: 'k5', reason: 'police' }),
      alert('r6', 'p1', 'disperse', AT, { author: 'k6', reason: 'kettling' }),
      alert('r7a', 'p1', 'disperse', AT + 2, { author: 'k7', reason: 'other' }),
      alert('r7b', 'p1', 'disperse', AT + 1, { author: 'k7', reason: 'police' }),
    ];
    // violence 2, kettling 2, police 2 (k4 once, k5), other (k7 newest, but it is the confirmer's reason anyway).
    expect(status(recs, AT + 5, 'disperse')?.reasons).toEqual(['other', 'kettling', 'police', 'violence']);
    expect(status(recs.slice(1), AT + 5, 'disperse')?.reasons).toEqual(['kettling', 'police', 'violence', 'other']);
  });

  it('caution and clear carry no reasons', () => {
    expect(status([alert('a', 'p1', 'caution', AT)], AT, 'caution')?.reasons).toEqual([]);
  });
});

describe('reappear and fallback', () => {
  const ended = (r: VerifiedRecord) => ({ endings: new Map([[P1, r as AlertRecord]]) });

  it('come from the confirmed disperse record only, never from reports', () => {
    const fromOrg = alert('o', 'p1', 'disperse', AT, { reappear: 'p9' });
    const trap = Array.from({ length: K }, (_, i) =>
      alert(`rdisperse${i}`, 'p1', 'disperse', AT, { author: `rkey${i}`, reappear: 'trap' }),
    );
    const s0 = foldAlerts(pointsOf(p1), [fromOrg, ...trap], AT, ended(fromOrg)).get(P1)?.statuses[0];
    expect(s0).toMatchObject({ trust: 'confirmed', reappear: fakeId('p9') });
    const s = status(trap, AT, 'disperse');
    expect(s?.trust).toBe('corroborated');
    expect(s && 'reappear' in s).toBe(false);
  });

  it('a fallback reveal shows its index, and the place once opened', () => {
    const d = alert('o', 'p1', 'disperse', AT, { fallback: { i: 2, key: fakeId('k') } });
    expect(foldAlerts(pointsOf(p1), [d], AT, ended(d)).get(P1)?.statuses[0]?.fallback).toEqual({ i: 2 });
    const place = { label: 'Park gate', lat: 53.91, lon: 27.55 };
    const opened = foldAlerts(pointsOf(p1), [d], AT, { ...ended(d), revealed: new Map([[d.id, place]]) }).get(P1)
      ?.statuses[0];
    expect(opened?.fallback).toEqual({ i: 2, place });
    const report = alert('r', 'p1', 'disperse', AT, { author: 'eve', fallback: { i: 0, key: fakeId('k') } });
    const r = foldAlerts(pointsOf(p1), [report], AT, { revealed: new Map([[report.id, place]]) }).get(P1)?.statuses[0];
    expect(r && 'fallback' in r).toBe(false);
  });

  it('only the dispersal that ended the point gives them, not a later or a non-ending one', () => {
    const first = alert('o1', 'p1', 'disperse', AT, { reappear: 'p8' });
    const recs = [
      first,
      alert('o2', 'p1', 'disperse', AT + MIN, { author: 'bob', reappear: 'p9' }),
      coorganizer('c', 'p1', 'bob', AT),
    ];
    const s = foldAlerts(pointsOf(p1), recs, AT + MIN, ended(first)).get(P1)?.statuses[0];
    expect(s).toMatchObject({ reappear: fakeId('p8'), by: first.author });
    // A confirmed disperse that ended nothing (say, dated after the point's end) sends nobody anywhere.
    const loose = status(recs, AT + MIN, 'disperse');
    expect(loose?.trust).toBe('confirmed');
    expect(loose && 'reappear' in loose).toBe(false);
  });
});

describe('what a status is dated by', () => {
  it('confirmed: the confirming record; a reporter repeating does not move `at` or `latest`', () => {
    const o = alert('o', 'p1', 'caution', AT);
    const s = status(
      [o, ...reports(1, 'caution', AT + 5 * MIN), alert('again', 'p1', 'caution', AT + 6 * MIN, { author: 'rkey0' })],
      AT + 6 * MIN,
      'caution',
    );
    expect(s).toMatchObject({ trust: 'confirmed', reports: 1, at: AT, latest: o.id });
  });
  it('unconfirmed and corroborated: the newest report', () => {
    const rs = reports(2, 'caution', AT, MIN);
    expect(status(rs, AT + MIN, 'caution')).toMatchObject({ at: AT + MIN, latest: rs[1]?.id });
  });
  it('equal times: the lower id, so every peer agrees', () => {
    const a = alert('zz', 'p1', 'caution', AT);
    const b = alert('aa', 'p1', 'caution', AT);
    expect(status([a, b], AT, 'caution')?.latest).toBe(b.id);
    expect(status([b, a], AT, 'caution')?.latest).toBe(b.id);
  });
});

describe('which points', () => {
  it('alerts about unknown points are ignored; points with no live alert get no entry', () => {
    const p2 = point('p2');
    const out = foldAlerts(pointsOf(p1, p2), [alert('a', 'ghost', 'disperse', AT), alert('b', 'p1', 'clear', AT)], AT);
    expect([...out.keys()]).toEqual([P1]);
    expect(out.has(fakeId('ghost') as RecordId)).toBe(false);
  });
  it('non-alert records are ignored', () => {
    expect(foldAlerts(pointsOf(p1), [p1, coorganizer('c', 'p1', 'bob', AT)], AT).size).toBe(0);
  });
});

describe('headlineOf', () => {
  const st = (kind: AlertKind, trust: AlertStatus['trust'], at: number, id = `${kind}${trust}${at}`): AlertStatus => ({
    point: P1,
    kind,
    trust,
    reports: 0,
    at,
    latest: fakeId(id),
    reasons: [],
  });
  const head = (...s: AlertStatus[]) => {
    const h = headlineOf(s);
    return h && [h.kind, h.trust];
  };

  it('nothing → undefined', () => expect(headlineOf([])).toBeUndefined());
  it('trusted beats a newer unconfirmed one', () => {
    expect(head(st('caution', 'confirmed', 1), st('disperse', 'unconfirmed', 9))).toEqual(['caution', 'confirmed']);
    expect(head(st('caution', 'corroborated', 1), st('disperse', 'unconfirmed', 9))).toEqual([
      'caution',
      'corroborated',
    ]);
  });

  it('a newer corroborated warning does not talk over a confirmed one (three fresh keys are cheap)', () => {
    expect(head(st('disperse', 'confirmed', AT), st('caution', 'corroborated', AT + MIN))).toEqual([
      'disperse',
      'confirmed',
    ]);
    expect(head(st('caution', 'confirmed', AT), st('disperse', 'corroborated', AT + MIN))).toEqual([
      'caution',
      'confirmed',
    ]);
    expect(head(st('caution', 'confirmed', AT), st('disperse', 'confirmed', AT + MIN))).toEqual([
      'disperse',
      'confirmed',
    ]);
    expect(head(st('caution', 'corroborated', AT), st('disperse', 'corroborated', AT + MIN))).toEqual([
      'disperse',
      'corroborated',
    ]);
  });
  it('the newest trusted warning wins among trusted ones', () => {
    expect(head(st('disperse', 'confirmed', 1), st('caution', 'confirmed', 2))).toEqual(['caution', 'confirmed']);
    expect(head(st('disperse', 'confirmed', 3), st('caution', 'corroborated', 2))).toEqual(['disperse', 'confirmed']);
  });
  it('nothing trusted: the newest unconfirmed status, clear included', () => {
    expect(
      head(st('disperse', 'unconfirmed', 1), st('caution', 'unconfirmed', 3), st('clear', 'unconfirmed', 2)),
    ).toEqual(['caution', 'unconfirmed']);
    expect(head(st('disperse', 'unconfirmed', 1), st('clear', 'unconfirmed', 2))).toEqual(['clear', 'unconfirmed']);
  });
  it('an unconfirmed clear never beats a trusted warning', () => {
    expect(head(st('caution', 'corroborated', 1), st('clear', 'unconfirmed', 9))).toEqual(['caution', 'corroborated']);
  });
  it('a trusted clear with no warning is the headline, even over newer unconfirmed warnings', () => {
    expect(head(st('clear', 'corroborated', 1), st('disperse', 'unconfirmed', 9))).toEqual(['clear', 'corroborated']);
  });
  it('a corroborated clear does not override a confirmed caution, however new', () => {
    expect(head(st('caution', 'confirmed', 1), st('clear', 'corroborated', 9))).toEqual(['caution', 'confirmed']);
  });
  it('a confirmed clear newer than a confirmed caution wins; older or equal does not', () => {
    expect(head(st('caution', 'confirmed', 1), st('clear', 'confirmed', 2))).toEqual(['clear', 'confirmed']);
    expect(head(st('caution', 'confirmed', 2), st('clear', 'confirmed', 1))).toEqual(['caution', 'confirmed']);
    expect(head(st('caution', 'confirmed', 2), st('clear', 'confirmed', 2))).toEqual(['caution', 'confirmed']);
  });
  it('a confirmed or corroborated clear newer than a corroborated warning wins', () => {
    expect(head(st('disperse', 'corroborated', 1), st('clear', 'corroborated', 2))).toEqual(['clear', 'corroborated']);
    expect(head(st('disperse', 'corroborated', 1), st('clear', 'confirmed', 2))).toEqual(['clear', 'confirmed']);
  });
  it('is the same for any order of its input', () => {
    const s = [st('disperse', 'confirmed', 5, 'x'), st('caution', 'confirmed', 5, 'a'), st('clear', 'unconfirmed', 7)];
    expect(headlineOf(s)).toBe(s[1]);
    expect(headlineOf([...s].reverse())).toBe(s[1]);
  });

  it('through foldAlerts: a reporter re-sending an all clear cannot overturn the organizer’s newer caution', () => {
    const recs = [
      alert('clear0', 'p1', 'clear', AT),
      alert('caution1', 'p1', 'caution', AT + 5 * MIN),
      alert('troll', 'p1', 'clear', AT + 10 * MIN, { author: 'mallory' }),
    ];
    expect(summary(alertsOf(recs, AT + 10 * MIN)?.headline)).toEqual(['caution', 'confirmed', 0]);
    // The organizer's own newer all clear does.
    expect(
      summary(alertsOf([...recs, alert('clear2', 'p1', 'clear', AT + 11 * MIN)], AT + 11 * MIN)?.headline),
    ).toEqual(['clear', 'confirmed', 1]);
  });
});

describe('maxKeysInWindow', () => {
  const r = (author: string, created: number) => ({ author: fakeKey(author), created });
  it('counts distinct keys in the best window, inclusive of its edges', () => {
    expect(maxKeysInWindow([], W)).toBe(0);
    expect(maxKeysInWindow([r('a', 0), r('a', 1), r('a', 2)], W)).toBe(1);
    expect(maxKeysInWindow([r('a', 0), r('b', 5), r('c', 10)], 10)).toBe(3);
    expect(maxKeysInWindow([r('a', 0), r('b', 5), r('c', 11)], 10)).toBe(2);
    // A key repeated inside the window does not count twice; one leaving the window is forgotten.
    expect(maxKeysInWindow([r('a', 0), r('a', 4), r('b', 8), r('c', 13), r('a', 20)], 10)).toBe(3);
    expect(maxKeysInWindow([r('a', 0), r('b', 1), r('a', 12), r('c', 13)], 10)).toBe(2);
    expect(maxKeysInWindow([r('a', 0), r('b', 1), r('c', 12), r('d', 30)], 10)).toBe(2);
  });
});
