/**
 * Fallback places sealed into a point (docs: alerts design, "Fallback sealing").
 * Each place gets its own random AES-256-GCM key that only the organizer's
 * device keeps; a disperse alert later reveals one key, and receivers open that
 * one place. Plaintexts are padded to one fixed size so a ciphertext's length
 * says nothing about its label, and the associated data binds each ciphertext
 * to its point (circle, author, time) and its index, so it cannot be moved to
 * another point or swapped with a sibling.
 */
import { isB64url, type CircleId, type PublicKey } from '../domain/brand';
import type { FallbackPlace } from '../domain/foldAlerts';
import { isValidLatLon, roundCoord } from '../domain/geo';
import { LIMITS } from '../domain/limits';
import { FALLBACK_SEALED_CHARS } from '../domain/parsePayload';
import type { FallbackReveal, PointRecord } from '../domain/records';
import { ok, refuse, type Result } from '../domain/result';
import { checkText } from '../domain/text';
import { buf, fromB64url, toB64url } from './base64url';

/** A place as typed in the propose form (coordinates may still be missing). */
export interface FallbackInput {
  readonly label: string;
  readonly lat: number | undefined;
  readonly lon: number | undefined;
}

/** The envelope fields of the point the fallbacks will ride in (c, a, t). */
export interface FallbackHeader {
  readonly circle: CircleId;
  readonly author: PublicKey;
  /** The point's created time; floored like the envelope's `t`. */
  readonly created: number;
}

export interface SealedFallbacks {
  /** For `point.payload.fallbacks`, in order. */
  readonly sealed: string[];
  /** base64url AES keys (43 chars), one per place: stay on this device until a disperse alert reveals one. */
  readonly keys: string[];
  /** The cleaned places (label trimmed/NFC, coordinates rounded), as receivers will see them. */
  readonly places: FallbackPlace[];
}

const NONCE_BYTES = 12;
const KEY_BYTES = 32;
const enc = new TextEncoder();

/** Associated data of fallback `i` of the point with header `h`. */
function aad(h: FallbackHeader, i: number): Uint8Array {
  return enc.encode(['vada/1 fallback', h.circle, h.author, Math.floor(h.created), i].join('\n'));
}

/** The same rules on the way in (sealing) and out (opening). */
function checkPlace(label: unknown, lat: unknown, lon: unknown, what: string): Result<FallbackPlace> {
  const text = checkText(label, `${what} label`, 1, LIMITS.fallbackLabelChars, false);
  if (!text.ok) return refuse('bad-field', text.detail);
  if (!isValidLatLon(lat, lon)) return refuse('bad-field', `${what} needs a valid place`);
  return ok({ label: text.text, lat: roundCoord(lat as number), lon: roundCoord(lon as number) });
}

/** UTF-8 JSON of the place, right-padded with spaces to exactly `fallbackPlainBytes`. */
function padded(place: FallbackPlace): Uint8Array | undefined {
  const json = enc.encode(JSON.stringify({ label: place.label, lat: place.lat, lon: place.lon }));
  // Cannot happen within the label limit (40 code points ≤ 160 bytes); checked so a later limit change fails loudly.
  if (json.length > LIMITS.fallbackPlainBytes) return undefined;
  const out = new Uint8Array(LIMITS.fallbackPlainBytes).fill(0x20);
  out.set(json);
  return out;
}

/**
 * Checks and seals 1..fallbackMax places for a point that will be sealed with
 * `header`'s circle, author and created time. Refuses ('bad-field') an empty or
 * too long list, an invalid label or a missing/invalid place.
 */
export async function sealFallbacks(
  places: readonly FallbackInput[],
  header: FallbackHeader,
): Promise<Result<SealedFallbacks>> {
  if (places.length < 1 || places.length > LIMITS.fallbackMax)
    return refuse('bad-field', `a point has 1 to ${LIMITS.fallbackMax} fallback places`);
  const checked: FallbackPlace[] = [];
  for (const [i, p] of places.entries()) {
    const place = checkPlace(p.label, p.lat, p.lon, `fallback ${i + 1}`);
    if (!place.ok) return place;
    checked.push(place.value);
  }
  const sealed: string[] = [];
  const keys: string[] = [];
  for (const [i, place] of checked.entries()) {
    const plain = padded(place);
    if (!plain) return refuse('too-large', `fallback ${i + 1} is too long`);
    const raw = crypto.getRandomValues(new Uint8Array(KEY_BYTES));
    const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
    const key = await crypto.subtle.importKey('raw', buf(raw), 'AES-GCM', false, ['encrypt']);
    const cipher = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: buf(nonce), additionalData: buf(aad(header, i)), tagLength: 128 },
      key,
      buf(plain),
    );
    const out = new Uint8Array(NONCE_BYTES + cipher.byteLength);
    out.set(nonce);
    out.set(new Uint8Array(cipher), NONCE_BYTES);
    sealed.push(toB64url(out));
    keys.push(toB64url(raw));
  }
  return ok({ sealed, keys, places: checked });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Parses an opened plaintext; everything in it is hostile (any key holder can seal anything). */
function parsePlain(plain: Uint8Array): Result<FallbackPlace> {
  if (plain.length !== LIMITS.fallbackPlainBytes)
    return refuse('bad-shape', `fallback plaintext must be ${LIMITS.fallbackPlainBytes} bytes`);
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(plain).replace(/ +$/, ''));
  } catch {
    return refuse('not-json', 'fallback is not UTF-8 JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return refuse('bad-shape', 'fallback must be an object');
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o).sort();
  if (keys.length !== 3 || keys[0] !== 'label' || keys[1] !== 'lat' || keys[2] !== 'lon')
    return refuse('bad-shape', 'fallback needs exactly label, lat and lon');
  return checkPlace(o.label, o.lat, o.lon, 'fallback');
}

/** Opens fallback `reveal.i` of `point` with the revealed key. Never throws. */
export async function openFallback(point: PointRecord, reveal: FallbackReveal): Promise<Result<FallbackPlace>> {
  const list = point.payload.fallbacks;
  if (!list || list.length === 0) return refuse('bad-field', 'the point has no fallbacks');
  if (!Number.isInteger(reveal.i) || reveal.i < 0 || reveal.i >= list.length)
    return refuse('bad-field', 'the point has no fallback with that index');
  const sealed = list[reveal.i];
  if (!isB64url(sealed, FALLBACK_SEALED_CHARS)) return refuse('bad-field', 'fallback is not a sealed place');
  if (!isB64url(reveal.key, 43)) return refuse('bad-field', 'fallback key must be 43 base64url characters');
  const bytes = fromB64url(sealed);
  let plain: Uint8Array;
  try {
    const key = await crypto.subtle.importKey('raw', buf(fromB64url(reveal.key)), 'AES-GCM', false, ['decrypt']);
    const header = { circle: point.circle, author: point.author, created: point.created };
    const opened = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: buf(bytes.subarray(0, NONCE_BYTES)),
        additionalData: buf(aad(header, reveal.i)),
        tagLength: 128,
      },
      key,
      buf(bytes.subarray(NONCE_BYTES)),
    );
    plain = new Uint8Array(opened);
  } catch {
    return refuse('undecryptable', 'fallback does not open with this key');
  }
  return parsePlain(plain);
}
