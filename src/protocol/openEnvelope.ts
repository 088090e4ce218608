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
import type { Circle } from './circle';
import { inspectEnvelope, type InspectOptions } from './inspectEnvelope';

const dec = new TextDecoder('utf-8', { fatal: true });

export async function openEnvelope(wire: unknown, circle: Circle, opts: InspectOptions): Promise<Result<VerifiedRecord>> {
  const inspected = await inspectEnvelope(wire, opts);
  if (!inspected.ok) return inspected;
  const { id, envelope: e } = inspected.value;
  if (e.c !== circle.id) return refuse('wrong-circle', 'record belongs to another circle');
  let text: string;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: buf(fromB64url(e.n)), additionalData: buf(aadBytes(e)), tagLength: 128 },
      circle.key,
      buf(fromB64url(e.p)),
    );
    if (plain.byteLength > LIMITS.payloadBytes) return refuse('too-large', 'payload is too large');
    text = dec.decode(plain);
  } catch {
    return refuse('undecryptable', 'payload does not decrypt with this circle key');
  }
  const payload = parsePayload(e.k, text, e.t);
  if (!payload.ok) return payload;
  return ok({ id, circle: e.c, author: e.a, created: e.t, kind: e.k, payload: payload.value } as VerifiedRecord);
}
