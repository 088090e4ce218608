/**
 * The last step for a PUT that passed the filter: admit the records that are
 * new (nonce replay, quota: relay/admission.ts), store them, hand them (and
 * only them) to GUN, append them to the journal, and
 * acknowledge the sender once they are written, or tell it why nothing was
 * taken. Echoes of records already held go no further: that is what stops
 * federation loops and makes replays cheap.
 */
import type { Admission } from './admission';
import type { GunMsg, GunPeer } from './gunTypes';
import type { RecordJournal } from './recordJournal';
import type { RecordStore } from './recordStore';
import type { StatsCounter } from './relayStats';
import type { Candidate } from './sanitizeMessage';
import type { Verdict } from './verifyCandidates';
import { isPlainObject } from './walkMessage';

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

/** The id to acknowledge for a PUT the peer originated (replies to GETs are not acknowledged). */
export function ackId(m: unknown): string | undefined {
  if (!isPlainObject(m) || m.put === undefined || m['@'] !== undefined) return undefined;
  const id = m['#'];
  return typeof id === 'string' && id.length <= 64 ? id : undefined;
}

/** Tells the sender of `m` (if it expects an ack) that nothing of it was taken. */
export function refuseAck(deps: AcceptDeps, m: unknown, codes: readonly string[], peer: GunPeer): void {
  const id = ackId(m);
  if (id) deps.say({ '@': id, err: `refused: ${[...new Set(codes)].join(',')}` }, peer);
}

/** Applies a verified PUT: `msg` holds its routing fields, `m` is the message as received. */
export function acceptPut(deps: AcceptDeps, msg: GunMsg, m: unknown, v: Verdict, peer: GunPeer): void {
  const { stats } = deps;
  const refusals = [...v.refusals];
  let duplicates = v.duplicates.length;
  const fresh: Candidate[] = [];
  for (const { header, ...c } of v.fresh) {
    // Another frame may have stored it meanwhile (frames are verified concurrently): a duplicate, not a replay.
    if (deps.store.get(c.soul, c.id) !== undefined) {
      duplicates++;
      continue;
    }
    const verdict = deps.admission.admit(header);
    if (verdict !== 'ok') refusals.push(verdict);
    else if (deps.store.add(c)) fresh.push(c);
  }
  for (const code of refusals) stats.refuse(code);
  stats.duplicates += duplicates;
  stats.accepted += fresh.length;
  if (fresh.length > 0 && peer.wire !== null) {
    // A reply to the relay's own GET would stop at the relay: without '@' GUN passes it on as news.
    const { '@': to, ...rest } = msg;
    deps.deliver({ ...(deps.isOwnGet(to) ? rest : msg), put: putNode(fresh) }, peer);
  }
  // Settles true once every new record is written to the journal (never rejects).
  const durable = Promise.all(fresh.map((c) => deps.journal.append(c))).then(
    () => true,
    () => false,
  );
  const id = ackId(m);
  if (!id) return;
  // Records another frame stored meanwhile (frames are verified concurrently) are held, not refused.
  if (fresh.length + duplicates === 0) return refuseAck(deps, m, refusals, peer);
  void durable.then((ok) => deps.say(ok ? { '@': id, ok: { '': 1 } } : { '@': id, err: 'relay storage failed' }, peer));
}
