/**
 * Turns untrusted wire text into a VerifiedRecord: inspect (work, time, id,
 * signature), then decrypt with the circle key and parse the payload strictly.
 * Nothing reaches state or UI without passing through here.
 */
import { LIMITS } from '../domain/limits';
import { parsePayload } from '../domain/parsePayload';
import type { VerifiedRecord } from '../domain/records';
import { ok, refuse, type Result } from '../domain/result';
import { fromCheckedB64url } from './base64url';
import { recordBytes, type RecordBytes } from './canonical';
import type { CircleKey } from './circle';
import { parseEnvelope, type Envelope } from './envelope';
import { badSignature, checkUnsigned, type InspectOptions } from './inspectEnvelope';
import { verifySignature } from './verifySignature';

const dec = new TextDecoder('utf-8', { fatal: true });

function decrypt(e: Envelope, rb: RecordBytes, circle: CircleKey): Promise<ArrayBuffer | undefined> {
  return crypto.subtle
    .decrypt(
      // n and p were found canonical by parseEnvelope.
      { name: 'AES-GCM', iv: fromCheckedB64url(e.n), additionalData: rb.aad, tagLength: 128 },
      circle.key,
      fromCheckedB64url(e.p),
    )
    .catch(() => undefined);
}

export async function openEnvelope(
  wire: unknown,
  circle: CircleKey,
  opts: InspectOptions,
): Promise<Result<VerifiedRecord>> {
  const parsed = parseEnvelope(wire);
  if (!parsed.ok) return parsed;
  const e = parsed.value;
  // One encoding of the record serves the work, the id, the signature and the AAD.
  const rb = recordBytes(e);
  const id = checkUnsigned(e, rb, opts);
  if (!id.ok) return id;
  // Signature check and decryption are both issued before either is awaited (one wait, not
  // two); the plaintext is looked at only once the signature has verified, and GCM
  // authenticates it on its own. A record without the work or under a wrong id costs neither.
  const verifying = verifySignature(e.a, e.s, rb.signing);
  const decrypting = e.c === circle.id ? decrypt(e, rb, circle) : undefined;
  if (!(await verifying)) return badSignature();
  if (!decrypting) return refuse('wrong-circle', 'record belongs to another circle');
  const plain = await decrypting;
  if (!plain) return refuse('undecryptable', 'payload does not decrypt with this circle key');
  if (plain.byteLength > LIMITS.payloadBytes) return refuse('too-large', 'payload is too large');
  let text: string;
  try {
    text = dec.decode(plain);
  } catch {
    return refuse('undecryptable', 'payload is not UTF-8');
  }
  const payload = parsePayload(e.k, text, e.t);
  if (!payload.ok) return payload;
  return ok({
    id: id.value,
    circle: e.c,
    author: e.a,
    created: e.t,
    kind: e.k,
    payload: payload.value,
    nonce: e.n,
  } as VerifiedRecord);
}
