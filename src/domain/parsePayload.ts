/**
 * Parses a decrypted payload (untrusted JSON text) for a given kind and creation
 * time. Strict: unknown fields are refused so that a v1 client never silently
 * drops meaning that a later version put there.
 */
import { asPublicKey, asRecordId, isB64url } from './brand';
import { isValidLatLon, roundCoord } from './geo';
import { LIMITS } from './limits';
import { ALERT_KINDS, DISPERSE_REASONS, type FallbackReveal, type PayloadOf, type RecordKind } from './records';
import { ok, refuse, type Result } from './result';
import { checkText } from './text';

type Obj = Record<string, unknown>;

function exactKeys(o: unknown, required: string[], optional: string[] = []): o is Obj {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return false;
  const keys = Object.keys(o);
  return (
    required.every((k) => Object.prototype.hasOwnProperty.call(o, k)) &&
    keys.every((k) => required.includes(k) || optional.includes(k))
  );
}

const isMs = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;

/** base64url length of one sealed fallback: 12-byte nonce + padded plaintext + 16-byte tag. */
export const FALLBACK_SEALED_CHARS = Math.ceil(((12 + LIMITS.fallbackPlainBytes + 16) * 4) / 3);

function parseFallbacks(v: unknown): Result<readonly string[]> {
  if (!Array.isArray(v) || v.length < 1 || v.length > LIMITS.fallbackMax)
    return refuse('bad-field', `fallbacks must be an array of 1 to ${LIMITS.fallbackMax} sealed places`);
  for (const f of v) if (!isB64url(f, FALLBACK_SEALED_CHARS)) return refuse('bad-field', 'fallback is not a sealed place');
  if (new Set(v).size !== v.length) return refuse('bad-field', 'fallbacks repeat');
  return ok(v as string[]);
}

function parsePoint(o: unknown, created: number): Result<PayloadOf['point']> {
  if (!exactKeys(o, ['title', 'note', 'lat', 'lon', 'start', 'end'], ['fallbacks']))
    return refuse('bad-shape', 'point payload needs exactly title, note, lat, lon, start, end (and optional fallbacks)');
  const title = checkText(o.title, 'title', 1, LIMITS.titleChars, false);
  if (!title.ok) return refuse('bad-field', title.detail);
  const note = checkText(o.note, 'note', 0, LIMITS.noteChars, true);
  if (!note.ok) return refuse('bad-field', note.detail);
  if (!isValidLatLon(o.lat, o.lon)) return refuse('bad-field', 'lat/lon out of range');
  if (!isMs(o.start) || !isMs(o.end)) return refuse('bad-field', 'start/end must be integer milliseconds');
  if (o.start < created - LIMITS.startBehindMs) return refuse('bad-field', 'start is before the proposal');
  if (o.start > created + LIMITS.startAheadMs) return refuse('bad-field', 'start is more than 24 h ahead');
  const d = o.end - o.start;
  if (d < LIMITS.minDurationMs || d > LIMITS.maxDurationMs)
    return refuse('bad-field', 'duration must be 15 min to 6 h');
  let fallbacks: readonly string[] | undefined;
  if (o.fallbacks !== undefined) {
    const f = parseFallbacks(o.fallbacks);
    if (!f.ok) return f;
    fallbacks = f.value;
  }
  return ok({
    title: title.text,
    note: note.text,
    lat: roundCoord(o.lat as number),
    lon: roundCoord(o.lon as number),
    start: o.start,
    end: o.end,
    ...(fallbacks ? { fallbacks } : {}),
  });
}

function parseDisperse(o: unknown): Result<PayloadOf['disperse']> {
  if (!exactKeys(o, ['point'], ['reappear'])) return refuse('bad-shape', 'disperse payload needs point');
  const point = asRecordId(o.point);
  if (!point) return refuse('bad-field', 'point must be a record id');
  if (o.reappear === undefined) return ok({ point });
  const reappear = asRecordId(o.reappear);
  if (!reappear || reappear === point) return refuse('bad-field', 'reappear must be another record id');
  return ok({ point, reappear });
}

function parseCancel(o: unknown): Result<PayloadOf['cancel']> {
  if (!exactKeys(o, ['point'])) return refuse('bad-shape', 'cancel payload needs point');
  const point = asRecordId(o.point);
  if (!point) return refuse('bad-field', 'point must be a record id');
  return ok({ point });
}

function parseReveal(v: unknown): FallbackReveal | undefined {
  if (!exactKeys(v, ['i', 'key'])) return undefined;
  if (!Number.isInteger(v.i) || (v.i as number) < 0 || (v.i as number) >= LIMITS.fallbackMax) return undefined;
  if (!isB64url(v.key, 43)) return undefined;
  return { i: v.i as number, key: v.key };
}

const isOneOf = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);

function parseAlert(o: unknown): Result<PayloadOf['alert']> {
  if (!exactKeys(o, ['point', 'alert'], ['reason', 'reappear', 'fallback']))
    return refuse('bad-shape', 'alert payload needs point and alert (and optional reason, reappear, fallback)');
  const point = asRecordId(o.point);
  if (!point) return refuse('bad-field', 'point must be a record id');
  if (!isOneOf(ALERT_KINDS, o.alert)) return refuse('bad-field', 'alert must be disperse, caution or clear');
  if (o.alert !== 'disperse') {
    if (o.reason !== undefined || o.reappear !== undefined || o.fallback !== undefined)
      return refuse('bad-field', 'only a disperse alert has a reason, reappear or fallback');
    return ok({ point, alert: o.alert });
  }
  if (!isOneOf(DISPERSE_REASONS, o.reason)) return refuse('bad-field', 'a disperse alert needs a reason: police, kettling, violence or other');
  if (o.reappear !== undefined && o.fallback !== undefined) return refuse('bad-field', 'reappear and fallback exclude each other');
  if (o.reappear !== undefined) {
    const reappear = asRecordId(o.reappear);
    if (!reappear || reappear === point) return refuse('bad-field', 'reappear must be another record id');
    return ok({ point, alert: 'disperse', reason: o.reason, reappear });
  }
  if (o.fallback !== undefined) {
    const fallback = parseReveal(o.fallback);
    if (!fallback) return refuse('bad-field', 'fallback must be {i: 0 to 2, key: 43 base64url characters}');
    return ok({ point, alert: 'disperse', reason: o.reason, fallback });
  }
  return ok({ point, alert: 'disperse', reason: o.reason });
}

function parseCoorganizer(o: unknown): Result<PayloadOf['coorganizer']> {
  if (!exactKeys(o, ['point', 'key'])) return refuse('bad-shape', 'coorganizer payload needs exactly point and key');
  const point = asRecordId(o.point);
  if (!point) return refuse('bad-field', 'point must be a record id');
  const key = asPublicKey(o.key);
  if (!key) return refuse('bad-field', 'key must be a public key');
  return ok({ point, key });
}

function parseOrganizer(o: unknown): Result<PayloadOf['organizer']> {
  if (!exactKeys(o, ['key'])) return refuse('bad-shape', 'organizer payload needs exactly key');
  const key = asPublicKey(o.key);
  if (!key) return refuse('bad-field', 'key must be a public key');
  return ok({ key });
}

/** Validates an already JSON-parsed payload value. */
export function parsePayloadValue<K extends RecordKind>(kind: K, value: unknown, created: number): Result<PayloadOf[K]> {
  switch (kind) {
    case 'point':
      return parsePoint(value, created) as Result<PayloadOf[K]>;
    case 'disperse':
      return parseDisperse(value) as Result<PayloadOf[K]>;
    case 'cancel':
      return parseCancel(value) as Result<PayloadOf[K]>;
    case 'alert':
      return parseAlert(value) as Result<PayloadOf[K]>;
    case 'coorganizer':
      return parseCoorganizer(value) as Result<PayloadOf[K]>;
    case 'organizer':
      return parseOrganizer(value) as Result<PayloadOf[K]>;
    default:
      return refuse('unknown-kind', 'unknown record kind');
  }
}

/** Validates payload JSON text (already size-checked by the caller). */
export function parsePayload<K extends RecordKind>(kind: K, json: string, created: number): Result<PayloadOf[K]> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return refuse('not-json', 'payload is not JSON');
  }
  return parsePayloadValue(kind, value, created);
}
