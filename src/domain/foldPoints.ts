/**
 * The lifecycle of gathering points as a pure function of (verified records, now):
 * appear (upcoming, active), disappear (ended, dispersed, cancelled; shown
 * briefly, then gone), reappear (a disperse record names the next point).
 * Deterministic whatever order records arrived in, and idempotent for duplicates.
 */
import type { CircleId, PublicKey, RecordId } from './brand';
import {
  foldAlerts,
  organizersOf,
  type FallbackPlace,
  type FoldedAlert,
  type LegacyDispersal,
  type PointAlerts,
  type RevealedFallbacks,
} from './foldAlerts';
import { firstPerNonce } from './firstPerNonce';
import { LIMITS } from './limits';
import { withinQuota } from './withinQuota';
import type { PointPayload, PointRecord, VerifiedRecord } from './records';

export type PointState = 'upcoming' | 'active' | 'ended' | 'dispersed' | 'cancelled';

export interface PointView extends PointPayload {
  readonly id: RecordId;
  /** The circle it was written in (who can read it). */
  readonly circle: CircleId;
  readonly author: PublicKey;
  readonly created: number;
  readonly state: PointState;
  /** When the point stops being shown. */
  readonly hideAt: number;
  /** Set when the author dispersed it and named where to reappear. */
  readonly reappearAt?: RecordId;
  /** Set on a point that a dispersed point sent its crowd to. */
  readonly reappearFrom?: RecordId;
  /** Set when the organizer's dispersal revealed one of its fallback places (and it was opened). */
  readonly reappearPlace?: FallbackPlace;
  /** Live alerts about this point and their trust levels. */
  readonly alerts?: PointAlerts;
}

interface Ending {
  kind: 'disperse' | 'cancel';
  at: number;
  id: RecordId;
  reappear?: RecordId;
  /** The dispersal as an alert (legacy `disperse` records are read as one without a reason). */
  alert?: FoldedAlert;
}

/** A legacy `disperse` record is the organizer's disperse alert without a reason. */
function asAlert(r: VerifiedRecord & { kind: 'disperse' }): LegacyDispersal {
  const { point, reappear } = r.payload;
  return { ...r, kind: 'alert', payload: { point, alert: 'disperse', ...(reappear ? { reappear } : {}) } };
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

function endingOf(
  r: VerifiedRecord,
  target: PointRecord,
  organizers: ReadonlySet<PublicKey> | undefined,
): Ending | undefined {
  switch (r.kind) {
    // Only the point's author can call it off or end it with a legacy `disperse`.
    case 'cancel':
      return target.author === r.author ? { kind: 'cancel', at: r.created, id: r.id } : undefined;
    case 'disperse': {
      if (target.author !== r.author) return undefined;
      const alert = asAlert(r);
      return {
        kind: 'disperse',
        at: r.created,
        id: r.id,
        alert,
        ...(r.payload.reappear ? { reappear: r.payload.reappear } : {}),
      };
    }
    // A disperse alert ends the point when the organizer or a named co-organizer signed it; reports never do.
    case 'alert':
      if (r.payload.alert !== 'disperse' || !organizers?.has(r.author)) return undefined;
      return {
        kind: 'disperse',
        at: r.created,
        id: r.id,
        alert: r,
        ...(r.payload.reappear ? { reappear: r.payload.reappear } : {}),
      };
    default:
      return undefined;
  }
}

/**
 * What counts at all: each id once, one record per (author, nonce), and each
 * key's records within its hourly quotas — the same for every peer whatever
 * arrived first, so a flood from one key cannot push others' records out.
 */
function admitted(records: Iterable<VerifiedRecord>): VerifiedRecord[] {
  const byId = new Map<RecordId, VerifiedRecord>();
  for (const r of records) byId.set(r.id, r);
  return withinQuota(firstPerNonce([...byId.values()]));
}

export interface FoldOptions {
  /**
   * Also return dispersed points past their linger while their dispersal is
   * younger than this (ms), with their alerts: what alerts read, so a dispersal
   * that arrived late (a slow relay, a skewed clock) still raises its banner.
   * Such views have `hideAt <= now`; whoever shows points drops them.
   */
  readonly alertWindowMs?: number;
}

/**
 * Every point that should be on the map at `now`, sorted by start time, with
 * its alerts. `revealed` holds the fallback places already opened (by alert id);
 * `circleOrganizers` the organizers of each private circle (their alerts are
 * confirmed, and their disperse alert ends a point, for every point in it).
 */
export function foldPoints(
  records: Iterable<VerifiedRecord>,
  now: number,
  revealed?: RevealedFallbacks,
  circleOrganizers?: ReadonlyMap<CircleId, ReadonlySet<PublicKey>>,
  opts: FoldOptions = {},
): PointView[] {
  const points = new Map<RecordId, PointRecord>();
  const others: VerifiedRecord[] = [];
  for (const r of admitted(records)) {
    if (r.kind === 'point') points.set(r.id, r);
    else others.push(r);
  }
  const organizers = organizersOf(points, others, circleOrganizers);
  const endOf = new Map<RecordId, Ending>();
  for (const r of others) {
    if (r.kind === 'point' || r.kind === 'coorganizer' || r.kind === 'organizer') continue;
    const target = points.get(r.payload.point);
    // Lifecycle records count only in the point's own circle (see organizersOf).
    if (!target || target.circle !== r.circle) continue;
    const e = endingOf(r, target, organizers.get(target.id));
    if (e) endOf.set(target.id, earlier(endOf.get(target.id), e));
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

  const shown = new Map<RecordId, { r: PointRecord; state: PointState; hideAt: number; ending?: Ending }>();
  for (const r of points.values()) {
    const ending = endOf.get(r.id);
    const { state, hideAt } = lifecycle(r.payload, ending, now);
    const alerting = state === 'dispersed' && ending !== undefined && now < ending.at + (opts.alertWindowMs ?? 0);
    if (now < hideAt || alerting) shown.set(r.id, { r, state, hideAt, ...(ending ? { ending } : {}) });
  }
  // Alerts only for points on the map; the dispersal that ended a point is its confirmed disperse alert.
  const endingAlerts = new Map<RecordId, FoldedAlert>();
  for (const [pid, s] of shown) if (s.state === 'dispersed' && s.ending?.alert) endingAlerts.set(pid, s.ending.alert);
  const alerts = foldAlerts(new Map([...shown].map(([id, s]) => [id, s.r])), others, now, {
    organizers,
    endings: endingAlerts,
    ...(revealed ? { revealed } : {}),
  });

  const out: PointView[] = [];
  for (const { r, state, hideAt, ending } of shown.values()) {
    const place = state === 'dispersed' && ending?.alert?.payload.fallback ? revealed?.get(ending.alert.id) : undefined;
    const view: PointView = {
      ...r.payload,
      id: r.id,
      circle: r.circle,
      author: r.author,
      created: r.created,
      state,
      hideAt,
      ...(state === 'dispersed' && ending?.reappear ? { reappearAt: ending.reappear } : {}),
      ...(reappearFrom.has(r.id) ? { reappearFrom: reappearFrom.get(r.id)?.from } : {}),
      ...(place ? { reappearPlace: place } : {}),
      ...(alerts.has(r.id) ? { alerts: alerts.get(r.id) } : {}),
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
