/**
 * The lifecycle of gathering points as a pure function of (verified records, now):
 * appear (upcoming, active), disappear (ended, dispersed, cancelled; shown
 * briefly, then gone), reappear (a disperse record names the next point).
 * Deterministic whatever order records arrived in, and idempotent for duplicates.
 */
import type { PublicKey, RecordId } from './brand';
import { LIMITS } from './limits';
import type { PointPayload, VerifiedRecord } from './records';

export type PointState = 'upcoming' | 'active' | 'ended' | 'dispersed' | 'cancelled';

export interface PointView extends PointPayload {
  readonly id: RecordId;
  readonly author: PublicKey;
  readonly created: number;
  readonly state: PointState;
  /** When the point stops being shown. */
  readonly hideAt: number;
  /** Set when the author dispersed it and named where to reappear. */
  readonly reappearAt?: RecordId;
  /** Set on a point that a dispersed point sent its crowd to. */
  readonly reappearFrom?: RecordId;
}

interface Ending {
  kind: 'disperse' | 'cancel';
  at: number;
  id: RecordId;
  reappear?: RecordId;
}

/** Earlier ending wins; ties broken by id so every peer agrees. */
function earlier(a: Ending | undefined, b: Ending): Ending {
  if (!a) return b;
  if (b.at !== a.at) return b.at < a.at ? b : a;
  return b.id < a.id ? b : a;
}

function lifecycle(p: PointPayload, ending: Ending | undefined, now: number): { state: PointState; hideAt: number } {
  // A lifecycle record dated slightly ahead (clock skew) takes effect as soon as it is
  // known; the point lingers until its stated time plus lingerMs, a fixed moment.
  if (ending && ending.at < p.end) {
    return { state: ending.kind === 'disperse' ? 'dispersed' : 'cancelled', hideAt: ending.at + LIMITS.lingerMs };
  }
  const hideAt = p.end + LIMITS.lingerMs;
  if (now < p.start) return { state: 'upcoming', hideAt };
  if (now < p.end) return { state: 'active', hideAt };
  return { state: 'ended', hideAt };
}

/** Every point that should be on the map at `now`, sorted by start time. */
export function foldPoints(records: Iterable<VerifiedRecord>, now: number): PointView[] {
  const points = new Map<RecordId, VerifiedRecord & { kind: 'point' }>();
  const endings: VerifiedRecord[] = [];
  for (const r of records) {
    if (r.kind === 'point') points.set(r.id, r);
    else endings.push(r);
  }
  const endOf = new Map<RecordId, Ending>();
  for (const r of endings) {
    if (r.kind === 'point') continue;
    const target = points.get(r.payload.point);
    // Only the point's author can end it (co-organizers and reports come with alerts).
    if (!target || target.author !== r.author) continue;
    const e: Ending = { kind: r.kind, at: r.created, id: r.id };
    if (r.kind === 'disperse' && r.payload.reappear) e.reappear = r.payload.reappear;
    endOf.set(target.id, earlier(endOf.get(target.id), e));
  }
  // Only a dispersal that took effect (dated before the point's end) sends its crowd on.
  // When several name the same point, the earliest (then lowest id) wins, whatever the arrival order.
  const reappearFrom = new Map<RecordId, { from: RecordId; at: number }>();
  for (const [pid, e] of endOf) {
    if (e.kind !== 'disperse' || !e.reappear || e.at >= (points.get(pid)?.payload.end ?? 0)) continue;
    const prev = reappearFrom.get(e.reappear);
    if (!prev || e.at < prev.at || (e.at === prev.at && pid < prev.from))
      reappearFrom.set(e.reappear, { from: pid, at: e.at });
  }

  const out: PointView[] = [];
  for (const r of points.values()) {
    const ending = endOf.get(r.id);
    const { state, hideAt } = lifecycle(r.payload, ending, now);
    if (now >= hideAt) continue;
    const view: PointView = {
      ...r.payload,
      id: r.id,
      author: r.author,
      created: r.created,
      state,
      hideAt,
      ...(state === 'dispersed' && ending?.reappear ? { reappearAt: ending.reappear } : {}),
      ...(reappearFrom.has(r.id) ? { reappearFrom: reappearFrom.get(r.id)?.from } : {}),
    };
    out.push(view);
  }
  return out.sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The next moment any visible point changes state, so the UI can re-fold then. */
export function nextTransition(views: readonly PointView[], now: number): number | undefined {
  let next: number | undefined;
  const consider = (t: number) => {
    if (t > now && (next === undefined || t < next)) next = t;
  };
  for (const v of views) {
    // A dispersed or cancelled point's start and end no longer change anything.
    if (v.state === 'upcoming' || v.state === 'active') {
      consider(v.start);
      consider(v.end);
    }
    consider(v.hideAt);
  }
  return next;
}
