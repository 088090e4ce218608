/**
 * Receivers' flood limit: per (author key, circle, creation hour, class) only
 * the first N records by (created, id) count; the rest are dropped. Pure and
 * order-independent, so every receiver keeps the same records whatever order
 * relays delivered them in, and a flood cannot push out earlier records.
 */
import { bucketOf } from './bucket';
import { LIMITS } from './limits';

export type QuotaClass = 'point' | 'alert' | 'other';

/** The fields a quota needs (VerifiedRecord has them all). */
export interface QuotaSubject {
  readonly id: string;
  readonly circle: string;
  readonly author: string;
  readonly created: number;
  readonly kind: string;
}

/** Which quota a record kind draws on: points and alerts have their own; every other kind shares one. */
export function quotaClass(kind: string): QuotaClass {
  return kind === 'point' ? 'point' : kind === 'alert' ? 'alert' : 'other';
}

/** Records one key may write per circle and hour in `cls`. */
export function quotaLimit(cls: QuotaClass): number {
  return cls === 'point'
    ? LIMITS.quotaPointsPerHour
    : cls === 'alert'
      ? LIMITS.quotaAlertsPerHour
      : LIMITS.quotaOtherPerHour;
}

/** The group a record's quota is counted in. Fields are base64url or digits, so a space cannot collide. */
export function quotaGroup(r: Omit<QuotaSubject, 'id'>): string {
  return `${r.author} ${r.circle} ${bucketOf(r.created)} ${quotaClass(r.kind)}`;
}

const byCreatedThenId = (x: QuotaSubject, y: QuotaSubject) =>
  x.created - y.created || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

/**
 * Keeps, per group, the first N distinct records by (created, id); the result
 * is in the input's order. Repeats of a kept id are kept (they are the same record).
 */
export function withinQuota<T extends QuotaSubject>(records: readonly T[]): T[] {
  const groups = new Map<string, T[]>();
  for (const r of records) {
    const g = quotaGroup(r);
    const list = groups.get(g);
    if (list) list.push(r);
    else groups.set(g, [r]);
  }
  const kept = new Set<string>();
  for (const list of groups.values()) {
    const limit = quotaLimit(quotaClass((list[0] as T).kind));
    const distinct = new Map<string, T>();
    for (const r of list) distinct.set(r.id, r);
    if (distinct.size <= limit) {
      for (const id of distinct.keys()) kept.add(id);
      continue;
    }
    for (const r of [...distinct.values()].sort(byCreatedThenId).slice(0, limit)) kept.add(r.id);
  }
  return records.filter((r) => kept.has(r.id));
}
