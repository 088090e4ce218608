/**
 * Turns untrusted wire text into a VerifiedRecord: inspect (id, signature,
 * time), then decrypt with the circle key and parse the payload strictly.
 * Nothing reaches state or UI without passing through here.
 */
import { LIMITS } from '../domain/limits';
import { parsePayload } from '../domain/parsePayload';
import type { VerifiedRecord } from '../domain/records';
import { ok, refuse, type Result } from '../domain/result';
import { buf, fromB64url } from './base64url';
import { aadBytes } from './canonical';
import type { CircleKey } from './circle';
import { parseEnvelope, type Envelope } from './envelope';
import { inspectParsed, type InspectOptions } from './inspectEnvelope';

const dec = new TextDecoder('utf-8', { fatal: true });

function decrypt(e: Envelope, circle: CircleKey): Promise<ArrayBuffer | undefined> {
  return crypto.subtle
    .decrypt(
      { name: 'AES-GCM', iv: buf(fromB64url(e.n)), additionalData: buf(aadBytes(e)), tagLength: 128 },
      circle.key,
      buf(fromB64url(e.p)),
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
  // Decryption starts alongside hashing and signature checking (latency, not CPU); its
  // result is used only if every check passes, and GCM authenticates it on its own.
  const decrypting = e.c === circle.id ? decrypt(e, circle) : undefined;
  const inspected = await inspectParsed(e, opts);
  if (!inspected.ok) return inspected;
  const { id } = inspected.value;
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
    id,
    circle: e.c,
    author: e.a,
    created: e.t,
    kind: e.k,
    payload: payload.value,
    nonce: e.n,
  } as VerifiedRecord);
}
