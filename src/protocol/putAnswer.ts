/**
 * How a relay answers a PUT, record by record (protocol §11.1), written once
 * for both ends: the relay builds the answer, the client reads from it the
 * fate of each record it sent. A PUT may hold many records; before this, one
 * forged record among valid ones was answered with a plain `ok`, and the
 * client could not tell which record had been refused. The shape stays
 * backward compatible: `ok` still means "taken" and `err: "refused: …"` still
 * means "nothing taken"; the added `refused` map names every refused record by
 * the node and key it was filed under.
 */
import { isPlainObject } from './walkMessage';

/** A record of a PUT that a relay refused: the soul and key it was filed under, and why. */
export interface RecordRefusal {
  readonly soul: string;
  readonly id: string;
  readonly code: string;
}

/** soul → record id → refusal code. */
export type RefusedRecords = Record<string, Record<string, string>>;

/** A relay's answer to the PUT whose `#` is `@`. */
export type PutAnswer = {
  readonly '@': string;
  readonly ok?: { readonly '': 1 };
  readonly err?: string;
  readonly refused?: RefusedRecords;
};

/** What became of a PUT as a whole. */
export type PutResult =
  /** At least one record is in the relay's journal (new, or already held). */
  | { readonly kind: 'stored'; readonly refused: readonly RecordRefusal[] }
  /** Nothing was taken; `codes` are every reason, including those of keys that hold no record. */
  | { readonly kind: 'refused'; readonly codes: readonly string[]; readonly refused: readonly RecordRefusal[] }
  /** The relay could not write its journal: nothing counts as stored. */
  | { readonly kind: 'failed'; readonly refused: readonly RecordRefusal[] };

/** The text of `err` when nothing of a PUT was taken: `refused: ` and the distinct codes. */
export const REFUSED_PREFIX = 'refused: ';
/** The text of `err` when the relay's journal failed. */
export const STORAGE_FAILED = 'relay storage failed';

/** The `refused` map of an answer; undefined when no record was refused. */
export function refusedRecords(refusals: readonly RecordRefusal[]): RefusedRecords | undefined {
  if (refusals.length === 0) return undefined;
  const out: RefusedRecords = {};
  // Souls and ids here passed the namespace and record-id checks: never a prototype name.
  for (const r of refusals) (out[r.soul] ??= {})[r.id] ??= r.code;
  return out;
}

/** The answer to the PUT whose `#` is `to`. */
export function putAnswer(to: string, result: PutResult): PutAnswer {
  const refused = refusedRecords(result.refused);
  const map = refused ? { refused } : {};
  if (result.kind === 'stored') return { '@': to, ok: { '': 1 }, ...map };
  if (result.kind === 'failed') return { '@': to, err: STORAGE_FAILED, ...map };
  return { '@': to, err: `${REFUSED_PREFIX}${[...new Set(result.codes)].join(',')}`, ...map };
}

/** What an answer says of one record the client sent. */
export type RecordFate =
  | { readonly kind: 'stored' }
  /** Final: sending it again would be refused again. `reason` is `refused: <code>[,<code>…]`. */
  | { readonly kind: 'refused'; readonly reason: string }
  /** Not stored, or the answer does not say: keep it queued. */
  | { readonly kind: 'unknown' };

const CODE = /^[a-z][a-z-]{0,39}$/;
const own = (o: Record<string, unknown>, k: string): unknown =>
  Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;

/**
 * The fate of the record filed under (`soul`, `id`) by a relay's `answer`
 * (untrusted: anything a relay sent). Its own entry in `refused` decides
 * first; then an `err` of `refused: <codes>` refuses every record (nothing
 * was taken; relays from before per-record answers say only this); any other
 * `err` leaves it unknown; an `ok` stores it.
 */
export function recordFate(answer: unknown, soul: string, id: string): RecordFate {
  if (!isPlainObject(answer)) return { kind: 'unknown' };
  const map = answer.refused;
  const node = isPlainObject(map) ? own(map, soul) : undefined;
  const code = isPlainObject(node) ? own(node, id) : undefined;
  if (typeof code === 'string' && CODE.test(code)) return { kind: 'refused', reason: `${REFUSED_PREFIX}${code}` };
  const err = answer.err;
  if (typeof err === 'string') {
    return err.startsWith(REFUSED_PREFIX) && /^\S/.test(err.slice(REFUSED_PREFIX.length))
      ? { kind: 'refused', reason: err }
      : { kind: 'unknown' };
  }
  return answer.ok !== undefined && answer.ok !== null ? { kind: 'stored' } : { kind: 'unknown' };
}
