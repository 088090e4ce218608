/**
 * Who organizes each private circle, as a pure function of what this device
 * knows: the creator, the co-organizers its invite named, and keys the creator
 * named in `organizer` records written in that circle. Only the creator
 * delegates (no chains to audit), and a circle counts at most
 * `circleOrganizersMax` organizers besides its creator, so a compromised
 * creator key cannot make every key an organizer.
 */
import type { CircleId, PublicKey } from './brand';
import { LIMITS } from './limits';
import type { OrganizerRecord, VerifiedRecord } from './records';

/** What the fold needs to know of a circle this device belongs to. */
export interface CircleAuthority {
  readonly id: CircleId;
  readonly creator: PublicKey;
  /** From the invite. */
  readonly organizers: readonly PublicKey[];
}

export type CircleOrganizers = ReadonlyMap<CircleId, ReadonlySet<PublicKey>>;

/** Oldest first, then by id, so every member counts the same ones under the cap. */
const older = (a: OrganizerRecord, b: OrganizerRecord) =>
  a.created - b.created || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function circleOrganizers(
  circles: Iterable<CircleAuthority>,
  records: Iterable<VerifiedRecord>,
): Map<CircleId, Set<PublicKey>> {
  const named = new Map<CircleId, OrganizerRecord[]>();
  for (const r of records) {
    if (r.kind !== 'organizer') continue;
    const list = named.get(r.circle) ?? named.set(r.circle, []).get(r.circle)!;
    list.push(r);
  }
  const out = new Map<CircleId, Set<PublicKey>>();
  for (const c of circles) {
    const set = new Set<PublicKey>([c.creator]);
    const add = (k: PublicKey) => {
      if (set.size <= LIMITS.circleOrganizersMax) set.add(k);
    };
    for (const k of c.organizers) add(k);
    for (const r of (named.get(c.id) ?? []).sort(older)) if (r.author === c.creator) add(r.payload.key);
    out.set(c.id, set);
  }
  return out;
}
