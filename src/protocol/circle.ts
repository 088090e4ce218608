/**
 * A circle is who can read a set of records: its 256-bit AES-GCM key is shared
 * out of band. v1 ships one open circle whose key is public (no secrecy claimed);
 * private circles use the same wire format with a random key.
 */
import type { CircleId } from '../domain/brand';
import { buf } from './base64url';

export interface Circle {
  readonly id: CircleId;
  readonly key: CryptoKey;
}

/** Raw key of the open circle: SHA-256("vada/1 open circle key"), hex. */
export const OPEN_CIRCLE_KEY_HEX = 'b2c827a494803082c8a450a5d2cc634744baa8f27670f5b765b8801e69beb9f6';
/** Id of the open circle: first 16 bytes of SHA-256("vada/1 open circle id"), base64url. */
export const OPEN_CIRCLE_ID = 'dppG_Uyoep5QtOzl6T97OA' as CircleId;

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export async function importCircle(id: CircleId, rawKey: Uint8Array): Promise<Circle> {
  if (rawKey.length !== 32) throw new Error('circle key must be 32 bytes');
  const key = await crypto.subtle.importKey('raw', buf(rawKey), { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
  return { id, key };
}

export function openCircle(): Promise<Circle> {
  return importCircle(OPEN_CIRCLE_ID, hexToBytes(OPEN_CIRCLE_KEY_HEX));
}
