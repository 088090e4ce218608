/**
 * Parses a decrypted payload (untrusted JSON text) for a given kind and creation
 * time. Strict: unknown fields are refused so that a v1 client never silently
 * drops meaning that a later version put there.
 */
import { asRecordId } from './brand';
import { isValidLatLon, roundCoord } from './geo';
import { LIMITS } from './limits';
import type { PayloadOf, RecordKind } from './records';
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

function parsePoint(o: unknown, created: number): Result<PayloadOf['point']> {
  if (!exactKeys(o, ['title', 'note', 'lat', 'lon', 'start', 'end']))
    return refuse('bad-shape', 'point payload needs exactly title, note, lat, lon, start, end');
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
  return ok({
    title: title.text,
    note: note.text,
    lat: roundCoord(o.lat as number),
    lon: roundCoord(o.lon as number),
    start: o.start,
    end: o.end,
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

/** Validates an already JSON-parsed payload value. */
export function parsePayloadValue<K extends RecordKind>(kind: K, value: unknown, created: number): Result<PayloadOf[K]> {
  switch (kind) {
    case 'point':
      return parsePoint(value, created) as Result<PayloadOf[K]>;
    case 'disperse':
      return parseDisperse(value) as Result<PayloadOf[K]>;
    case 'cancel':
      return parseCancel(value) as Result<PayloadOf[K]>;
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
