/**
 * Frames a hostile peer might send to a relay, built from valid records so
 * that each one fails exactly one check.
 */
import { randomBytes } from 'node:crypto';
import { bucketOf } from '../../../src/domain/bucket';
import { encodeEnvelope, type Envelope } from '../../../src/protocol/envelope';
import { recordIdOf } from '../../../src/protocol/recordId';
import type { Sealed } from '../../../src/protocol/sealRecord';
import { soulOf } from '../../../src/protocol/souls';
import { soulFor } from './pointRecords';

export const msgId = () => randomBytes(6).toString('base64url');

/** A GUN PUT frame of one key. */
export function putFrame(soul: string, key: string, value: unknown, state = Date.now()): string {
  return JSON.stringify({
    '#': msgId(),
    put: { [soul]: { _: { '#': soul, '>': { [key]: state } }, [key]: value } },
  });
}

/** A valid record's PUT, as an honest client would send it. */
export const honestPut = (r: Sealed, state = Date.now()) => putFrame(soulFor(r), r.id, r.wire, state);

/** Replaces one character in the middle of a base64url field with another valid one. */
function flip(s: string): string {
  const i = Math.floor(s.length / 2);
  return s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
}

/** Ciphertext changed, id kept: the id no longer matches the content. */
export function tamperedPut(r: Sealed): string {
  return putFrame(soulFor(r), r.id, encodeEnvelope({ ...r.envelope, p: flip(r.envelope.p) }));
}

/** Signature changed and the id recomputed: everything matches except the signature. */
export async function badSignaturePut(r: Sealed): Promise<string> {
  const e: Envelope = { ...r.envelope, s: flip(r.envelope.s) };
  return putFrame(soulFor(r), await recordIdOf(e), encodeEnvelope(e));
}

/** A valid record filed under the next hour's soul. */
export function wrongBucketPut(r: Sealed): string {
  return putFrame(soulOf(r.envelope.c, bucketOf(r.envelope.t) + 1), r.id, r.wire);
}

/** JSON text nested `depth` objects deep inside a PUT. */
export function deepPut(depth: number): string {
  return `{"#":"${msgId()}","put":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
}
