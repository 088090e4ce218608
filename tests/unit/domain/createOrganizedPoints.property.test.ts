/**
 * The incremental organizer tracker is pointsOrganizedBy: for random points
 * and co-organizer namings (by the point's author or someone else, naming
 * this key or another, before or after their point, in the point's circle or
 * another) arriving in random batches, the ids it has reported are exactly the
 * points the full computation finds, each reported once; removals forget.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CircleId, RecordId } from '../../../src/domain/brand';
import { createOrganizedPoints } from '../../../src/domain/createOrganizedPoints';
import { pointsOrganizedBy } from '../../../src/domain/pointsOrganizedBy';
import type { VerifiedRecord } from '../../../src/domain/records';
import { coorganizer, fakeId, fakeKey, point, T0 } from '../../fixtures/recordBuilders';

const ME = fakeKey('me');
const OTHER_CIRCLE = 'otherCircleAAAAAAAAAAA' as CircleId;
const who = fc.constantFrom('me', 'alice', 'bob');
const target = fc.nat(5);

const recordArb: fc.Arbitrary<(i: number) => VerifiedRecord> = fc.oneof(
  fc.record({ author: who, elsewhere: fc.boolean() }).map((p) => (i: number) => {
    const r = point(`p${i % 6}`, { author: p.author });
    return p.elsewhere ? { ...r, circle: OTHER_CIRCLE } : r;
  }),
  fc.record({ target, author: who, key: who, elsewhere: fc.boolean() }).map((c) => (i: number) => {
    const r = coorganizer(`c${i}`, `p${c.target}`, c.key, T0, { author: c.author });
    return c.elsewhere ? { ...r, circle: OTHER_CIRCLE } : r;
  }),
);

describe('createOrganizedPoints', () => {
  it('reports, batch by batch, exactly the points pointsOrganizedBy finds, each once', () => {
    fc.assert(
      fc.property(fc.array(fc.array(recordArb, { maxLength: 6 }), { maxLength: 8 }), (batches) => {
        const tracker = createOrganizedPoints(ME);
        const held = new Map<RecordId, VerifiedRecord>();
        const reported: RecordId[] = [];
        let i = 0;
        for (const batch of batches) {
          // A record set keeps the first record under an id; later copies are not "added".
          const added = batch.map((make) => make(i++)).filter((r) => !held.has(r.id) && (held.set(r.id, r), true));
          reported.push(...tracker.add(added));
          expect(new Set(reported)).toEqual(pointsOrganizedBy(held.values(), ME));
        }
        expect(reported.length).toBe(new Set(reported).size);
      }),
      { numRuns: 300 },
    );
  });

  it('a point forgotten and seen again is reported again', () => {
    const tracker = createOrganizedPoints(ME);
    const mine = point('mine', { author: 'me' });
    expect(tracker.add([mine])).toEqual([mine.id]);
    expect(tracker.add([])).toEqual([]);
    tracker.remove([mine.id]);
    expect(tracker.add([mine])).toEqual([mine.id]);
  });

  it('a naming that came before its point counts when the point comes, and not after it is forgotten', () => {
    const tracker = createOrganizedPoints(ME);
    const naming = coorganizer('naming', 'later', 'me', T0, { author: 'alice' });
    expect(tracker.add([naming])).toEqual([]);
    tracker.remove([naming.id]);
    expect(tracker.add([point('later', { author: 'alice' })])).toEqual([]);
    const again = coorganizer('naming2', 'later2', 'me', T0, { author: 'alice' });
    expect(tracker.add([again])).toEqual([]);
    expect(tracker.add([point('later2', { author: 'alice' })])).toEqual([fakeId('later2')]);
  });
});
