/**
 * foldPoints kept up to date as records arrive, at a cost proportional to what
 * changed rather than to everything known (issue 15: a fresh device re-folded
 * every point for every batch of arriving records, the square of the count).
 *
 * The result is exactly foldPoints(all records, now, revealed, organizers):
 * - admission (one record per author and nonce, each key within its hourly
 *   quotas) is recomputed only for the nonce and quota groups a change touched;
 *   both groups are per author, so a record changes no one else's admission;
 * - a point's view depends only on its own record, the admitted records about
 *   it (cancel, disperse, alert, coorganizer), the points whose dispersal names
 *   it as the place to reappear (and their records), its circle's organizers,
 *   the revealed fallbacks of its alerts, and `now`; so a change marks only
 *   those points, and each is folded again from just those records (by
 *   foldPoints itself, so there is one definition of the rules);
 * - `now` matters to a view only at known moments (start, end, linger, an
 *   alert's expiry and alert window), so each view is kept until the next of
 *   them, in a heap, and only views whose moment came are folded again.
 */
import type { CircleId, PublicKey, RecordId } from './brand';
import type { RevealedFallbacks } from './foldAlerts';
import { foldPoints, type FoldOptions, type PointView } from './foldPoints';
import { LIMITS } from './limits';
import type { PointRecord, VerifiedRecord } from './records';
import { quotaClass, quotaGroup, quotaLimit } from './withinQuota';

export interface PointFold {
  /** Records that arrived (verified); ids already known are ignored. */
  add(records: Iterable<VerifiedRecord>): void;
  /** Records forgotten (expired, a circle left); unknown ids are ignored. */
  remove(ids: Iterable<RecordId>): void;
  /**
   * The fold at `now`: equal to foldPoints(every record held, now, revealed,
   * circleOrganizers, opts). The same array is returned while nothing in it changed.
   */
  fold(
    now: number,
    revealed?: RevealedFallbacks,
    circleOrganizers?: ReadonlyMap<CircleId, ReadonlySet<PublicKey>>,
  ): readonly PointView[];
}

type Target = VerifiedRecord & { payload: { point: RecordId } };
const targetOf = (r: VerifiedRecord): RecordId | undefined =>
  r.kind === 'point' || r.kind === 'organizer' ? undefined : (r as Target).payload.point;
const reappearOf = (r: VerifiedRecord): RecordId | undefined =>
  r.kind === 'disperse' || r.kind === 'alert' ? r.payload.reappear : undefined;
const nonceKey = (r: VerifiedRecord) => (r.nonce === undefined ? `id ${r.id}` : `${r.author} ${r.nonce}`);
const byCreatedThenId = (x: VerifiedRecord, y: VerifiedRecord) =>
  x.created - y.created || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
const byStartThenId = (a: PointView, b: PointView) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A min-heap of (moment, point, generation); stale generations are skipped when popped. */
class Moments {
  private readonly items: Array<{ t: number; id: RecordId; gen: number }> = [];
  push(t: number, id: RecordId, gen: number): void {
    const a = this.items;
    a.push({ t, id, gen });
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((a[p] as { t: number }).t <= t) break;
      [a[i], a[p]] = [a[p] as (typeof a)[number], a[i] as (typeof a)[number]];
      i = p;
    }
  }
  /** Pops every entry whose moment is at or before `now`. */
  popUntil(now: number, out: (id: RecordId, gen: number) => void): void {
    const a = this.items;
    while (a.length > 0 && (a[0] as { t: number }).t <= now) {
      const top = a[0] as (typeof a)[number];
      const last = a.pop() as (typeof a)[number];
      if (a.length > 0) {
        a[0] = last;
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < a.length && (a[l] as { t: number }).t < (a[m] as { t: number }).t) m = l;
          if (r < a.length && (a[r] as { t: number }).t < (a[m] as { t: number }).t) m = r;
          if (m === i) break;
          [a[i], a[m]] = [a[m] as (typeof a)[number], a[i] as (typeof a)[number]];
          i = m;
        }
      }
      out(top.id, top.gen);
    }
  }
  size(): number {
    return this.items.length;
  }
  /** Starts again from the current moment of each point (drops stale entries). */
  rebuild(current: ReadonlyMap<RecordId, { t: number; gen: number }>): void {
    this.items.length = 0;
    for (const [id, { t, gen }] of current) if (t !== Infinity) this.push(t, id, gen);
  }
}

const sameSet = (a: ReadonlySet<PublicKey> | undefined, b: ReadonlySet<PublicKey> | undefined) => {
  if (a === b) return true;
  if (!a || !b || a.size !== b.size) return false;
  for (const k of a) if (!b.has(k)) return false;
  return true;
};

/** An empty fold; `opts` are foldPoints' options, fixed for its life. */
export function createPointFold(opts: FoldOptions = {}): PointFold {
  const all = new Map<RecordId, VerifiedRecord>();
  const nonceGroups = new Map<string, Set<RecordId>>();
  const quotaGroups = new Map<string, Set<RecordId>>();
  /** Records that won their nonce group (members of their quota group). */
  const inQuota = new Set<RecordId>();
  const admitted = new Set<RecordId>();
  const dirtyNonces = new Set<string>();
  const dirtyQuotas = new Set<string>();
  /** Admitted records whose admission changed since the last fold. */
  const changedAdmission: VerifiedRecord[] = [];

  // Indexes over admitted records.
  const points = new Map<RecordId, PointRecord>();
  const pointsOfCircle = new Map<CircleId, Set<RecordId>>();
  /** Point id → admitted records about it. */
  const about = new Map<RecordId, Set<VerifiedRecord>>();
  /** Point id → points whose records name it as the place to reappear (with a count of such records). */
  const reappearFrom = new Map<RecordId, Map<RecordId, number>>();
  /** Records in the indexes now (each goes in and out once per admission change). */
  const indexed = new Set<RecordId>();

  const views = new Map<RecordId, PointView>();
  const gens = new Map<RecordId, number>();
  /** Each held view's next moment (to rebuild the heap when stale entries pile up). */
  const momentOf = new Map<RecordId, { t: number; gen: number }>();
  const moments = new Moments();
  const list: PointView[] = [];
  let out: readonly PointView[] = [];
  let lastNow = -Infinity;
  let lastRevealed: RevealedFallbacks | undefined;
  let lastOrganizers: ReadonlyMap<CircleId, ReadonlySet<PublicKey>> | undefined;
  const dirty = new Set<RecordId>();

  /** Marks a point whose ending may have changed, and the points its dispersal may send a crowd to. */
  const touch = (id: RecordId) => {
    dirty.add(id);
    for (const r of about.get(id) ?? []) {
      const to = reappearOf(r);
      if (to !== undefined) dirty.add(to);
    }
  };

  const unQuota = (r: VerifiedRecord) => {
    if (!inQuota.delete(r.id)) return;
    const g = quotaGroup(r);
    const set = quotaGroups.get(g);
    set?.delete(r.id);
    if (set?.size === 0) quotaGroups.delete(g);
    dirtyQuotas.add(g);
    if (admitted.delete(r.id)) changedAdmission.push(r);
  };
  const toQuota = (r: VerifiedRecord) => {
    if (inQuota.has(r.id)) return;
    inQuota.add(r.id);
    const g = quotaGroup(r);
    (quotaGroups.get(g) ?? quotaGroups.set(g, new Set()).get(g)!).add(r.id);
    dirtyQuotas.add(g);
  };

  const index = (r: VerifiedRecord, on: boolean) => {
    if (indexed.has(r.id) === on) return;
    if (on) indexed.add(r.id);
    else indexed.delete(r.id);
    if (r.kind === 'point') {
      const ofCircle = pointsOfCircle.get(r.circle) ?? pointsOfCircle.set(r.circle, new Set()).get(r.circle)!;
      if (on) {
        points.set(r.id, r);
        ofCircle.add(r.id);
      } else {
        points.delete(r.id);
        ofCircle.delete(r.id);
      }
      touch(r.id);
      return;
    }
    const target = targetOf(r);
    if (target === undefined) return;
    // Before the change (its old ending's targets) and after (the new one's).
    touch(target);
    const set = about.get(target) ?? about.set(target, new Set()).get(target)!;
    if (on) set.add(r);
    else set.delete(r);
    if (set.size === 0) about.delete(target);
    const to = reappearOf(r);
    if (to !== undefined) {
      const from = reappearFrom.get(to) ?? reappearFrom.set(to, new Map()).get(to)!;
      const n = (from.get(target) ?? 0) + (on ? 1 : -1);
      if (n > 0) from.set(target, n);
      else from.delete(target);
      if (from.size === 0) reappearFrom.delete(to);
      dirty.add(to);
    }
    touch(target);
  };

  /** Settles admission for the groups changes touched; admission changes go to the indexes. */
  const settle = () => {
    for (const key of dirtyNonces) {
      const ids = nonceGroups.get(key);
      if (!ids) continue;
      let best: RecordId | undefined;
      for (const id of ids) if (best === undefined || id < best) best = id;
      for (const id of ids) {
        const r = all.get(id) as VerifiedRecord;
        if (id === best) toQuota(r);
        else unQuota(r);
      }
    }
    dirtyNonces.clear();
    for (const g of dirtyQuotas) {
      const ids = quotaGroups.get(g);
      if (!ids) continue;
      const members = [...ids].map((id) => all.get(id) as VerifiedRecord);
      const limit = quotaLimit(quotaClass((members[0] as VerifiedRecord).kind));
      const kept = members.length <= limit ? members : members.sort(byCreatedThenId).slice(0, limit);
      const keep = new Set(kept.map((r) => r.id));
      for (const r of members) {
        if (keep.has(r.id) === admitted.has(r.id)) continue;
        if (keep.has(r.id)) admitted.add(r.id);
        else admitted.delete(r.id);
        changedAdmission.push(r);
      }
    }
    dirtyQuotas.clear();
    for (const r of changedAdmission.splice(0)) index(r, admitted.has(r.id) && all.has(r.id));
  };

  /** The next moment after `now` at which `now` alone could change the view of point `p`. */
  const nextMoment = (p: PointRecord, now: number): number => {
    let next = Infinity;
    const consider = (t: number) => {
      if (t > now && t < next) next = t;
    };
    consider(p.payload.start);
    consider(p.payload.end);
    consider(p.payload.end + LIMITS.lingerMs);
    for (const r of about.get(p.id) ?? []) {
      consider(r.created + LIMITS.lingerMs);
      consider(r.created + LIMITS.alertTtlMs);
      if (opts.alertWindowMs !== undefined) consider(r.created + opts.alertWindowMs);
    }
    return next;
  };

  const refold = (
    id: RecordId,
    now: number,
    revealed: RevealedFallbacks | undefined,
    organizers: ReadonlyMap<CircleId, ReadonlySet<PublicKey>> | undefined,
  ): PointView | undefined => {
    const p = points.get(id);
    if (!p) {
      gens.delete(id);
      momentOf.delete(id);
      return undefined;
    }
    const gen = (gens.get(id) ?? 0) + 1;
    gens.set(id, gen);
    const subset: VerifiedRecord[] = [p, ...(about.get(id) ?? [])];
    for (const from of reappearFrom.get(id)?.keys() ?? []) {
      const q = points.get(from);
      if (q) subset.push(q);
      for (const r of about.get(from) ?? []) subset.push(r);
    }
    const t = nextMoment(p, now);
    if (t !== Infinity) moments.push(t, id, gen);
    momentOf.set(id, { t, gen });
    return foldPoints(subset, now, revealed, organizers, opts).find((v) => v.id === id);
  };

  const position = (v: PointView): number => {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byStartThenId(list[mid] as PointView, v) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  return {
    add(records) {
      for (const r of records) {
        if (all.has(r.id)) continue;
        all.set(r.id, r);
        const key = nonceKey(r);
        (nonceGroups.get(key) ?? nonceGroups.set(key, new Set()).get(key)!).add(r.id);
        dirtyNonces.add(key);
      }
    },
    remove(ids) {
      for (const id of ids) {
        const r = all.get(id);
        if (!r) continue;
        unQuota(r);
        const key = nonceKey(r);
        const group = nonceGroups.get(key);
        group?.delete(id);
        if (group?.size === 0) nonceGroups.delete(key);
        dirtyNonces.add(key);
        // Settled now, while the record is still at hand for the indexes.
        for (const c of changedAdmission.splice(0)) index(c, false);
        all.delete(id);
      }
    },
    fold(now, revealed, circleOrganizers) {
      settle();
      if (now < lastNow) for (const id of points.keys()) dirty.add(id);
      else moments.popUntil(now, (id, gen) => gens.get(id) === gen && dirty.add(id));
      if (revealed !== lastRevealed) {
        for (const id of new Set([...(revealed?.keys() ?? []), ...(lastRevealed?.keys() ?? [])])) {
          if (revealed?.get(id) === lastRevealed?.get(id)) continue;
          const r = all.get(id);
          const target = r && targetOf(r);
          if (target !== undefined) touch(target);
        }
      }
      if (circleOrganizers !== lastOrganizers) {
        const circles = new Set([...(circleOrganizers?.keys() ?? []), ...(lastOrganizers?.keys() ?? [])]);
        for (const c of circles)
          if (!sameSet(circleOrganizers?.get(c), lastOrganizers?.get(c)))
            for (const id of pointsOfCircle.get(c) ?? []) touch(id);
      }
      lastNow = now;
      lastRevealed = revealed;
      lastOrganizers = circleOrganizers;
      if (dirty.size === 0) return out;
      if (moments.size() > 4 * points.size + 1024) moments.rebuild(momentOf);
      let changed = false;
      for (const id of dirty) {
        const before = views.get(id);
        const after = refold(id, now, revealed, circleOrganizers);
        if (before) {
          const i = position(before);
          if (after) list[i] = after;
          else list.splice(i, 1);
          changed = true;
        } else if (after) {
          list.splice(position(after), 0, after);
          changed = true;
        }
        if (after) views.set(id, after);
        else views.delete(id);
      }
      dirty.clear();
      if (changed) out = list.slice();
      return out;
    },
  };
}
