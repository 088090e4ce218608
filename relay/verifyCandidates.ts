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
import { recordBytes } from '../src/protocol/canonical';
import { parseEnvelope } from '../src/protocol/envelope';
import { checkUnsigned } from '../src/protocol/inspectEnvelope';
import { verifySignature } from '../src/protocol/verifySignature';
import type { Admission, AdmissionHeader } from './admission';
import type { RecordStore } from './recordStore';
import type { RefusalCode } from './relayStats';
import type { Candidate, KeyRefusal } from './sanitizeMessage';
import { verifyEd25519Now } from './verifyEd25519Now';

/**
 * Frames with at most this many records are verified on the event loop (verifyEd25519Now: 0.07 ms a
 * record, no thread-pool hop): a live record is passed on sooner. Bigger frames use the pool.
 */
export const VERIFY_NOW_MAX = 4;

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

async function check(
  c: Candidate,
  store: RecordStore,
  now: number,
  admission: Admission | undefined,
  onThread: boolean,
): Promise<Checked> {
  const stored = store.get(c.soul, c.id);
  if (stored !== undefined) return stored === c.wire ? 'duplicate' : 'immutable';
  // Parsed once: admission's early check and the inspection share it.
  const parsed = parseEnvelope(c.wire);
  if (!parsed.ok) return parsed.error.code;
  const e = parsed.value;
  if (admission) {
    const early = admission.check(e);
    if (early !== 'ok') return early;
  }
  // src/protocol's inspectParsed, with the signature checked here or in the pool.
  const rb = recordBytes(e);
  const id = checkUnsigned(e, rb, { now, expectedId: c.id, expectedBucket: c.bucket });
  if (!id.ok) return id.error.code;
  const signed = onThread ? verifyEd25519Now(e.a, e.s, rb.signing) : await verifySignature(e.a, e.s, rb.signing);
  if (!signed) return 'bad-signature';
  if (e.c !== c.circle) return 'wrong-circle';
  return { fresh: e };
}

export async function verifyCandidates(
  candidates: readonly Candidate[],
  store: RecordStore,
  now: number,
  admission?: Admission,
): Promise<Verdict> {
  const onThread = candidates.length <= VERIFY_NOW_MAX;
  const results = await Promise.all(candidates.map((c) => check(c, store, now, admission, onThread)));
  const verdict: Verdict = { fresh: [], duplicates: [], refusals: [] };
  results.forEach((r, i) => {
    const c = candidates[i] as Candidate;
    if (r === 'duplicate') verdict.duplicates.push(c);
    else if (typeof r === 'string') verdict.refusals.push({ soul: c.soul, id: c.id, code: r });
    else verdict.fresh.push({ ...c, header: r.fresh });
  });
  return verdict;
}
