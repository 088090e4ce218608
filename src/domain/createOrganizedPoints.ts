/**
 * The points a key organizes, kept up to date as records arrive: what
 * pointsOrganizedBy finds in all records at once, found here from each batch
 * alone. The store auto-follows these on every change of the record set;
 * recomputing them from every record held cost 4–7 ms a batch at 10,000
 * records (issue 15: work proportional to what arrived, not to what is known).
 * Same rule as organizersOf: the key wrote the point, or the point's author
 * named it co-organizer in the point's own circle; a naming may arrive before
 * its point.
 */
import type { CircleId, PublicKey, RecordId } from './brand';
import type { VerifiedRecord } from './records';

export interface OrganizedPoints {
  /** Takes a batch of new records; returns the ids of points it makes this key an organizer of. */
  add(records: readonly VerifiedRecord[]): RecordId[];
  /** Forgets records gone from the set (expired, or of a circle left). */
  remove(ids: readonly RecordId[]): void;
}

interface Origin {
  readonly author: PublicKey;
  readonly circle: CircleId;
}

export function createOrganizedPoints(key: PublicKey): OrganizedPoints {
  /** Every point seen: who wrote it, in which circle (a naming that comes later is checked against it). */
  const points = new Map<RecordId, Origin>();
  /** Namings of `key` whose point has not arrived yet, by point id, with the naming record's id. */
  const waiting = new Map<RecordId, Map<RecordId, Origin>>();
  /** Points already reported, so each is reported once. */
  const reported = new Set<RecordId>();
  return {
    add(records) {
      const out: RecordId[] = [];
      const report = (id: RecordId) => {
        if (reported.has(id)) return;
        reported.add(id);
        out.push(id);
      };
      const names = (p: Origin, by: Origin) => p.author === by.author && p.circle === by.circle;
      for (const r of records) {
        if (r.kind === 'point') {
          const p = { author: r.author, circle: r.circle };
          points.set(r.id, p);
          const namings = waiting.get(r.id);
          waiting.delete(r.id);
          if (r.author === key || [...(namings?.values() ?? [])].some((by) => names(p, by))) report(r.id);
        } else if (r.kind === 'coorganizer' && r.payload.key === key) {
          const by = { author: r.author, circle: r.circle };
          const p = points.get(r.payload.point);
          if (p) {
            if (names(p, by)) report(r.payload.point);
          } else {
            const list = waiting.get(r.payload.point) ?? new Map<RecordId, Origin>();
            list.set(r.id, by);
            waiting.set(r.payload.point, list);
          }
        }
      }
      return out;
    },
    remove(ids) {
      for (const id of ids) {
        points.delete(id);
        reported.delete(id);
        waiting.delete(id);
        for (const [point, list] of waiting) if (list.delete(id) && list.size === 0) waiting.delete(point);
      }
    },
  };
}
