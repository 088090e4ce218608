/**
 * Builds, encrypts and signs a record; the result is ready for any transport.
 * The nonce is mined first (proof-of-work, src/protocol/pow.ts), so the
 * ciphertext and signature are made once, over the final header.
 */
import type { RecordId } from '../domain/brand';
import { parsePayloadValue } from '../domain/parsePayload';
import type { PayloadOf, RecordKind } from '../domain/records';
import { buf, toB64url } from './base64url';
import { aadBytes, signingBytes } from './canonical';
import type { CircleKey } from './circle';
import { encodeEnvelope, PROTOCOL_VERSION, type Envelope } from './envelope';
import type { Identity } from './identity';
import { mineNonce } from './pow';
import { recordIdOf } from './recordId';

export interface Sealed {
  readonly id: RecordId;
  readonly envelope: Envelope;
  /** The canonical wire text (what is stored under `id`). */
  readonly wire: string;
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
  const head = { ...unmined, n };
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
