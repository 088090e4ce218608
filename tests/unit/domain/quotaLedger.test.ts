/** QuotaLedger: the relay's incremental quota; the (N+1)th in arrival order is refused. */
import { describe, expect, it } from 'vitest';
import { bucketOf } from '../../../src/domain/bucket';
import { LIMITS } from '../../../src/domain/limits';
import { QuotaLedger } from '../../../src/domain/quotaLedger';

const H = LIMITS.bucketMs;
const T0 = 480_000 * H;
const r = (over: Partial<{ author: string; circle: string; created: number; kind: string }> = {}) => ({
  author: 'A1',
  circle: 'C1',
  created: T0 + 10,
  kind: 'point',
  ...over,
});
/** Admits `n` like `x`; returns how many were admitted. */
const admitN = (l: QuotaLedger, n: number, x = r()) =>
  Array.from({ length: n }, () => l.admit(x)).filter(Boolean).length;

describe('QuotaLedger', () => {
  it.each([
    ['point', LIMITS.quotaPointsPerHour],
    ['alert', LIMITS.quotaAlertsPerHour],
    ['disperse', LIMITS.quotaOtherPerHour],
    ['cancel', LIMITS.quotaOtherPerHour],
    ['coorganizer', LIMITS.quotaOtherPerHour],
    ['organizer', LIMITS.quotaOtherPerHour],
  ])('%s: admits N = %i, refuses the next and does not count it', (kind, n) => {
    const l = new QuotaLedger();
    expect(admitN(l, n, r({ kind }))).toBe(n);
    expect(l.fits(r({ kind }))).toBe(false);
    expect(l.admit(r({ kind }))).toBe(false);
    expect(l.count(r({ kind }))).toBe(n);
  });

  it('keeps separate counts per key, circle, hour bucket and class', () => {
    const l = new QuotaLedger();
    admitN(l, LIMITS.quotaPointsPerHour);
    expect(l.admit(r())).toBe(false);
    expect(l.admit(r({ author: 'A2' }))).toBe(true);
    expect(l.admit(r({ circle: 'C2' }))).toBe(true);
    expect(l.admit(r({ created: T0 + H }))).toBe(true);
    expect(l.admit(r({ kind: 'alert' }))).toBe(true);
    expect(l.admit(r({ kind: 'cancel' }))).toBe(true);
    // The same hour: any time inside it shares the count.
    expect(l.admit(r({ created: T0 + H - 1 }))).toBe(false);
  });

  it('shares the other class across its kinds', () => {
    const l = new QuotaLedger();
    const kinds = ['disperse', 'cancel', 'coorganizer', 'organizer'];
    for (let i = 0; i < LIMITS.quotaOtherPerHour; i++) expect(l.admit(r({ kind: kinds[i % 4] as string }))).toBe(true);
    for (const kind of kinds) expect(l.admit(r({ kind }))).toBe(false);
  });

  it('record() counts unconditionally (journal replay), so a replayed full quota refuses the next', () => {
    const l = new QuotaLedger();
    for (let i = 0; i < LIMITS.quotaPointsPerHour + 3; i++) l.record(r());
    expect(l.count(r())).toBe(LIMITS.quotaPointsPerHour + 3);
    expect(l.admit(r())).toBe(false);
  });

  it('forgets pruned hour buckets and keeps later ones', () => {
    const l = new QuotaLedger();
    admitN(l, LIMITS.quotaPointsPerHour);
    admitN(l, LIMITS.quotaPointsPerHour, r({ created: T0 + H }));
    l.pruneBefore(bucketOf(T0 + H));
    expect(l.count(r())).toBe(0);
    expect(l.admit(r({ created: T0 + H }))).toBe(false);
    expect(l.admit(r())).toBe(true);
  });
});
