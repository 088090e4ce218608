/**
 * The cryptographic half of the ingress filter: every PUT key must be a record
 * that src/protocol's inspectEnvelope accepts under exactly that id and hour
 * bucket, in the circle its soul names. A different value under a stored id is
 * refused outright (records are immutable); the same value again is a
 * duplicate and skips the crypto. A record that admission would refuse anyway
 * (replayed nonce, quota used up) is refused before the signature check, so a
 * flood past its quota costs the relay one parse per record; acceptPut checks
 * admission again, authoritatively, in arrival order.
 */
import { parseEnvelope } from '../src/protocol/envelope';
import { inspectParsed } from '../src/protocol/inspectEnvelope';
import type { Admission, AdmissionHeader } from './admission';
import type { RecordStore } from './recordStore';
import type { RefusalCode } from './relayStats';
import type { Candidate, KeyRefusal } from './sanitizeMessage';

/** A verified record and the header fields admission needs. */
export interface Fresh extends Candidate {
  readonly header: AdmissionHeader;
}

export interface Verdict {
  /** Valid records not stored yet. */
  readonly fresh: Fresh[];
  /** Valid records already stored with the same value. */
  readonly duplicates: Candidate[];
  /** Each refused record, by soul and key (for the per-record answer, protocol §11.1). */
  readonly refusals: KeyRefusal[];
}

type Checked = { readonly fresh: AdmissionHeader } | 'duplicate' | RefusalCode;

async function check(c: Candidate, store: RecordStore, now: number, admission?: Admission): Promise<Checked> {
  const stored = store.get(c.soul, c.id);
  if (stored !== undefined) return stored === c.wire ? 'duplicate' : 'immutable';
  // Parsed once: admission's early check and the inspection share it.
  const parsed = parseEnvelope(c.wire);
  if (!parsed.ok) return parsed.error.code;
  if (admission) {
    const early = admission.check(parsed.value);
    if (early !== 'ok') return early;
  }
  const r = await inspectParsed(parsed.value, {
    now,
    expectedId: c.id,
    expectedBucket: c.bucket,
  });
  if (!r.ok) return r.error.code;
  if (r.value.envelope.c !== c.circle) return 'wrong-circle';
  return { fresh: r.value.envelope };
}

export async function verifyCandidates(
  candidates: readonly Candidate[],
  store: RecordStore,
  now: number,
  admission?: Admission,
): Promise<Verdict> {
  const results = await Promise.all(candidates.map((c) => check(c, store, now, admission)));
  const verdict: Verdict = { fresh: [], duplicates: [], refusals: [] };
  results.forEach((r, i) => {
    const c = candidates[i] as Candidate;
    if (r === 'duplicate') verdict.duplicates.push(c);
    else if (typeof r === 'string') verdict.refusals.push({ soul: c.soul, id: c.id, code: r });
    else verdict.fresh.push({ ...c, header: r.fresh });
  });
  return verdict;
}
