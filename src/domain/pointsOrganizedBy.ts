/**
 * The points a key organizes: those it wrote, and those whose author named it
 * co-organizer. Organizers follow these automatically, so they hear about
 * cautions on their own points without having to remember to follow them.
 * Pure, and by the same delegation rule as trust (organizersOf): only the
 * point's author names co-organizers, in the point's own circle. The store
 * keeps the same answer incrementally (createOrganizedPoints); this one, over
 * all records at once, is the reference its property test compares against.
 */
import type { PublicKey, RecordId } from './brand';
import { organizersOf } from './foldAlerts';
import type { PointRecord, VerifiedRecord } from './records';

/** Ids of the points among `records` that `key` wrote or was named co-organizer of. */
export function pointsOrganizedBy(records: Iterable<VerifiedRecord>, key: PublicKey): Set<RecordId> {
  const list = [...records];
  const points = new Map<RecordId, PointRecord>();
  for (const r of list) if (r.kind === 'point') points.set(r.id, r);
  const out = new Set<RecordId>();
  for (const [id, keys] of organizersOf(points, list)) if (keys.has(key)) out.add(id);
  return out;
}
