/**
 * Builds, encrypts and signs a record; the result is ready for any transport.
 * The nonce is mined first (proof-of-work, src/protocol/pow.ts), so the
 * ciphertext and signature are made once, over the final header. The work
 * covers only the header (v, c, k, t, a, n), so a sender may mine it ahead
 * (mineHeader, e.g. while a person fills in a form) and seal the payload into
 * it later (sealMined): the record on the wire is the same as one sealed at
 * once with created time `t` — nothing on the wire changes.
 */
import type { RecordId } from '../domain/brand';
import { parsePayloadValue } from '../domain/parsePayload';
import type { PayloadOf, RecordKind } from '../domain/records';
import { buf, toB64url } from './base64url';
import { aadBytes, signingBytes } from './canonical';
import type { CircleKey } from './circle';
import { encodeEnvelope, PROTOCOL_VERSION, type Envelope } from './envelope';
import type { Identity } from './identity';
import { hasWork, mineNonce } from './pow';
import { recordIdOf } from './recordId';

export interface Sealed {
  readonly id: RecordId;
  readonly envelope: Envelope;
  /** The canonical wire text (what is stored under `id`). */
  readonly wire: string;
}

/** A record header with its proof of work, ready for a payload (mineHeader, then sealMined). */
export interface MinedHeader<K extends RecordKind = RecordKind> {
  readonly v: typeof PROTOCOL_VERSION;
  readonly c: CircleKey['id'];
  readonly k: K;
  /** The record's created time (the time it was mined for). */
  readonly t: number;
  readonly a: Identity['publicKey'];
  /** The mined nonce as it travels. */
  readonly n: string;
  /** The same nonce, 12 bytes (the AES-GCM nonce). */
  readonly nonce: Uint8Array;
}

/** Mines the header of a `kind` record by `identity` in `circle`, created at `created` (ms, floored). */
export function mineHeader<K extends RecordKind>(
  identity: Identity,
  circle: CircleKey['id'],
  kind: K,
  created: number,
): MinedHeader<K> {
  const unmined = { v: PROTOCOL_VERSION, c: circle, k: kind, t: Math.floor(created), a: identity.publicKey } as const;
  const { nonce, n } = mineNonce(unmined);
  return { ...unmined, n, nonce };
}

/** True when `payload` is valid for a record with header `header` (its kind and created time), as receivers check it. */
export function fitsHeader<K extends RecordKind>(header: MinedHeader<K>, payload: PayloadOf[K]): boolean {
  return parsePayloadValue(header.k, payload, header.t).ok;
}

/** Seals a record after checking the payload as every receiver will: refuses to sign what they would refuse. */
export async function sealRecord<K extends RecordKind>(
  identity: Identity,
  circle: CircleKey,
  kind: K,
  payload: PayloadOf[K],
  created: number,
): Promise<Sealed> {
  const checked = parsePayloadValue(kind, payload, Math.floor(created));
  if (!checked.ok) throw new Error(`invalid ${kind}: ${checked.error.detail}`);
  return sealUnchecked(identity, circle, kind, payload, created);
}

/**
 * Seals `payload` into a header mined before (mineHeader), after the same
 * check as sealRecord against the header's created time. Refuses a header of
 * another author or circle, or one without the work. Each header may be used
 * once: receivers keep one record per author and nonce.
 */
export async function sealMined<K extends RecordKind>(
  identity: Identity,
  circle: CircleKey,
  header: MinedHeader<K>,
  payload: PayloadOf[K],
): Promise<Sealed> {
  if (header.a !== identity.publicKey || header.c !== circle.id || header.v !== PROTOCOL_VERSION)
    throw new Error('the mined header belongs to another author or circle');
  if (!hasWork(header)) throw new Error('the mined header carries too little work');
  const checked = parsePayloadValue(header.k, payload, header.t);
  if (!checked.ok) throw new Error(`invalid ${header.k}: ${checked.error.detail}`);
  return sealInto(identity, circle, header, payload);
}

/**
 * Seals any payload without checking it. Only for tests and tools that play a
 * hostile or buggy author; the app always goes through sealRecord.
 */
export async function sealUnchecked<K extends RecordKind>(
  identity: Identity,
  circle: CircleKey,
  kind: K,
  payload: unknown,
  created: number,
): Promise<Sealed> {
  const unmined = {
    v: PROTOCOL_VERSION,
    c: circle.id,
    k: kind,
    t: Math.floor(created),
    a: identity.publicKey,
  } as const;
  const { nonce, n } = mineNonce(unmined);
  return sealInto(identity, circle, { ...unmined, n, nonce }, payload);
}

/** Encrypts and signs `payload` under a mined header: one AES-GCM and one Ed25519 operation. */
async function sealInto(identity: Identity, circle: CircleKey, header: MinedHeader, payload: unknown): Promise<Sealed> {
  const { v, c, k, t, a, n, nonce } = header;
  // Built in wire order (v c k t a n p s): the canonical text is JSON.stringify of it.
  const head = { v, c, k, t, a, n };
  const plain = new TextEncoder().encode(JSON.stringify(payload));
  const cipher = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: buf(nonce), additionalData: buf(aadBytes(head)), tagLength: 128 },
    circle.key,
    buf(plain),
  );
  const unsigned = { ...head, p: toB64url(new Uint8Array(cipher)) };
  const sig = await crypto.subtle.sign('Ed25519', identity.privateKey, buf(signingBytes(unsigned)));
  const envelope: Envelope = { ...unsigned, s: toB64url(new Uint8Array(sig)) };
  return { id: await recordIdOf(envelope), envelope, wire: encodeEnvelope(envelope) };
}
