/**
 * Turns circle rows and the organizers fold into what the UI shows: the open
 * circle first (always public), then private circles by name, replaced ones
 * last; and the invite a member can pass on.
 */
import { LIMITS, type CircleId, type PublicKey } from '../domain';
import type { CircleInvite } from '../domain/circleInvite';
import type { CircleOrganizers } from '../domain/circleOrganizers';
import type { CircleRow } from '../platform/circleStore';
import type { CircleView } from './circleTypes';

export function privateView(row: CircleRow, organizers: CircleOrganizers, me: PublicKey): CircleView {
  const set = organizers.get(row.id) ?? new Set([row.creator, ...row.organizers]);
  return {
    id: row.id,
    name: row.name,
    isPublic: false,
    creator: row.creator,
    organizers: set,
    amOrganizer: set.has(me),
    ...(row.replacedBy ? { replacedBy: row.replacedBy } : {}),
    joinedAt: row.joinedAt,
  };
}

export function publicView(id: CircleId, name: string): CircleView {
  return { id, name, isPublic: true, organizers: new Set(), amOrganizer: false, joinedAt: 0 };
}

/** Public first, then private circles by name (then id), replaced circles last. */
export function sortViews(views: CircleView[]): CircleView[] {
  const rank = (v: CircleView) => (v.isPublic ? 0 : v.replacedBy ? 2 : 1);
  return views.sort(
    (a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** The invite for a circle: everything a new member needs, with the organizers known now (capped). */
export function inviteOf(row: CircleRow, organizers: CircleOrganizers): CircleInvite {
  const known = [...(organizers.get(row.id) ?? row.organizers)].filter((k) => k !== row.creator);
  return {
    v: 1,
    id: row.id,
    key: row.key,
    name: row.name,
    creator: row.creator,
    organizers: known.slice(0, LIMITS.circleOrganizersMax),
    ...(row.replaces ? { replaces: row.replaces } : {}),
  };
}
