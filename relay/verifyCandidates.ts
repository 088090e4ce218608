/**
 * The cryptographic half of the ingress filter: every PUT key must be a record
 * that src/protocol's inspectEnvelope accepts under exactly that id and hour
 * bucket, in the circle its soul names. A different value under a stored id is
 * refused outright (records are immutable); the same value again is a
 * duplicate and skips the crypto.
 */
import { inspectEnvelope } from '../src/protocol/inspectEnvelope';
import type { RecordStore } from './recordStore';
import type { RefusalCode } from './relayStats';
import type { Candidate } from './sanitizeMessage';

export interface Verdict {
  /** Valid records not stored yet. */
  readonly fresh: Candidate[];
  /** Valid records already stored with the same value. */
  readonly duplicates: Candidate[];
  readonly refusals: RefusalCode[];
}

async function check(c: Candidate, store: RecordStore, now: number): Promise<'fresh' | 'duplicate' | RefusalCode> {
  const stored = store.get(c.soul, c.id);
  if (stored !== undefined) return stored === c.wire ? 'duplicate' : 'immutable';
  const r = await inspectEnvelope(c.wire, {
    now,
    expectedId: c.id,
    expectedBucket: c.bucket,
  });
  if (!r.ok) return r.error.code;
  if (r.value.envelope.c !== c.circle) return 'wrong-circle';
  return 'fresh';
}

export async function verifyCandidates(
  candidates: readonly Candidate[],
  store: RecordStore,
  now: number,
): Promise<Verdict> {
  const results = await Promise.all(candidates.map((c) => check(c, store, now)));
  const verdict: Verdict = { fresh: [], duplicates: [], refusals: [] };
  results.forEach((r, i) => {
    const c = candidates[i] as Candidate;
    if (r === 'fresh') verdict.fresh.push(c);
    else if (r === 'duplicate') verdict.duplicates.push(c);
    else verdict.refusals.push(r);
  });
  return verdict;
}
