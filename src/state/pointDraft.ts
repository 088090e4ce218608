/**
 * What the point forms edit (a draft, its field errors) and the small helpers
 * the first screen and the forms share (an empty draft, the durations offered,
 * when an "at HH:MM" start falls). Apart from validateDraft.ts, which checks a
 * draft and loads with publishing (docs/decisions/code-splitting.md), so the
 * state barrel can re-export these without carrying the checks into the entry.
 */
import { LIMITS, type CircleId, type FallbackPlace, type PointPayload } from '../domain';

/** A fallback place typed into the propose form (also exported as alertTypes' FallbackDraft). */
export interface FallbackDraft {
  readonly label: string;
  readonly lat: number | undefined;
  readonly lon: number | undefined;
}

export type StartChoice =
  { readonly mode: 'now' } | { readonly mode: 'at'; /** local "HH:MM" */ readonly time: string };

export interface PointDraft {
  readonly title: string;
  readonly note: string;
  readonly start: StartChoice;
  readonly durationMin: number;
  readonly lat: number | undefined;
  readonly lon: number | undefined;
  /** Up to LIMITS.fallbackMax places sealed into the point, revealed only by the organizer's dispersal. */
  readonly fallbacks?: readonly FallbackDraft[];
  /** The circle to publish in; default: the store's `circles.publishTo()`. */
  readonly circle?: CircleId;
}

/** `reason`, `reappear` and `key` are used by alert actions (raiseAlert, addCoorganizer). */
export type DraftField =
  'title' | 'note' | 'start' | 'duration' | 'place' | 'fallbacks' | 'reason' | 'reappear' | 'key' | 'form';
export type FieldError = 'required' | 'tooLong' | 'oneLine' | 'controlChars' | 'invalid' | 'tooFar';
export type FieldErrors = Partial<Record<DraftField, FieldError>>;

export type DraftResult =
  | {
      readonly ok: true;
      /** Without `fallbacks`: they are sealed at publish time (src/protocol/fallbacks.ts). */
      readonly payload: PointPayload;
      /** The cleaned fallback places (trimmed labels, rounded coordinates), when any. */
      readonly fallbacks?: readonly FallbackPlace[];
    }
  | { readonly ok: false; readonly errors: FieldErrors };

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
