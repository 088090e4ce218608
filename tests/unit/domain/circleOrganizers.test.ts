/**
 * Circle organizers: creator + invite organizers + creator-signed `organizer`
 * records in that circle; their alerts confirm (and their dispersal ends) every
 * point of the circle. Records about a point count only in the point's circle.
 */
import { describe, expect, it } from 'vitest';
import type { CircleId } from '../../../src/domain/brand';
import { circleOrganizers } from '../../../src/domain/circleOrganizers';
import { foldPoints } from '../../../src/domain/foldPoints';
import { LIMITS } from '../../../src/domain/limits';
import type { OrganizerRecord, VerifiedRecord } from '../../../src/domain/records';
import { alert, fakeId, fakeKey, MIN, point, T0 } from '../../fixtures/recordBuilders';

const CIRCLE = 'CCCCCCCCCCCCCCCCCCCCCA' as CircleId;
const OTHER = 'DDDDDDDDDDDDDDDDDDDDDA' as CircleId;
const inCircle = <R extends VerifiedRecord>(r: R, circle: CircleId = CIRCLE): R => ({ ...r, circle });
const organizer = (
  label: string,
  key: string,
  opts: { author?: string; circle?: CircleId; at?: number } = {},
): OrganizerRecord => ({
  id: fakeId(label),
  circle: opts.circle ?? CIRCLE,
  author: fakeKey(opts.author ?? 'creator'),
  created: opts.at ?? T0,
  kind: 'organizer',
  payload: { key: fakeKey(key) },
});
const authority = { id: CIRCLE, creator: fakeKey('creator'), organizers: [fakeKey('invited')] };

describe('circleOrganizers', () => {
  it('is the creator, the invite organizers and keys the creator named in that circle', () => {
    const orgs = circleOrganizers([authority], [organizer('o1', 'named')]);
    expect([...(orgs.get(CIRCLE) ?? [])].sort()).toEqual(
      [fakeKey('creator'), fakeKey('invited'), fakeKey('named')].sort(),
    );
  });

  it('ignores organizer records from anyone but the creator, and from other circles', () => {
    const orgs = circleOrganizers(
      [authority],
      [organizer('o1', 'byMember', { author: 'invited' }), organizer('o2', 'elsewhere', { circle: OTHER })],
    );
    expect(orgs.get(CIRCLE)?.has(fakeKey('byMember'))).toBe(false);
    expect(orgs.get(CIRCLE)?.has(fakeKey('elsewhere'))).toBe(false);
    expect(orgs.get(CIRCLE)?.size).toBe(2);
  });

  it('counts at most circleOrganizersMax besides the creator, oldest records first, whatever the order', () => {
    const recs = Array.from({ length: LIMITS.circleOrganizersMax + 3 }, (_, i) =>
      organizer(`o${i}`, `k${i}`, { at: T0 + i }),
    );
    const a = circleOrganizers([{ ...authority, organizers: [] }], recs).get(CIRCLE);
    const b = circleOrganizers([{ ...authority, organizers: [] }], [...recs].reverse()).get(CIRCLE);
    expect(a?.size).toBe(LIMITS.circleOrganizersMax + 1);
    expect([...(a ?? [])].sort()).toEqual([...(b ?? [])].sort());
    expect(a?.has(fakeKey('k0'))).toBe(true);
    expect(a?.has(fakeKey(`k${LIMITS.circleOrganizersMax + 2}`))).toBe(false);
  });
});

describe('foldPoints with circle organizers', () => {
  const p = inCircle(point('p', { author: 'alice', created: T0 - 20 * MIN, startIn: 0 }));
  const orgs = circleOrganizers([authority], [organizer('o1', 'named')]);

  it('a circle organizer confirms an alert and its dispersal ends the point', () => {
    const d = inCircle(alert('a1', 'p', 'disperse', T0, { author: 'named' }));
    const [v] = foldPoints([p, d], T0 + MIN, undefined, orgs);
    expect(v).toMatchObject({
      circle: CIRCLE,
      state: 'dispersed',
      alerts: { headline: { kind: 'disperse', trust: 'confirmed' } },
    });
  });

  it('without the map, or from a key that is no circle organizer, it stays an unconfirmed report', () => {
    const d = inCircle(alert('a1', 'p', 'disperse', T0, { author: 'named' }));
    expect(foldPoints([p, d], T0 + MIN)[0]).toMatchObject({
      state: 'active',
      alerts: { headline: { trust: 'unconfirmed' } },
    });
    const stranger = inCircle(alert('a2', 'p', 'disperse', T0, { author: 'stranger' }));
    expect(foldPoints([p, stranger], T0 + MIN, undefined, orgs)[0]).toMatchObject({ state: 'active' });
  });

  it('an organizer of another circle confirms nothing here', () => {
    const q = inCircle(point('q', { author: 'bob', created: T0 - 20 * MIN, startIn: 0 }), OTHER);
    const d = inCircle(alert('a1', 'q', 'disperse', T0, { author: 'named' }), OTHER);
    expect(foldPoints([q, d], T0 + MIN, undefined, orgs)[0]).toMatchObject({
      state: 'active',
      alerts: { headline: { trust: 'unconfirmed' } },
    });
  });

  it('records about a point written in another circle have no effect', () => {
    const fromOutside = inCircle(alert('a1', 'p', 'disperse', T0, { author: 'alice' }), OTHER);
    const [v] = foldPoints([p, fromOutside], T0 + MIN, undefined, orgs);
    expect(v?.state).toBe('active');
    expect(v?.alerts).toBeUndefined();
  });
});
