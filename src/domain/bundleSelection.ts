/**
 * Which records a hand-over bundle carries, so that the receiver sees the same
 * thing the sender sees: a point alone would arrive without its dispersal, a
 * dispersal without the point it sends the crowd to, a co-organizer's alert
 * without the record that makes it "confirmed". Pure: records in, ids out.
 */
import type { CircleId, RecordId } from './brand';
import type { VerifiedRecord } from './records';

/** The point a record is about, for the kinds that are about one. */
function aboutPoint(r: VerifiedRecord): RecordId | undefined {
  return r.kind === 'point' || r.kind === 'organizer' ? undefined : r.payload.point;
}

/** Where a dispersal sends the crowd: another point record. */
function reappearTarget(r: VerifiedRecord): RecordId | undefined {
  return r.kind === 'disperse' || r.kind === 'alert' ? r.payload.reappear : undefined;
}

/**
 * The given points, every record about each in its own circle (alerts,
 * dispersal, cancel, co-organizers), the points their dispersals name as where
 * to reappear, and, in a private circle, the circle's `organizer` records
 * (their alerts are confirmed); each record once. Points first, then the rest,
 * each oldest first; unknown ids (or ids of records that are not points) add
 * nothing. `isPrivate` says which circles have organizers: in the open circle
 * anyone may write an `organizer` record and none counts, so none is carried.
 */
export function recordsForPoints(
  records: Iterable<VerifiedRecord>,
  points: readonly RecordId[],
  isPrivate: (c: CircleId) => boolean,
): VerifiedRecord[] {
  const all = [...records];
  const byId = new Map(all.map((r) => [r.id, r]));
  const wanted = new Set(points.filter((id) => byId.get(id)?.kind === 'point'));
  const circles = new Set<CircleId>([...wanted].map((id) => (byId.get(id) as VerifiedRecord).circle).filter(isPrivate));
  const picked = new Set<RecordId>(wanted);
  for (const r of all) {
    const about = aboutPoint(r);
    // Records about a point count only in the point's own circle (protocol §9.1).
    if (about !== undefined && wanted.has(about) && r.circle === byId.get(about)?.circle) {
      picked.add(r.id);
      const target = reappearTarget(r);
      if (target !== undefined && byId.get(target)?.kind === 'point') picked.add(target);
    }
    if (r.kind === 'organizer' && circles.has(r.circle)) picked.add(r.id);
  }
  // Points first: a text cut short on its way still carries the places, and records about a point
  // are read after it. Then oldest first, ties by id, so one selection has one order.
  const rank = (r: VerifiedRecord) => (r.kind === 'point' ? 0 : 1);
  return all
    .filter((r) => picked.has(r.id))
    .sort((x, y) => rank(x) - rank(y) || x.created - y.created || (x.id < y.id ? -1 : 1));
}
