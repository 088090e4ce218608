/**
 * Turns what a person typed into a PointPayload that every peer will accept,
 * or per-field error codes (the UI words them through i18n). Uses the domain's
 * own rules, then runs the domain parser on the result as a last check, so
 * the form can never publish something receivers refuse.
 */
import { checkText, codePoints, isValidLatLon, LIMITS, parsePayloadValue, roundCoord, type PointPayload } from '../domain';

export type StartChoice = { readonly mode: 'now' } | { readonly mode: 'at'; /** local "HH:MM" */ readonly time: string };

export interface PointDraft {
  readonly title: string;
  readonly note: string;
  readonly start: StartChoice;
  readonly durationMin: number;
  readonly lat: number | undefined;
  readonly lon: number | undefined;
}

export type DraftField = 'title' | 'note' | 'start' | 'duration' | 'place' | 'form';
export type FieldError = 'required' | 'tooLong' | 'oneLine' | 'controlChars' | 'invalid' | 'tooFar';
export type FieldErrors = Partial<Record<DraftField, FieldError>>;

export type DraftResult = { readonly ok: true; readonly payload: PointPayload } | { readonly ok: false; readonly errors: FieldErrors };

/** The durations offered (minutes), from LIMITS.minDurationMs to LIMITS.maxDurationMs. */
export const DURATION_CHOICES_MIN = [15, 30, 45, 60, 90, 120, 180, 240, 300, 360] as const;

export function emptyDraft(lat?: number, lon?: number): PointDraft {
  return { title: '', note: '', start: { mode: 'now' }, durationMin: 60, lat, lon };
}

/**
 * The start instant for a choice: "now", or the next time the clock shows
 * HH:MM. A time up to a few minutes ago (LIMITS.startBehindMs) means today,
 * so typing the current minute does not jump to tomorrow.
 */
export function resolveStart(start: StartChoice, now: number): number | undefined {
  if (start.mode === 'now') return now;
  const m = /^(\d{2}):(\d{2})$/.exec(start.time);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return undefined;
  const d = new Date(now);
  d.setHours(h, min, 0, 0);
  // setDate (not +24 h) keeps the wall-clock time across a DST change.
  if (d.getTime() < now - LIMITS.startBehindMs) d.setDate(d.getDate() + 1);
  return d.getTime();
}

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
  if (Object.keys(errors).length > 0 || start === undefined) return { ok: false, errors };

  const candidate = {
    title: draft.title.normalize('NFC').trim(),
    note: draft.note.normalize('NFC').trim(),
    lat: roundCoord(draft.lat as number),
    lon: roundCoord(draft.lon as number),
    start,
    end: start + durationMs,
  };
  const parsed = parsePayloadValue('point', candidate, now);
  return parsed.ok ? { ok: true, payload: parsed.value } : { ok: false, errors: { form: 'invalid' } };
}
