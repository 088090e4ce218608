/** relay/admission.ts in-process: nonce index and quota ledger, journal reload and pruning. */
import { describe, expect, it } from 'vitest';
import { bucketOf } from '../../../src/domain/bucket';
import { LIMITS } from '../../../src/domain/limits';
import type { CircleId, PublicKey } from '../../../src/domain/brand';
import { Admission, type AdmissionHeader } from '../../../relay/admission';
import { encodeEnvelope } from '../../../src/protocol/envelope';

const H = LIMITS.bucketMs;
const T0 = 480_000 * H + 10;
let seq = 0;
const nonce = () => String(seq++).padStart(16, 'A');
const head = (over: Partial<AdmissionHeader> = {}): AdmissionHeader => ({
  c: 'Q'.repeat(22) as CircleId,
  k: 'point',
  t: T0,
  a: 'A'.repeat(43) as PublicKey,
  n: nonce(),
  ...over,
});

describe('Admission', () => {
  it('refuses a repeated (author, nonce) whatever else changed, but not the same nonce of another author', () => {
    const adm = new Admission();
    const first = head();
    expect(adm.admit(first)).toBe('ok');
    expect(adm.admit({ ...first, t: T0 + 5 * H, k: 'cancel' })).toBe('replayed-nonce');
    expect(adm.admit({ ...first, a: 'B'.repeat(43) as PublicKey })).toBe('ok');
    expect(adm.size).toBe(2);
  });

  it('refuses the 21st point of a key in an hour and does not record refused ones', () => {
    const adm = new Admission();
    for (let i = 0; i < LIMITS.quotaPointsPerHour; i++) expect(adm.admit(head())).toBe('ok');
    const extra = head();
    expect(adm.admit(extra)).toBe('over-quota');
    expect(adm.check(head({ k: 'alert' }))).toBe('ok');
    // The refused record's nonce was not taken: after the hour is pruned it could come back.
    adm.pruneBefore(bucketOf(T0) + 1);
    expect(adm.admit(extra)).toBe('ok');
    expect(adm.size).toBe(1);
  });

  it('rebuilds from journal wire texts, skipping unreadable ones, counting past a quota', () => {
    const env = (h: AdmissionHeader) =>
      encodeEnvelope({ v: 1, ...h, p: 'A'.repeat(22), s: 'A'.repeat(86) } as Parameters<typeof encodeEnvelope>[0]);
    const heads = Array.from({ length: LIMITS.quotaPointsPerHour + 2 }, () => head());
    const adm = new Admission();
    expect(adm.load(['garbage', '', ...heads.map(env)])).toBe(heads.length);
    expect(adm.check(heads[0]!)).toBe('replayed-nonce');
    expect(adm.check(head())).toBe('over-quota');
    expect(adm.check(head({ t: T0 + H }))).toBe('ok');
  });

  it('prunes nonces and counts of expired hours only', () => {
    const adm = new Admission();
    const old = head();
    const recent = head({ t: T0 + H });
    adm.admit(old);
    adm.admit(recent);
    adm.pruneBefore(bucketOf(T0 + H));
    expect(adm.check(old)).toBe('ok');
    expect(adm.check(recent)).toBe('replayed-nonce');
  });
});
