/**
 * Turns what a person typed into a PointPayload that every peer will accept,
 * or per-field error codes (the UI words them through i18n). Uses the domain's
 * own rules, then runs the domain parser on the result as a last check, so
 * the form can never publish something receivers refuse. The draft's types
 * and helpers are in pointDraft.ts; this module is loaded with publishing and
 * the point forms, not at start (docs/decisions/code-splitting.md).
 */
import { checkText, codePoints, isValidLatLon, LIMITS, roundCoord, type FallbackPlace } from '../domain';
import { FALLBACK_SEALED_CHARS, parsePayloadValue } from '../domain/parsePayload';
import {
  resolveStart,
  type DraftResult,
  type FallbackDraft,
  type FieldError,
  type FieldErrors,
  type PointDraft,
} from './pointDraft';

export {
  DURATION_CHOICES_MIN,
  emptyDraft,
  resolveStart,
  type DraftField,
  type DraftResult,
  type FallbackDraft,
  type FieldError,
  type FieldErrors,
  type PointDraft,
  type StartChoice,
} from './pointDraft';

function textError(value: string, max: number, allowNewlines: boolean, required: boolean): FieldError | undefined {
  const r = checkText(value, 'text', required ? 1 : 0, max, allowNewlines);
  if (r.ok) return undefined;
  const trimmed = value.normalize('NFC').trim();
  if (required && trimmed === '') return 'required';
  if (codePoints(trimmed) > max) return 'tooLong';
  if (!allowNewlines && /[\n\t]/.test(trimmed)) return 'oneLine';
  return 'controlChars';
}

/** Validates a draft at `now` (the record's creation time). */
export function validateDraft(draft: PointDraft, now: number): DraftResult {
  const errors: FieldErrors = {};
  const titleError = textError(draft.title, LIMITS.titleChars, false, true);
  if (titleError) errors.title = titleError;
  const noteError = textError(draft.note, LIMITS.noteChars, true, false);
  if (noteError) errors.note = noteError;
  const start = resolveStart(draft.start, now);
  if (start === undefined) errors.start = draft.start.mode === 'at' && draft.start.time === '' ? 'required' : 'invalid';
  else if (start > now + LIMITS.startAheadMs) errors.start = 'tooFar';
  const durationMs = draft.durationMin * 60_000;
  if (!Number.isInteger(draft.durationMin) || durationMs < LIMITS.minDurationMs || durationMs > LIMITS.maxDurationMs)
    errors.duration = 'invalid';
  if (draft.lat === undefined || draft.lon === undefined) errors.place = 'required';
  else if (!isValidLatLon(draft.lat, draft.lon)) errors.place = 'invalid';
  const fallbacks = checkFallbacks(draft.fallbacks ?? []);
  if (!fallbacks.ok) errors.fallbacks = fallbacks.error;
  if (Object.keys(errors).length > 0 || start === undefined || !fallbacks.ok) return { ok: false, errors };

  const candidate = {
    title: draft.title.normalize('NFC').trim(),
    note: draft.note.normalize('NFC').trim(),
    lat: roundCoord(draft.lat as number),
    lon: roundCoord(draft.lon as number),
    start,
    end: start + durationMs,
  };
  const parsed = parsePayloadValue('point', candidate, now);
  if (!parsed.ok) return { ok: false, errors: { form: 'invalid' } };
  const places = fallbacks.places;
  if (places.length === 0) return { ok: true, payload: parsed.value };
  // Sealed fallbacks have a fixed length, so the published size is known before sealing.
  // (Distinct placeholders: peers refuse repeated fallbacks.)
  const sized = {
    ...candidate,
    fallbacks: places.map((_, i) => 'ABCD'.charAt(i) + 'A'.repeat(FALLBACK_SEALED_CHARS - 1)),
  };
  if (new TextEncoder().encode(JSON.stringify(sized)).byteLength > LIMITS.payloadBytes)
    return { ok: false, errors: candidate.note === '' ? { form: 'tooLong' } : { note: 'tooLong', form: 'tooLong' } };
  if (!parsePayloadValue('point', sized, now).ok) return { ok: false, errors: { form: 'invalid' } };
  return { ok: true, payload: parsed.value, fallbacks: places };
}

/** Each fallback: a one-line label of 1..fallbackLabelChars and a place; the first problem found is reported. */
function checkFallbacks(
  list: readonly FallbackDraft[],
): { ok: true; places: FallbackPlace[] } | { ok: false; error: FieldError } {
  if (list.length > LIMITS.fallbackMax) return { ok: false, error: 'tooLong' };
  const places: FallbackPlace[] = [];
  for (const f of list) {
    const labelError = textError(f.label, LIMITS.fallbackLabelChars, false, true);
    if (labelError) return { ok: false, error: labelError };
    if (f.lat === undefined || f.lon === undefined) return { ok: false, error: 'required' };
    if (!isValidLatLon(f.lat, f.lon)) return { ok: false, error: 'invalid' };
    places.push({ label: f.label.normalize('NFC').trim(), lat: roundCoord(f.lat), lon: roundCoord(f.lon) });
  }
  return { ok: true, places };
}
