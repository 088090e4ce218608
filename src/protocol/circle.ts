/**
 * A circle is who can read a set of records: its 256-bit AES-GCM key is shared
 * out of band. The open circle's key is public (no secrecy claimed); private
 * circles use the same wire format with a random key from WebCrypto's
 * generator, shared by invite (src/domain/circleInvite.ts).
 */
import type { CircleId } from '../domain/brand';
import { buf, fromB64url, toB64url } from './base64url';

export interface Circle {
  readonly id: CircleId;
  /** AES-256-GCM key: seals and opens the circle's records. */
  readonly key: CryptoKey;
  /**
   * HMAC-SHA-256 key for phone links (protocol §15): HKDF-SHA-256 of the raw key
   * with info `LINK_KEY_INFO`, so the AES key serves one purpose only.
   */
  readonly linkKey: CryptoKey;
}

/** What reading and sealing records needs of a circle (the verify worker is given only this). */
export type CircleKey = Pick<Circle, 'id' | 'key'>;

/** HKDF info of a circle's link key (empty salt): protocol §15.2. */
export const LINK_KEY_INFO = 'vada/1 link key';

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
  const ikm = await crypto.subtle.importKey('raw', buf(rawKey), 'HKDF', false, ['deriveKey']);
  const linkKey = await crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new ArrayBuffer(0), info: buf(new TextEncoder().encode(LINK_KEY_INFO)) },
    ikm,
    { name: 'HMAC', hash: 'SHA-256', length: 256 },
    false,
    ['sign'],
  );
  return { id, key, linkKey };
}

export function openCircle(): Promise<Circle> {
  return importCircle(OPEN_CIRCLE_ID, hexToBytes(OPEN_CIRCLE_KEY_HEX));
}

/** A fresh private circle: the imported key, and its raw bytes as base64url (for invites and storage). */
export interface NewCircle {
  readonly circle: Circle;
  /** 32 random bytes, base64url (43 chars). */
  readonly rawKey: string;
}

/** Makes a private circle: 16 random id bytes, 32 random key bytes (crypto.getRandomValues). */
export async function createCircle(): Promise<NewCircle> {
  const id = toB64url(crypto.getRandomValues(new Uint8Array(16))) as CircleId;
  const raw = crypto.getRandomValues(new Uint8Array(32));
  return { circle: await importCircle(id, raw), rawKey: toB64url(raw) };
}

/** Imports a circle whose raw key is kept as base64url (an invite, a stored row). */
export function importCircleB64(id: CircleId, rawKey: string): Promise<Circle> {
  return importCircle(id, fromB64url(rawKey));
}
