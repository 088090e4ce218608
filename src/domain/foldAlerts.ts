/**
 * Trust levels of alerts, as a pure function of (verified records, now).
 *
 * - *confirmed*: signed by the point's organizer (its author) or by a key the
 *   organizer named in a `coorganizer` record for that point;
 * - *corroborated*: reports of the same kind about the same point from at least
 *   `corroborateKeys` distinct other keys within `corroborateWindowMs`;
 * - *unconfirmed*: anything less; shown with its count of distinct keys.
 *
 * One key counts once however often it reports; duplicates and replays are the
 * same record id and count once; alerts older than `alertTtlMs` no longer count,
 * except a confirmed dispersal, which ended the point (foldPoints).
 */
import type { CircleId, PublicKey, RecordId } from './brand';
import { LIMITS } from './limits';
import type { AlertKind, AlertRecord, DisperseReason, PointRecord, VerifiedRecord } from './records';

export type Trust = 'confirmed' | 'corroborated' | 'unconfirmed';

/** A fallback place, once the organizer's disperse alert revealed it and it was opened. */
export interface FallbackPlace {
  readonly label: string;
  readonly lat: number;
  readonly lon: number;
}

/**
 * A legacy `disperse` record read as its author's disperse alert (foldPoints): the
 * one dispersal without a reason, which no alert record may lack.
 */
export type LegacyDispersal = Omit<AlertRecord, 'payload'> & {
  readonly payload: {
    readonly point: RecordId;
    readonly alert: 'disperse';
    readonly reason?: undefined;
    readonly reappear?: RecordId;
    readonly fallback?: undefined;
  };
};

/** An alert as the fold reads it: an alert record, or a legacy dispersal that ended a point. */
export type FoldedAlert = AlertRecord | LegacyDispersal;

/** What an opened fallback reveal turned into, by alert id (computed outside: decryption is async). */
export type RevealedFallbacks = ReadonlyMap<RecordId, FallbackPlace>;

export interface AlertStatus {
  readonly point: RecordId;
  readonly kind: AlertKind;
  readonly trust: Trust;
  /** Distinct keys other than the point's organizers with a live report of this kind. */
  readonly reports: number;
  /**
   * Created time of the record that sets the status: the confirming record when
   * confirmed (reports do not move it), else the newest report counted.
   */
  readonly at: number;
  /** Id of that record: a new confirmed record is a new alert; a reporter's repeat is not. */
  readonly latest: RecordId;
  /** The organizer or co-organizer whose record confirmed it. */
  readonly by?: PublicKey;
  /** Reasons given (disperse): the confirming record's first, then reports' by frequency. */
  readonly reasons: readonly DisperseReason[];
  /** Confirmed disperse only: the point to reappear at. */
  readonly reappear?: RecordId;
  /** Confirmed disperse only: which fallback it revealed, and the place once opened. */
  readonly fallback?: { readonly i: number; readonly place?: FallbackPlace };
}

export interface PointAlerts {
  /** One status per alert kind with something live, in the order disperse, caution, clear. */
  readonly statuses: readonly AlertStatus[];
  /** The one to show first; see `headlineOf`. */
  readonly headline?: AlertStatus;
}

export const TRUST_RANK: Readonly<Record<Trust, number>> = { unconfirmed: 0, corroborated: 1, confirmed: 2 };

/**
 * Keys whose alerts about each point are confirmed: its author, keys the author
 * named, and the organizers of the point's circle (`circleOrganizers`, from
 * src/domain/circleOrganizers.ts). Records about a point count only in the
 * point's own circle: an outsider who saw a private point's id on a relay
 * cannot talk about it from another circle.
 */
export function organizersOf(
  points: ReadonlyMap<RecordId, PointRecord>,
  records: Iterable<VerifiedRecord>,
  circleOrganizers?: ReadonlyMap<CircleId, ReadonlySet<PublicKey>>,
): Map<RecordId, Set<PublicKey>> {
  const out = new Map<RecordId, Set<PublicKey>>();
  for (const p of points.values()) out.set(p.id, new Set([p.author, ...(circleOrganizers?.get(p.circle) ?? [])]));
  for (const r of records) {
    if (r.kind !== 'coorganizer') continue;
    const p = points.get(r.payload.point);
    // Only the organizer delegates; a co-organizer cannot name more (no chains to audit).
    if (!p || p.author !== r.author || p.circle !== r.circle) continue;
    out.get(p.id)?.add(r.payload.key);
  }
  return out;
}

/** Newest first by created time, then by id so every peer picks the same record. */
const newer = (a: FoldedAlert, b: FoldedAlert) => b.created - a.created || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Largest number of distinct keys whose reports fall within one window (reports sorted oldest first). */
export function maxKeysInWindow(reports: readonly { author: PublicKey; created: number }[], windowMs: number): number {
  const inWindow = new Map<PublicKey, number>();
  let best = 0;
  let lo = 0;
  for (const r of reports) {
    inWindow.set(r.author, (inWindow.get(r.author) ?? 0) + 1);
    while (r.created - (reports[lo] as { created: number }).created > windowMs) {
      const old = (reports[lo] as { author: PublicKey }).author;
      const n = (inWindow.get(old) ?? 1) - 1;
      if (n === 0) inWindow.delete(old);
      else inWindow.set(old, n);
      lo++;
    }
    best = Math.max(best, inWindow.size);
  }
  return best;
}

function reasonsOf(confirming: FoldedAlert | undefined, reports: readonly FoldedAlert[]): DisperseReason[] {
  const counts = new Map<DisperseReason, number>();
  const seen = new Set<PublicKey>();
  // Newest report per key only: a key that repeats itself does not outvote others.
  for (const r of [...reports].sort(newer)) {
    if (seen.has(r.author) || !r.payload.reason) continue;
    seen.add(r.author);
    counts.set(r.payload.reason, (counts.get(r.payload.reason) ?? 0) + 1);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([reason]) => reason);
  const first = confirming?.payload.reason;
  return first ? [first, ...ranked.filter((r) => r !== first)] : ranked;
}

function statusOf(
  point: RecordId,
  kind: AlertKind,
  all: readonly FoldedAlert[],
  organizers: ReadonlySet<PublicKey>,
  ending: FoldedAlert | undefined,
  revealed: RevealedFallbacks,
  now: number,
): AlertStatus | undefined {
  const live = all.filter((r) => r.created > now - LIMITS.alertTtlMs);
  const confirmedLive = live.filter((r) => organizers.has(r.author)).sort(newer);
  // The confirmed dispersal that ended the point stays its dispersal, however old.
  const confirming = kind === 'disperse' && ending ? ending : confirmedLive[0];
  const reports = live.filter((r) => !organizers.has(r.author)).sort((a, b) => a.created - b.created);
  if (!confirming && reports.length === 0) return undefined;
  const keys = new Set(reports.map((r) => r.author)).size;
  const trust: Trust = confirming
    ? 'confirmed'
    : maxKeysInWindow(reports, LIMITS.corroborateWindowMs) >= LIMITS.corroborateKeys
      ? 'corroborated'
      : 'unconfirmed';
  // A confirmed status is dated by its confirming record: a reporter repeating
  // itself must neither raise it as news again nor make an organizer's all
  // clear look newer than the organizer's later warning (headlineOf).
  const newest = confirming ?? ([...reports].sort(newer)[0] as FoldedAlert);
  const base: AlertStatus = {
    point,
    kind,
    trust,
    reports: keys,
    at: newest.created,
    latest: newest.id,
    reasons: reasonsOf(confirming, reports),
    ...(confirming ? { by: confirming.author } : {}),
  };
  // Only the dispersal that ended the point sends its crowd somewhere: a later or
  // post-end one must not point the banner elsewhere than the map does.
  if (kind !== 'disperse' || !confirming || confirming !== ending) return base;
  const { reappear, fallback } = confirming.payload;
  if (reappear) return { ...base, reappear };
  if (fallback) {
    const place = revealed.get(confirming.id);
    return { ...base, fallback: { i: fallback.i, ...(place ? { place } : {}) } };
  }
  return base;
}

/**
 * Which status to show first. A trusted (confirmed or corroborated) disperse or
 * caution wins over unconfirmed ones, the newest first; an all clear replaces it
 * only when it is newer and trusted at least as much — a false "all clear" keeps
 * a crowd in a kettle, so reports cannot overrule the organizer's warning.
 */
export function headlineOf(statuses: readonly AlertStatus[]): AlertStatus | undefined {
  const trusted = statuses.filter((s) => s.trust !== 'unconfirmed');
  const newestOf = (list: readonly AlertStatus[]) =>
    [...list].sort((a, b) => b.at - a.at || (a.latest < b.latest ? -1 : 1))[0];
  // The most trusted warning first, then the newest: three fresh keys cannot talk over the organizer.
  const warnings = trusted.filter((s) => s.kind !== 'clear');
  const topRank = Math.max(-1, ...warnings.map((s) => TRUST_RANK[s.trust]));
  const warning = newestOf(warnings.filter((s) => TRUST_RANK[s.trust] === topRank));
  const clear = trusted.find((s) => s.kind === 'clear');
  if (clear && (!warning || (clear.at > warning.at && TRUST_RANK[clear.trust] >= TRUST_RANK[warning.trust])))
    return clear;
  return warning ?? newestOf(statuses);
}

const KIND_ORDER: readonly AlertKind[] = ['disperse', 'caution', 'clear'];

/**
 * Alert statuses of each given point. `endings` maps a point to the confirmed
 * disperse alert that ended it (from foldPoints), `revealed` holds fallbacks
 * already opened.
 */
export function foldAlerts(
  points: ReadonlyMap<RecordId, PointRecord>,
  records: Iterable<VerifiedRecord>,
  now: number,
  options: {
    readonly organizers?: ReadonlyMap<RecordId, ReadonlySet<PublicKey>>;
    readonly endings?: ReadonlyMap<RecordId, FoldedAlert>;
    readonly revealed?: RevealedFallbacks;
    /** Organizers of each private circle: their alerts are confirmed for every point in it. */
    readonly circleOrganizers?: ReadonlyMap<CircleId, ReadonlySet<PublicKey>>;
  } = {},
): Map<RecordId, PointAlerts> {
  const list = [...records];
  const organizers = options.organizers ?? organizersOf(points, list, options.circleOrganizers);
  const byPoint = new Map<RecordId, Map<RecordId, FoldedAlert>>();
  for (const r of list) {
    if (r.kind !== 'alert' || points.get(r.payload.point)?.circle !== r.circle) continue;
    let m = byPoint.get(r.payload.point);
    if (!m) byPoint.set(r.payload.point, (m = new Map()));
    m.set(r.id, r); // by id: duplicates and replays count once
  }
  for (const [pid, ending] of options.endings ?? [])
    if (!byPoint.has(pid)) byPoint.set(pid, new Map([[ending.id, ending]]));

  const out = new Map<RecordId, PointAlerts>();
  for (const [pid, recs] of byPoint) {
    const orgs = organizers.get(pid) ?? new Set<PublicKey>();
    const statuses: AlertStatus[] = [];
    for (const kind of KIND_ORDER) {
      const ofKind = [...recs.values()].filter((r) => r.payload.alert === kind);
      const s = statusOf(pid, kind, ofKind, orgs, options.endings?.get(pid), options.revealed ?? new Map(), now);
      if (s) statuses.push(s);
    }
    if (statuses.length === 0) continue;
    const headline = headlineOf(statuses);
    // A copy, not one of `statuses` itself: the UI's store updates objects in place, and a status
    // shared by both places was overwritten by the new headline (two rows showing one alert).
    out.set(pid, headline ? { statuses, headline: { ...headline } } : { statuses });
  }
  return out;
}
