/**
 * Structural ingress filter for one GUN message. It never passes the peer's
 * object on: it builds a fresh message from an allow-list of fields, so GUN
 * sees only what Vada's protocol uses. Allowed: DAM `?` (peer-id handshake),
 * DAM `nts` time requests (answered by the relay itself, protocol §1.1), GETs of namespace souls, acks (ingress takes them only from federation
 * links), and PUTs of string values to namespace souls with a sane HAM state.
 * PUT keys still need the cryptographic check (verifyCandidates) before they
 * reach GUN.
 */
import { asRecordId } from '../src/domain/brand';
import { LIMITS } from '../src/domain/limits';
import { parseSoul } from '../src/protocol/souls';
import type { RecordRefusal } from '../src/protocol/putAnswer';
import type { GunMsg } from './gunTypes';
import type { RefusalCode } from './relayStats';
import { isSafeId, routingFields } from './routingFields';
import { isPlainObject, walkMessage } from '../src/protocol/walkMessage';

/** One key of a PUT that passed the structural checks. */
export interface Candidate {
  readonly soul: string;
  readonly circle: string;
  readonly bucket: number;
  readonly id: string;
  readonly wire: string;
  readonly state: number;
}

export type Sanitized =
  | { readonly kind: 'pass'; readonly msg: GunMsg }
  | { readonly kind: 'get'; readonly msg: GunMsg; readonly soul: string }
  /** A client asks for the relay's time (`dam: 'nts'`): answered here, never handed to GUN. */
  | { readonly kind: 'time'; readonly msg: GunMsg; readonly echo?: number }
  | {
      readonly kind: 'put';
      readonly msg: GunMsg;
      readonly candidates: Candidate[];
    };

/** A refused record of a PUT, by soul and key, for the per-record answer (protocol §11.1). */
export interface KeyRefusal extends RecordRefusal {
  readonly code: RefusalCode;
}

export interface SanitizeResult {
  /** Undefined when nothing of the message may go on. */
  readonly out?: Sanitized;
  /** Every refusal, including single keys stripped from a PUT that goes on. */
  readonly refusals: RefusalCode[];
  /**
   * The refusals of `refusals` that name one record: a record-id key under a
   * namespace soul. Keys that are not record ids and souls outside the
   * namespace hold no record and are only in `refusals`.
   */
  readonly records?: KeyRefusal[];
}

function sanitizeDam(m: Record<string, unknown>, base: GunMsg): SanitizeResult {
  // GUN clients announce themselves with `hi`; it has no handler here, so it is dropped quietly.
  if (m.dam === 'hi') return { refusals: [] };
  if (m.dam === 'nts') {
    // A relay never asks for time, so a reply (with '@') is nobody's business here: dropped quietly.
    if (m['@'] !== undefined) return { refusals: [] };
    // Only a number is echoed back, never the peer's own data.
    const first: unknown = Array.isArray(m.nts) ? m.nts[0] : undefined;
    const echo = typeof first === 'number' && Number.isFinite(first) ? first : undefined;
    return { out: { kind: 'time', msg: base, ...(echo === undefined ? {} : { echo }) }, refusals: [] };
  }
  if (m.dam !== '?') return { refusals: ['dam-forbidden'] };
  const pid = isSafeId(m.pid) ? m.pid : undefined;
  return {
    out: { kind: 'pass', msg: { ...base, dam: '?', ...(pid ? { pid } : {}) } },
    refusals: [],
  };
}

function sanitizeGet(get: unknown, base: GunMsg): SanitizeResult {
  if (!isPlainObject(get)) return { refusals: ['bad-get'] };
  const soul = get['#'];
  if (!parseSoul(soul)) return { refusals: ['outside-namespace'] };
  const key = get['.'];
  // Vada clients ask for one record by its id; anything else would be a lookup of an arbitrary key.
  if (key !== undefined && !asRecordId(key)) return { refusals: ['bad-get'] };
  const clean = key === undefined ? { '#': soul } : { '#': soul, '.': key };
  return {
    out: { kind: 'get', msg: { ...base, get: clean }, soul: soul as string },
    refusals: [],
  };
}

function sanitizePut(put: unknown, base: GunMsg, now: number): SanitizeResult {
  if (!isPlainObject(put)) return { refusals: ['bad-shape'] };
  const refusals: RefusalCode[] = [];
  const records: KeyRefusal[] = [];
  const refuseKey = (soul: string, id: string, code: RefusalCode) => {
    refusals.push(code);
    records.push({ soul, id, code });
  };
  const candidates: Candidate[] = [];
  for (const soul of Object.keys(put)) {
    const where = parseSoul(soul);
    const node = put[soul];
    if (!where) {
      refusals.push('outside-namespace');
      continue;
    }
    const meta = isPlainObject(node) ? node._ : undefined;
    const states = isPlainObject(meta) && meta['#'] === soul ? meta['>'] : undefined;
    if (!isPlainObject(node) || !isPlainObject(states)) {
      refusals.push('bad-shape');
      // Its records are named, so a sender can tell them from the ones it filed well.
      if (isPlainObject(node))
        for (const id of Object.keys(node)) if (asRecordId(id)) records.push({ soul, id, code: 'bad-shape' });
      continue;
    }
    for (const id of Object.keys(node)) {
      if (id === '_') continue;
      const wire = node[id];
      const state = states[id];
      if (!asRecordId(id)) refusals.push('bad-key');
      else if (typeof wire !== 'string') refuseKey(soul, id, 'not-string');
      else if (typeof state !== 'number' || !Number.isFinite(state)) refuseKey(soul, id, 'bad-state');
      // HAM would defer a future state and let it win later: refuse it now.
      else if (state > now + LIMITS.futureSkewMs) refuseKey(soul, id, 'future-state');
      else
        candidates.push({
          soul,
          circle: where.circle,
          bucket: where.bucket,
          id,
          wire,
          state,
        });
    }
  }
  if (candidates.length === 0) return { refusals: refusals.length ? refusals : ['bad-shape'], records };
  return { out: { kind: 'put', msg: base, candidates }, refusals, records };
}

/** Checks one parsed message; `now` is the relay's clock (ms). */
export function sanitizeMessage(m: unknown, now: number): SanitizeResult {
  if (!isPlainObject(m)) return { refusals: ['bad-shape'] };
  const walked = walkMessage(m);
  if (walked) return { refusals: [walked] };
  const base = routingFields(m);
  if (!base) return { refusals: ['bad-routing'] };
  const kinds = ['dam', 'get', 'put'].filter((k) => m[k] !== undefined);
  if (kinds.length > 1) return { refusals: ['bad-shape'] };
  if (m.dam !== undefined) return sanitizeDam(m, base);
  if (m.get !== undefined) return sanitizeGet(m.get, base);
  if (m.put !== undefined) return sanitizePut(m.put, base, now);
  // Acks and "not found" replies: routing fields only.
  if (base['@']) return { out: { kind: 'pass', msg: base }, refusals: [] };
  return { refusals: ['bad-shape'] };
}
