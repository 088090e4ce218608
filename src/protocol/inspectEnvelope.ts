/**
 * Everything that can be checked without the circle key: shape, limits,
 * proof-of-work, time, content id and signature. Relays run exactly this; clients run it before
 * decrypting (openEnvelope).
 */
import { bucketOf } from '../domain/bucket';
import type { RecordId } from '../domain/brand';
import { LIMITS } from '../domain/limits';
import { ok, refuse, type Result } from '../domain/result';
import { recordBytes, type RecordBytes } from './canonical';
import { parseEnvelope, type Envelope } from './envelope';
import { hasWorkBytes } from './pow';
import { recordIdOfBytes } from './recordId';
import { verifySignature } from './verifySignature';

export interface InspectOptions {
  /** Receiver's clock, ms since the epoch. */
  readonly now: number;
  /** The graph key the record was found under: it must equal the content id. */
  readonly expectedId?: string;
  /** The bucket of the graph node it was found in: it must match its creation hour. */
  readonly expectedBucket?: number;
}

export interface Inspected {
  readonly id: RecordId;
  readonly envelope: Envelope;
}

export async function inspectEnvelope(wire: unknown, opts: InspectOptions): Promise<Result<Inspected>> {
  const parsed = parseEnvelope(wire);
  if (!parsed.ok) return parsed;
  return inspectParsed(parsed.value, opts);
}

/**
 * The checks before the signature, all synchronous, in the order their refusals rank: work, time,
 * bucket, id. The id hash is synchronous too: a record under the wrong id is refused (`bad-id`,
 * which ranks before `bad-signature` anyway) without a signature check.
 */
export function checkUnsigned(e: Envelope, rb: RecordBytes, opts: InspectOptions): Result<RecordId> {
  // One cheap hash first: a flood without work costs no signature check.
  if (!hasWorkBytes(rb)) return refuse('insufficient-work', `record lacks ${LIMITS.powBits} bits of proof-of-work`);
  if (e.t > opts.now + LIMITS.futureSkewMs) return refuse('future-dated', 'record is dated in the future');
  if (e.t < opts.now - LIMITS.retentionMs) return refuse('expired', 'record is expired');
  if (opts.expectedBucket !== undefined && bucketOf(e.t) !== opts.expectedBucket)
    return refuse('wrong-bucket', 'record is filed under the wrong hour');
  const id = recordIdOfBytes(rb);
  if (opts.expectedId !== undefined && opts.expectedId !== id)
    return refuse('bad-id', 'record id is not its content hash');
  return ok(id);
}

/** The refusal of a record whose signature does not verify. */
export const badSignature = () => refuse('bad-signature', 'signature does not verify');

/** The checks after parsing. */
export async function inspectParsed(e: Envelope, opts: InspectOptions): Promise<Result<Inspected>> {
  const rb = recordBytes(e);
  const id = checkUnsigned(e, rb, opts);
  if (!id.ok) return id;
  if (!(await verifySignature(e.a, e.s, rb.signing))) return badSignature();
  return ok({ id: id.value, envelope: e });
}
