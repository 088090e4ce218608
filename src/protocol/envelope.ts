/**
 * The wire envelope of protocol v1 and its strict structural parser. This runs
 * on untrusted text from any peer; it checks size before parsing and shape
 * before anything else looks at the value. See docs/protocol.md.
 */
import { isCanonicalB64url } from '../domain/base64url';
import { asCircleId, asPublicKey, isB64url, type CircleId, type PublicKey } from '../domain/brand';
import { LIMITS } from '../domain/limits';
import { RECORD_KINDS, type RecordKind } from '../domain/records';
import { ok, refuse, type Result } from '../domain/result';

export const PROTOCOL_VERSION = 1;

/** One record as it travels: a flat JSON object of these eight fields. */
export interface Envelope {
  /** protocol version */
  readonly v: 1;
  /** circle id */
  readonly c: CircleId;
  /** record kind */
  readonly k: RecordKind;
  /** created, ms since the epoch (author's clock) */
  readonly t: number;
  /** author's Ed25519 public key */
  readonly a: PublicKey;
  /** AES-GCM nonce, 12 bytes */
  readonly n: string;
  /** AES-GCM ciphertext with its 16-byte tag */
  readonly p: string;
  /** Ed25519 signature, 64 bytes */
  readonly s: string;
}

const FIELDS = ['v', 'c', 'k', 't', 'a', 'n', 'p', 's'] as const;
const MAX_P_CHARS = Math.ceil(((LIMITS.payloadBytes + 16) * 4) / 3);

/** Parses wire text (or an already parsed value) into an Envelope, or refuses it. */
export function parseEnvelope(wire: unknown): Result<Envelope> {
  let o: unknown = wire;
  if (typeof wire === 'string') {
    if (wire.length > LIMITS.envelopeChars) return refuse('too-large', 'envelope is too large');
    try {
      o = JSON.parse(wire);
    } catch {
      return refuse('not-json', 'envelope is not JSON');
    }
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return refuse('bad-shape', 'envelope must be an object');
  const keys = Object.keys(o);
  if (keys.length !== FIELDS.length || !FIELDS.every((f) => Object.prototype.hasOwnProperty.call(o, f)))
    return refuse('bad-shape', 'envelope must have exactly the fields v c k t a n p s');
  const e = o as Record<string, unknown>;
  if (e.v !== PROTOCOL_VERSION) return refuse('unsupported-version', 'unsupported protocol version');
  const c = asCircleId(e.c);
  if (!c) return refuse('bad-field', 'c must be a circle id');
  if (typeof e.k !== 'string' || !(RECORD_KINDS as readonly string[]).includes(e.k))
    return refuse('unknown-kind', 'unknown record kind');
  if (!Number.isSafeInteger(e.t) || (e.t as number) < 0) return refuse('bad-field', 't must be integer milliseconds');
  const a = asPublicKey(e.a);
  if (!a) return refuse('bad-field', 'a must be an Ed25519 public key');
  if (!isB64url(e.n, 16)) return refuse('bad-field', 'n must be a 12-byte nonce');
  if (typeof e.p !== 'string' || e.p.length < 22 || e.p.length > MAX_P_CHARS || !isCanonicalB64url(e.p))
    return refuse('bad-field', 'p must be base64url ciphertext within the size limit');
  if (!isB64url(e.s, 86)) return refuse('bad-field', 's must be a 64-byte signature');
  const env: Envelope = { v: 1, c, k: e.k as RecordKind, t: e.t as number, a, n: e.n, p: e.p, s: e.s };
  // One record, one spelling: the id hashes the fields, so a respaced or reordered
  // text would otherwise be a second wire value under the same id.
  if (typeof wire === 'string' && encodeEnvelope(env) !== wire)
    return refuse('bad-shape', 'envelope text is not in canonical form');
  return ok(env);
}

/** The one canonical wire text of an envelope (fixed field order, no spaces). */
export function encodeEnvelope(e: Envelope): string {
  return JSON.stringify({ v: e.v, c: e.c, k: e.k, t: e.t, a: e.a, n: e.n, p: e.p, s: e.s });
}
