/**
 * Parses a decrypted payload (untrusted JSON text) for a given kind and creation
 * time, by the kind's schema (payloadSchemas.ts), and turns the schema's issues
 * into the protocol's typed refusals: `bad-shape` when a field is missing or
 * unknown (or there is no object), which outranks `bad-field` for a wrong value;
 * the detail is the schema's message (one of the faults, when there are several).
 */
import * as v from 'valibot';
import { LIMITS } from './limits';
import {
  AlertPayloadSchema,
  CancelPayloadSchema,
  CoorganizerPayloadSchema,
  DispersePayloadSchema,
  OrganizerPayloadSchema,
  PointPayloadSchema,
  SHAPE,
  type PointPayload,
} from './payloadSchemas';
import type { PayloadOf, RecordKind } from './records';
import { ok, refuse, type Result } from './result';

export { FALLBACK_SEALED_CHARS } from './payloadSchemas';

/** The schema of each kind; the annotation checks that each one yields its kind's payload type. */
const SCHEMAS: { readonly [K in RecordKind]: v.GenericSchema<unknown, PayloadOf[K]> } = {
  point: PointPayloadSchema,
  disperse: DispersePayloadSchema,
  cancel: CancelPayloadSchema,
  alert: AlertPayloadSchema,
  coorganizer: CoorganizerPayloadSchema,
  organizer: OrganizerPayloadSchema,
};

/** Where a point may start and how long it may last depend on when it was proposed, so they are checked here. */
function checkPointTimes(p: PointPayload, created: number): Result<PointPayload> {
  if (p.start < created - LIMITS.startBehindMs) return refuse('bad-field', 'start is before the proposal');
  if (p.start > created + LIMITS.startAheadMs) return refuse('bad-field', 'start is more than 24 h ahead');
  const d = p.end - p.start;
  if (d < LIMITS.minDurationMs || d > LIMITS.maxDurationMs)
    return refuse('bad-field', 'duration must be 15 min to 6 h');
  return ok(p);
}

/** Validates an already JSON-parsed payload value. */
export function parsePayloadValue<K extends RecordKind>(
  kind: K,
  value: unknown,
  created: number,
): Result<PayloadOf[K]> {
  if (!Object.hasOwn(SCHEMAS, kind)) return refuse('unknown-kind', 'unknown record kind');
  const schema: v.GenericSchema<unknown, PayloadOf[K]> = SCHEMAS[kind];
  const r = v.safeParse(schema, value);
  if (!r.success) {
    const shape = SHAPE[kind];
    if (r.issues.some((issue) => issue.message === shape)) return refuse('bad-shape', shape);
    return refuse('bad-field', r.issues[0].message);
  }
  if (kind === 'point') return checkPointTimes(r.output as PointPayload, created) as Result<PayloadOf[K]>;
  return ok(r.output);
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
