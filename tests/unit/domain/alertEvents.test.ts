/** alertEvents / isNews: what raises a banner again, and what must not. */
import { describe, expect, it } from 'vitest';
import { alertEvents, isNews, type AlertMarks } from '../../../src/domain/alertEvents';
import { foldAlerts, type AlertStatus } from '../../../src/domain/foldAlerts';
import type { PointRecord, VerifiedRecord } from '../../../src/domain/records';
import { alert, fakeId, MIN, point, T0 } from '../../fixtures/recordBuilders';

const st = (over: Partial<AlertStatus> = {}): AlertStatus => ({
  point: fakeId('p1'),
  kind: 'disperse',
  trust: 'unconfirmed',
  reports: 1,
  at: T0,
  latest: fakeId('r1'),
  reasons: ['police'],
  ...over,
});
const newsOf = (marks: AlertMarks, ...s: AlertStatus[]) => alertEvents(marks, s).news;
const after = (...s: AlertStatus[]) => alertEvents(new Map(), s).marks;

describe('alertEvents', () => {
  it('first sight is news, and leaves a mark per point and kind', () => {
    const a = st();
    const b = st({ kind: 'caution' });
    const c = st({ point: fakeId('p2') });
    const { news, marks } = alertEvents(new Map(), [a, b, c]);
    expect(news).toEqual([a, b, c]);
    expect(marks.size).toBe(3);
    expect(marks.get(`${a.point}|disperse`)).toEqual({ trust: 'unconfirmed', reports: 1, latest: a.latest });
  });

  it('the same marks again are not news', () => {
    const s = [st(), st({ kind: 'clear', trust: 'confirmed', reports: 0 })];
    expect(newsOf(after(...s), ...s)).toEqual([]);
  });

  it('trust rising is news: unconfirmed → corroborated → confirmed', () => {
    const up = st({ trust: 'corroborated', reports: 1 });
    expect(newsOf(after(st()), up)).toEqual([up]);
    const top = st({ trust: 'confirmed', reports: 1 });
    expect(newsOf(after(up), top)).toEqual([top]);
  });

  it('more reports is news', () => {
    const more = st({ reports: 2, latest: fakeId('r2') });
    expect(newsOf(after(st()), more)).toEqual([more]);
  });

  it('a new confirmed record (latest changed) is news; the same one is not', () => {
    const first = st({ trust: 'confirmed', reports: 0, latest: fakeId('o1') });
    const second = st({ trust: 'confirmed', reports: 0, latest: fakeId('o2'), at: T0 + MIN });
    expect(newsOf(after(first), second)).toEqual([second]);
    expect(newsOf(after(second), second)).toEqual([]);
  });

  it('a reporter repeating itself (same reports, new latest) is not news', () => {
    expect(newsOf(after(st()), st({ latest: fakeId('r1again'), at: T0 + MIN }))).toEqual([]);
    const corr = st({ trust: 'corroborated', reports: 3 });
    expect(newsOf(after(corr), { ...corr, latest: fakeId('again') })).toEqual([]);
  });

  it('weakening is not news, and the mark follows it down so the next rise is news again', () => {
    const strong = st({ trust: 'corroborated', reports: 3 });
    const weak = st({ trust: 'unconfirmed', reports: 2 });
    const down = alertEvents(after(strong), [weak]);
    expect(down.news).toEqual([]);
    expect(down.marks.get(`${weak.point}|disperse`)).toEqual({ trust: 'unconfirmed', reports: 2, latest: weak.latest });
    expect(alertEvents(down.marks, [strong]).news).toEqual([strong]);
  });

  it('a status that disappeared loses its mark: seeing it again is news', () => {
    const gone = alertEvents(after(st()), []);
    expect(gone.marks.size).toBe(0);
    expect(newsOf(gone.marks, st())).toEqual([st()]);
  });

  it('isNews without a mark is true', () => expect(isNews(undefined, st())).toBe(true));
});

describe('alertEvents over foldAlerts', () => {
  const p1 = point('p1', { startIn: 10 * MIN, duration: 120 * MIN }) as PointRecord;
  const AT = T0 + 30 * MIN;
  const statuses = (recs: VerifiedRecord[], now: number) =>
    foldAlerts(new Map([[p1.id, p1]]), recs, now).get(p1.id)?.statuses ?? [];

  it('a reporter repeating alongside a confirmed alert raises no second banner', () => {
    const base = [alert('o', 'p1', 'caution', AT), alert('r', 'p1', 'caution', AT + MIN, { author: 'eve' })];
    const first = alertEvents(new Map(), statuses(base, AT + MIN));
    expect(first.news.map((s) => [s.kind, s.trust, s.reports])).toEqual([['caution', 'confirmed', 1]]);
    const again = [...base, alert('r2', 'p1', 'caution', AT + 2 * MIN, { author: 'eve' })];
    expect(alertEvents(first.marks, statuses(again, AT + 2 * MIN)).news).toEqual([]);
    // A second caution from the organizer is a new alert.
    const org = [...again, alert('o2', 'p1', 'caution', AT + 3 * MIN)];
    expect(alertEvents(first.marks, statuses(org, AT + 3 * MIN)).news.map((s) => s.latest)).toEqual([fakeId('o2')]);
  });
});
