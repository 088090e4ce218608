import { describe, expect, it } from 'vitest';
import type { CircleId, VerifiedRecord } from '../../../src/domain';
import { recordsForPoints } from '../../../src/domain/bundleSelection';
import { alert, cancel, coorganizer, disperse, fakeId, fakeKey, MIN, point, T0 } from '../../fixtures/recordBuilders';

const PRIVATE = 'PrivateCircleIdxxxxxxA' as CircleId;
const inCircle = (r: VerifiedRecord, circle: CircleId): VerifiedRecord => ({ ...r, circle });
const organizer = (label: string, key: string, circle: CircleId): VerifiedRecord => ({
  id: fakeId(label),
  circle,
  author: fakeKey('alice'),
  created: T0 + MIN,
  kind: 'organizer',
  payload: { key: fakeKey(key) },
});
const labels = (rs: readonly VerifiedRecord[]) =>
  rs.map((r) => (r.kind === 'point' ? r.payload.title : r.id.slice(0, 6)));
const isPrivate = (c: CircleId) => c === PRIVATE;

describe('recordsForPoints, one point', () => {
  const records = [
    point('square', { created: T0 }),
    point('park', { created: T0 + MIN }),
    point('unrelated', { created: T0 + 2 * MIN }),
    alert('caution1', 'square', 'caution', T0 + 3 * MIN, { author: 'bob' }),
    coorganizer('coorg1', 'square', 'carol', T0 + 4 * MIN),
    disperse('disp1', 'square', T0 + 5 * MIN, { reappear: 'park' }),
    alert('other1', 'unrelated', 'caution', T0 + 6 * MIN),
    cancel('cancel1', 'square', T0 + 7 * MIN),
  ];

  it('carries the point, every record about it, and the point its dispersal names, oldest first', () => {
    expect(labels(recordsForPoints(records, [fakeId('square')], isPrivate))).toEqual([
      'square',
      'park',
      'cautio',
      'coorg1',
      'disp1x',
      'cancel',
    ]);
  });

  it('also follows the reappear of a disperse alert', () => {
    const rs = [point('a'), point('b'), alert('d1', 'a', 'disperse', T0 + MIN, { reappear: 'b' })];
    expect(labels(recordsForPoints(rs, [fakeId('a')], isPrivate))).toEqual(['a', 'b', 'd1xxxx']);
  });

  it('puts points first, so a text cut short still carries the places', () => {
    // 'aaaa' sorts before 'zz' by id and both are made in the same millisecond.
    const rs = [
      alert('aaaa', 'zz', 'disperse', T0, { reappear: 'target' }),
      point('zz', { created: T0 }),
      point('target', { created: T0 + MIN }),
    ];
    expect(labels(recordsForPoints(rs, [fakeId('zz')], isPrivate))).toEqual(['zz', 'target', 'aaaaxx']);
  });

  it('is empty for an unknown id or an id that is not a point', () => {
    expect(recordsForPoints(records, [fakeId('nothing')], isPrivate)).toEqual([]);
    expect(recordsForPoints(records, [fakeId('caution1')], isPrivate)).toEqual([]);
  });

  it('leaves out records about the point written in another circle', () => {
    const rs = [point('a'), inCircle(alert('elsewhere', 'a', 'caution', T0 + MIN), PRIVATE)];
    expect(labels(recordsForPoints(rs, [fakeId('a')], isPrivate))).toEqual(['a']);
  });

  it("carries a private circle's organizer records, never the open circle's", () => {
    const rs = [
      inCircle(point('p'), PRIVATE),
      organizer('org1', 'dave', PRIVATE),
      point('q'),
      { ...organizer('junk2', 'eve', PRIVATE), circle: point('q').circle },
    ];
    expect(labels(recordsForPoints(rs, [fakeId('p')], isPrivate))).toEqual(['p', 'org1xx']);
    expect(labels(recordsForPoints(rs, [fakeId('q')], isPrivate))).toEqual(['q']);
  });

  it('takes several points at once, each record once', () => {
    const both = recordsForPoints(records, [fakeId('square'), fakeId('park'), fakeId('square')], isPrivate);
    expect(new Set(both.map((r) => r.id)).size).toBe(both.length);
    expect(labels(both)).toEqual(['square', 'park', 'cautio', 'coorg1', 'disp1x', 'cancel']);
  });
});
