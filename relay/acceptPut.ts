/**
 * The last step for a PUT that passed the filter: admit the records that are
 * new (nonce replay, quota: relay/admission.ts), store them, hand them (and
 * only them) to GUN under a message id of the relay's own (relayMessageId),
 * append them to the journal, and answer the sender under its own id once they
 * are written: taken, or why nothing was taken, and in both cases which of its
 * records were refused and why (src/protocol/putAnswer.ts, protocol §11.1). Echoes of records already held go no further: that is what stops
 * federation loops and makes replays cheap.
 */
import { putAnswer, type PutResult } from '../src/protocol/putAnswer';
import { isPlainObject } from '../src/protocol/walkMessage';
import type { Admission } from './admission';
import type { GunMsg, GunPeer } from './gunTypes';
import type { RecordJournal } from './recordJournal';
import type { RecordStore } from './recordStore';
import type { RefusalCode, StatsCounter } from './relayStats';
import { relayMessageId } from './relayMessageId';
import { isSafeId } from './routingFields';
import type { Candidate, KeyRefusal } from './sanitizeMessage';
import type { Verdict } from './verifyCandidates';

export interface AcceptDeps {
  readonly store: RecordStore;
  /** Nonce replay and quotas across records. */
  readonly admission: Admission;
  readonly journal: RecordJournal;
  readonly stats: StatsCounter;
  /** GUN's own mesh.hear: receives only rebuilt, accepted messages. */
  readonly deliver: (msg: GunMsg, peer: GunPeer) => void;
  /** GUN's mesh.say, for acks to one peer. */
  readonly say: (msg: GunMsg, peer: GunPeer) => void;
  /** True for ids of GETs the relay sent itself (see meshRouting). */
  readonly isOwnGet: (id: unknown) => boolean;
  /** The relay's clock (ms). */
  readonly now: () => number;
}

/** A GUN put object holding exactly `records`. */
function putNode(records: readonly Candidate[]): GunMsg {
  const put: Record<string, { _: { '#': string; '>': Record<string, number> } } & Record<string, unknown>> = {};
  for (const c of records) {
    const node = (put[c.soul] ??= { _: { '#': c.soul, '>': {} } });
    node._['>'][c.id] = c.state;
    node[c.id] = c.wire;
  }
  return put;
}

/**
 * The id to answer for a PUT the peer originated (replies to GETs are not
 * answered): only a safe id, since GUN's mesh keeps the answered id as a key
 * of a plain object (`__proto__` would write onto Object.prototype).
 */
export function ackId(m: unknown): string | undefined {
  if (!isPlainObject(m) || m.put === undefined || m['@'] !== undefined) return undefined;
  return isSafeId(m['#']) ? m['#'] : undefined;
}

/** What the filter refused of a PUT before verification (already counted in the stats). */
export interface EarlyRefusals {
  /** Every code, records or not. */
  readonly codes: readonly RefusalCode[];
  /** Those that name a record. */
  readonly records: readonly KeyRefusal[];
}

const NONE: EarlyRefusals = { codes: [], records: [] };

/** Answers the PUT `m`, if it is one its sender expects an answer to. */
function answer(deps: AcceptDeps, m: unknown, result: PutResult, peer: GunPeer): void {
  const id = ackId(m);
  if (id) deps.say(putAnswer(id, result), peer);
}

/** Tells the sender of the PUT `m` (if it expects an answer) that nothing of it was taken, and why. */
export function refuseAck(deps: AcceptDeps, m: unknown, early: EarlyRefusals, peer: GunPeer): void {
  answer(deps, m, { kind: 'refused', codes: early.codes, refused: early.records }, peer);
}

/**
 * Applies a verified PUT: `msg` holds its routing fields, `m` is the message as
 * received, `early` what the filter already refused of it.
 */
export function acceptPut(
  deps: AcceptDeps,
  msg: GunMsg,
  m: unknown,
  v: Verdict,
  peer: GunPeer,
  early: EarlyRefusals = NONE,
): void {
  const { stats } = deps;
  const refusals: KeyRefusal[] = [...v.refusals];
  let duplicates = v.duplicates.length;
  const fresh: Candidate[] = [];
  for (const { header, ...c } of v.fresh) {
    // Another frame may have stored it meanwhile (frames are verified concurrently): a duplicate, not a replay.
    if (deps.store.get(c.soul, c.id) !== undefined) {
      duplicates++;
      continue;
    }
    const verdict = deps.admission.admit(header);
    if (verdict !== 'ok') refusals.push({ soul: c.soul, id: c.id, code: verdict });
    else {
      // A HAM state ahead of the relay's clock (allowed up to futureSkewMs) would make GUN defer the
      // key, hiding the record from GET replies until then: the relay keeps at most its own clock.
      const kept = { ...c, state: Math.min(c.state, deps.now()) };
      if (deps.store.add(kept)) fresh.push(kept);
    }
  }
  for (const r of refusals) stats.refuse(r.code);
  stats.duplicates += duplicates;
  stats.accepted += fresh.length;
  if (fresh.length > 0 && peer.wire !== null) {
    // A reply to the relay's own GET would stop at the relay: without '@' GUN passes it on as news.
    const { '@': to, ...rest } = msg;
    // Under an id of the relay's own, never the writer's: GUN drops a message whose id its dedup
    // table already holds, and that table holds ids derived from other peers' messages (relayMessageId).
    deps.deliver({ ...(deps.isOwnGet(to) ? rest : msg), '#': relayMessageId(), put: putNode(fresh) }, peer);
  }
  // Settles true once every new record is written to the journal (never rejects).
  const durable = Promise.all(fresh.map((c) => deps.journal.append(c))).then(
    () => true,
    () => false,
  );
  if (!ackId(m)) return;
  const refused = [...early.records, ...refusals];
  // Records another frame stored meanwhile (frames are verified concurrently) are held, not refused.
  if (fresh.length + duplicates === 0) {
    const codes = [...early.codes, ...refusals.map((r) => r.code)];
    return answer(deps, m, { kind: 'refused', codes, refused }, peer);
  }
  void durable.then((ok) => answer(deps, m, { kind: ok ? 'stored' : 'failed', refused }, peer));
}
