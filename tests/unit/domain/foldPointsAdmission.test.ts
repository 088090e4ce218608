/**
 * What the fold lets count at all: each key's records within its hourly quota
 * (decided by (created, id), not by arrival), one record per (author, nonce),
 * duplicates once — so a flood from one key cannot push anyone else out.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldPoints } from '../../../src/domain/foldPoints';
import { LIMITS } from '../../../src/domain/limits';
import type { VerifiedRecord } from '../../../src/domain/records';
import { cancel, MIN, point, T0 } from '../../fixtures/recordBuilders';

const N = LIMITS.quotaPointsPerHour;
const flood = (n: number, author = 'mallory') =>
  Array.from({ length: n }, (_, i) => point(`${author}${String(i).padStart(4, '0')}`, { author, created: T0 + i }));
const ids = (rs: VerifiedRecord[], now = T0 + 20 * MIN) =>
  foldPoints(rs, now)
    .map((p) => p.id)
    .sort();

describe('fold admission', () => {
  it("keeps a key's first N points of an hour by time and drops the rest, whatever the order", () => {
    const all = flood(N + 5);
    const kept = ids(all);
    expect(kept).toHaveLength(N);
    expect(kept).toEqual(
      all
        .slice(0, N)
        .map((r) => r.id)
        .sort(),
    );
    expect(ids([...all].reverse())).toEqual(kept);
  });

  it("a flood from one key leaves another key's point in place", () => {
    const honest = point('honest', { author: 'bob', created: T0 + 500 });
    expect(ids([...flood(300), honest])).toContain(honest.id);
  });

  it('the same record many times uses the quota once', () => {
    const one = flood(1)[0] as VerifiedRecord;
    const rest = flood(N).slice(1);
    expect(ids([one, one, one, ...rest])).toHaveLength(N);
  });

  it('quotas are per hour: the next hour has a fresh allowance', () => {
    const next = Array.from({ length: N }, (_, i) => point(`n${i}`, { author: 'mallory', created: T0 + 60 * MIN + i }));
    expect(ids([...flood(N), ...next], T0 + 70 * MIN)).toHaveLength(2 * N);
  });

  it('one record per (author, nonce): a second ciphertext under a paid header does not count', () => {
    const a = { ...point('aaa'), nonce: 'AAAAAAAAAAAAAAAA' } as VerifiedRecord;
    const b = { ...point('bbb', { created: T0 + 1 }), nonce: 'AAAAAAAAAAAAAAAA' } as VerifiedRecord;
    expect(ids([b, a])).toEqual([a.id]);
    const other = { ...point('ccc', { author: 'bob' }), nonce: 'AAAAAAAAAAAAAAAA' } as VerifiedRecord;
    expect(ids([a, other])).toEqual([a.id, other.id].sort());
  });

  it('cancels draw on their own quota, not on points', () => {
    const pts = flood(N);
    const cancels = Array.from({ length: 5 }, (_, i) =>
      cancel(`c${i}`, 'mallory0000', T0 + 100 + i, { author: 'mallory' }),
    );
    const views = foldPoints([...pts, ...cancels], T0 + MIN);
    expect(views).toHaveLength(N);
    expect(views.find((v) => v.title === 'mallory0000')?.state).toBe('cancelled');
  });

  it('admission is independent of arrival order (property)', () => {
    const all = [...flood(N + 3), ...flood(4, 'bob')];
    fc.assert(
      fc.property(fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }), (shuffled) => {
        expect(ids(shuffled)).toEqual(ids(all));
      }),
      { numRuns: 100 },
    );
  });
});
