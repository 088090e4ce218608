/**
 * The decrypted payload of each record kind as a valibot schema, and the
 * payload types inferred from them: a type cannot allow what its parser
 * refuses (before this, `AlertPayload` allowed a `reason` on every alert kind
 * while the parser took one only on a dispersal). Strict: unknown fields are
 * refused, so a v1 client never silently drops meaning a later version put
 * there. Every message is a refusal detail; a kind's SHAPE message marks a
 * `bad-shape` refusal, any other a `bad-field` one (parsePayload.ts). Why
 * valibot, and where it is not used: docs/decisions/validation.md.
 */
import * as v from 'valibot';
import { asPublicKey, asRecordId, isB64url, type PublicKey, type RecordId } from './brand';
import { roundCoord } from './geo';
import { LIMITS } from './limits';
import { DISPERSE_REASONS, type RecordKind } from './records';
import { checkText } from './text';

/** base64url length of one sealed fallback: 12-byte nonce + padded plaintext + 16-byte tag. */
export const FALLBACK_SEALED_CHARS = Math.ceil(((12 + LIMITS.fallbackPlainBytes + 16) * 4) / 3);

/** The detail of a `bad-shape` refusal (a missing or unknown field, or no object at all), per kind. */
export const SHAPE: Readonly<Record<RecordKind, string>> = {
  point: 'point payload needs exactly title, note, lat, lon, start, end (and optional fallbacks)',
  disperse: 'disperse payload needs point',
  cancel: 'cancel payload needs point',
  alert: 'alert payload needs point and alert (and optional reason, reappear, fallback)',
  coorganizer: 'coorganizer payload needs exactly point and key',
  organizer: 'organizer payload needs exactly key',
};

const POINT_ID = 'point must be a record id';
const REAPPEAR = 'reappear must be another record id';
const KEY = 'key must be a public key';
const LAT_LON = 'lat/lon out of range';
const MS = 'start/end must be integer milliseconds';
const FALLBACKS = `fallbacks must be an array of 1 to ${LIMITS.fallbackMax} sealed places`;
const REVEAL = `fallback must be {i: 0 to ${LIMITS.fallbackMax - 1}, key: 43 base64url characters}`;
const ALERT_KIND = 'alert must be disperse, caution or clear';
const ONLY_DISPERSE = 'only a disperse alert has a reason, reappear or fallback';
const REASON = 'a disperse alert needs a reason: police, kettling, violence or other';
const EXCLUSIVE = 'reappear and fallback exclude each other';

const recordId = (message: string) => v.custom<RecordId>((x) => asRecordId(x) !== undefined, message);
const publicKey = (message: string) => v.custom<PublicKey>((x) => asPublicKey(x) !== undefined, message);

/** Peer text by the rules of text.ts (NFC, trimmed, no controls or bidi tricks), refused with its own detail. */
const peerText = (field: string, min: number, max: number, newlines: boolean) =>
  v.pipe(
    v.unknown(),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const r = checkText(dataset.value, field, min, max, newlines);
      if (r.ok) return r.text;
      addIssue({ message: r.detail });
      return NEVER;
    }),
  );

/** A latitude (range 90) or longitude (range 180), published at street precision. */
const coordinate = (range: number) =>
  v.pipe(
    v.number(LAT_LON),
    v.check((x) => Number.isFinite(x) && Math.abs(x) <= range, LAT_LON),
    v.transform(roundCoord),
  );
const epochMs = v.pipe(v.number(MS), v.safeInteger(MS), v.minValue(0, MS));

/** Up to LIMITS.fallbackMax places, each sealed with its own key that only the organizer holds (protocol/fallbacks.ts). */
const sealedFallbacks = v.pipe(
  v.array(
    v.custom<string>((x) => isB64url(x, FALLBACK_SEALED_CHARS), 'fallback is not a sealed place'),
    FALLBACKS,
  ),
  v.minLength(1, FALLBACKS),
  v.maxLength(LIMITS.fallbackMax, FALLBACKS),
  v.check((list) => new Set(list).size === list.length, 'fallbacks repeat'),
  v.readonly(),
);

/**
 * A proposed pop-up gathering point. Times are ms since the epoch; where `start`
 * may lie depends on when the point was proposed, so parsePayload checks the
 * time window after the shape.
 */
export const PointPayloadSchema = v.pipe(
  v.strictObject(
    {
      title: peerText('title', 1, LIMITS.titleChars, false),
      note: peerText('note', 0, LIMITS.noteChars, true),
      lat: coordinate(90),
      lon: coordinate(180),
      start: epochMs,
      end: epochMs,
      fallbacks: v.optional(sealedFallbacks),
    },
    SHAPE.point,
  ),
  v.readonly(),
);

/** The point's author says: scatter now; optionally, reappear at another point (legacy kind; alerts do this now). */
export const DispersePayloadSchema = v.pipe(
  v.strictObject({ point: recordId(POINT_ID), reappear: v.optional(recordId(REAPPEAR)) }, SHAPE.disperse),
  v.check((d) => d.reappear !== d.point, REAPPEAR),
  v.readonly(),
);

/** The point's author calls it off. */
export const CancelPayloadSchema = v.pipe(v.strictObject({ point: recordId(POINT_ID) }, SHAPE.cancel), v.readonly());

/** Opens fallback number `i` of the point: the 32-byte AES-256-GCM key (base64url, 43 chars) the organizer kept for it. */
export const FallbackRevealSchema = v.pipe(
  v.strictObject(
    {
      i: v.pipe(v.number(REVEAL), v.integer(REVEAL), v.minValue(0, REVEAL), v.maxValue(LIMITS.fallbackMax - 1, REVEAL)),
      key: v.custom<string>((x) => isB64url(x, 43), REVEAL),
    },
    REVEAL,
  ),
  v.readonly(),
);

/** The fields any alert may have, and its point: checked first, so a wrong set of fields outranks a wrong kind. */
const alertFields = v.strictObject(
  {
    point: recordId(POINT_ID),
    alert: v.unknown(),
    reason: v.optional(v.unknown()),
    reappear: v.optional(v.unknown()),
    fallback: v.optional(v.unknown()),
  },
  SHAPE.alert,
);

/** Absent from caution and all clear. */
const onlyOnDisperse = v.optional(v.never(ONLY_DISPERSE));
const calm = <K extends 'caution' | 'clear'>(kind: K) =>
  v.strictObject(
    {
      point: recordId(POINT_ID),
      alert: v.literal(kind),
      reason: onlyOnDisperse,
      reappear: onlyOnDisperse,
      fallback: onlyOnDisperse,
    },
    SHAPE.alert,
  );
/** A disperse alert with the given reappear and fallback fields; a missing reason is a bad field, not a bad shape. */
const disperse = <R extends v.ObjectEntries>(rest: R) =>
  v.strictObject(
    { point: recordId(POINT_ID), alert: v.literal('disperse'), reason: v.picklist(DISPERSE_REASONS, REASON), ...rest },
    (issue) => (issue.expected === '"reason"' ? REASON : SHAPE.alert),
  );

/**
 * Anyone's alert about a point; its weight depends on who signed it
 * (domain/foldAlerts.ts). Only a dispersal has a reason, and it may send its
 * crowd on: to an existing point (`reappear`) or to one of the point's sealed
 * fallbacks, which it reveals (`fallback`), never both.
 */
export const AlertPayloadSchema = v.pipe(
  alertFields,
  v.variant(
    'alert',
    [
      calm('caution'),
      calm('clear'),
      v.variant('reappear', [
        disperse({ reappear: recordId(REAPPEAR), fallback: v.optional(v.never(EXCLUSIVE)) }),
        disperse({ reappear: v.optional(v.never(REAPPEAR)), fallback: v.optional(FallbackRevealSchema) }),
      ]),
    ],
    // The variant names the field that fits no kind: `alert`, or a dispersal's `reappear`.
    (issue) => (issue.path?.[0]?.key === 'reappear' ? REAPPEAR : ALERT_KIND),
  ),
  v.check((a) => a.reappear !== a.point, REAPPEAR),
  v.readonly(),
);

/** The point's organizer names another key whose alerts about it are confirmed. */
export const CoorganizerPayloadSchema = v.pipe(
  v.strictObject({ point: recordId(POINT_ID), key: publicKey(KEY) }, SHAPE.coorganizer),
  v.readonly(),
);

/**
 * A private circle's creator names a circle organizer: that key's alerts are
 * confirmed for every point in the circle. Counts only when signed by the
 * circle's creator and written in that circle (domain/circleOrganizers.ts).
 */
export const OrganizerPayloadSchema = v.pipe(v.strictObject({ key: publicKey(KEY) }, SHAPE.organizer), v.readonly());

/** A proposed pop-up gathering point (PointPayloadSchema). */
export type PointPayload = v.InferOutput<typeof PointPayloadSchema>;
/** A legacy dispersal by the point's author (DispersePayloadSchema). */
export type DispersePayload = v.InferOutput<typeof DispersePayloadSchema>;
/** The point's author calls it off (CancelPayloadSchema). */
export type CancelPayload = v.InferOutput<typeof CancelPayloadSchema>;
/** Opens one fallback of a point (FallbackRevealSchema). */
export type FallbackReveal = v.InferOutput<typeof FallbackRevealSchema>;
/** A caution, an all clear, or a dispersal with its reason (AlertPayloadSchema). */
export type AlertPayload = v.InferOutput<typeof AlertPayloadSchema>;
/** A co-organizer named for one point (CoorganizerPayloadSchema). */
export type CoorganizerPayload = v.InferOutput<typeof CoorganizerPayloadSchema>;
/** A circle organizer named by the circle's creator (OrganizerPayloadSchema). */
export type OrganizerPayload = v.InferOutput<typeof OrganizerPayloadSchema>;
