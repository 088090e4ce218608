/** The payload parser on arbitrary input: never throws, refuses with a code, or stays within limits. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asPublicKey, asRecordId, isB64url } from '../../../src/domain/brand';
import { isValidLatLon, roundCoord } from '../../../src/domain/geo';
import { LIMITS } from '../../../src/domain/limits';
import { FALLBACK_SEALED_CHARS, parsePayload, parsePayloadValue } from '../../../src/domain/parsePayload';
import { ALERT_KINDS, DISPERSE_REASONS, RECORD_KINDS, type RecordKind } from '../../../src/domain/records';
import type { Result } from '../../../src/domain/result';
import { checkText, codePoints } from '../../../src/domain/text';
import {
  alertArb,
  coorganizerArb,
  createdArb,
  fallbacksArb,
  pointPayloadArb,
  pointWithFallbacksArb,
  recordIdArb,
} from '../../fixtures/arbitraries';

const PARSER_CODES = ['bad-shape', 'bad-field', 'not-json', 'unknown-kind'];

/** Fails the property unless an accepted value satisfies every limit of its kind. */
function expectWithinLimits(kind: RecordKind, r: Result<unknown>, created: number) {
  if (!r.ok) {
    expect(PARSER_CODES).toContain(r.error.code);
    expect(typeof r.error.detail).toBe('string');
    return;
  }
  const v = r.value as Record<string, unknown>;
  if (kind === 'point') {
    const { fallbacks } = v as { fallbacks?: unknown[] };
    const keys = ['end', 'lat', 'lon', 'note', 'start', 'title', ...(fallbacks === undefined ? [] : ['fallbacks'])];
    expect(Object.keys(v).sort()).toEqual(keys.sort());
    if (fallbacks !== undefined) {
      expect(Array.isArray(fallbacks) && fallbacks.length >= 1 && fallbacks.length <= LIMITS.fallbackMax).toBe(true);
      for (const f of fallbacks) expect(isB64url(f, FALLBACK_SEALED_CHARS)).toBe(true);
      expect(new Set(fallbacks).size).toBe(fallbacks.length);
    }
    const { title, note, lat, lon, start, end } = v as {
      title: string;
      note: string;
      lat: number;
      lon: number;
      start: number;
      end: number;
    };
    // Clean text is a fixed point of the text rules.
    expect(checkText(title, 't', 1, LIMITS.titleChars, false)).toEqual({ ok: true, text: title });
    expect(checkText(note, 'n', 0, LIMITS.noteChars, true)).toEqual({ ok: true, text: note });
    expect(codePoints(title)).toBeLessThanOrEqual(LIMITS.titleChars);
    expect(isValidLatLon(lat, lon) && roundCoord(lat) === lat && roundCoord(lon) === lon).toBe(true);
    expect(Number.isSafeInteger(start) && Number.isSafeInteger(end)).toBe(true);
    expect(start).toBeGreaterThanOrEqual(created - LIMITS.startBehindMs);
    expect(start).toBeLessThanOrEqual(created + LIMITS.startAheadMs);
    expect(end - start).toBeGreaterThanOrEqual(LIMITS.minDurationMs);
    expect(end - start).toBeLessThanOrEqual(LIMITS.maxDurationMs);
  } else if (kind === 'alert') {
    expect(asRecordId(v.point)).toBe(v.point);
    expect(ALERT_KINDS).toContain(v.alert);
    expect(Object.keys(v).every((k) => ['point', 'alert', 'reason', 'reappear', 'fallback'].includes(k))).toBe(true);
    if (v.alert === 'disperse') expect(DISPERSE_REASONS).toContain(v.reason);
    else expect(Object.keys(v).sort()).toEqual(['alert', 'point']);
    expect('reappear' in v && 'fallback' in v).toBe(false);
    if ('reappear' in v) expect(asRecordId(v.reappear) !== undefined && v.reappear !== v.point).toBe(true);
    if ('fallback' in v) {
      const f = v.fallback as { i: number; key: string };
      expect(Object.keys(f).sort()).toEqual(['i', 'key']);
      expect(Number.isInteger(f.i) && f.i >= 0 && f.i < LIMITS.fallbackMax && isB64url(f.key, 43)).toBe(true);
    }
  } else if (kind === 'coorganizer') {
    expect(Object.keys(v).sort()).toEqual(['key', 'point']);
    expect(asRecordId(v.point)).toBe(v.point);
    expect(asPublicKey(v.key)).toBe(v.key);
  } else {
    expect(asRecordId(v.point)).toBe(v.point);
    expect(Object.keys(v).every((k) => k === 'point' || (kind === 'disperse' && k === 'reappear'))).toBe(true);
    if ('reappear' in v) expect(asRecordId(v.reappear) !== undefined && v.reappear !== v.point).toBe(true);
  }
}

const kindArb = fc.constantFrom<RecordKind>(...RECORD_KINDS);
/** Values that are valid for some alert field, or junk. */
const alertFieldArb = fc.oneof(
  recordIdArb,
  fc.constantFrom<unknown>(...ALERT_KINDS, ...DISPERSE_REASONS),
  fc.record({ i: fc.integer({ min: -1, max: 3 }), key: recordIdArb }),
  fc.jsonValue(),
);
// Near misses find more accepting paths than uniform JSON does.
const nearMissArb = createdArb.chain((created) =>
  fc.tuple(
    fc.constant(created),
    fc.oneof(
      fc.jsonValue(),
      pointPayloadArb(created),
      fc
        .tuple(
          pointPayloadArb(created),
          fc.constantFrom('title', 'note', 'lat', 'lon', 'start', 'end', 'extra'),
          fc.jsonValue(),
        )
        .map(([p, k, x]) => ({ ...p, [k]: x })),
      fc.record(
        { point: fc.oneof(recordIdArb, fc.jsonValue()), reappear: fc.oneof(recordIdArb, fc.jsonValue()) },
        { requiredKeys: [] },
      ),
      pointWithFallbacksArb(created),
      fc
        .tuple(
          pointPayloadArb(created),
          fc.oneof(fallbacksArb, fc.array(fc.oneof(fallbacksArb, fc.jsonValue())), fc.jsonValue()),
        )
        .map(([p, f]) => ({ ...p, fallbacks: f })),
      alertArb,
      coorganizerArb,
      fc
        .tuple(
          alertArb,
          fc.constantFrom('point', 'alert', 'reason', 'reappear', 'fallback', 'key', 'extra'),
          alertFieldArb,
        )
        .map(([a, k, x]) => ({ ...a, [k]: x })),
      fc.record(
        {
          point: recordIdArb,
          alert: fc.constantFrom(...ALERT_KINDS),
          reason: fc.constantFrom(...DISPERSE_REASONS),
          reappear: recordIdArb,
          fallback: fc.record({ i: fc.nat(3), key: recordIdArb }),
          key: recordIdArb,
        },
        { requiredKeys: [] },
      ),
      fc.dictionary(
        fc.constantFrom('title', 'note', 'lat', 'lon', 'start', 'end', 'point', '__proto__'),
        fc.jsonValue(),
      ),
    ),
  ),
);

describe('parsePayloadValue on arbitrary values', () => {
  it('never throws; refuses with a parser code or returns a value within every limit', () => {
    fc.assert(
      fc.property(kindArb, nearMissArb, (kind, [created, value]) => {
        expectWithinLimits(kind, parsePayloadValue(kind, value, created), created);
      }),
      { numRuns: 1000 },
    );
  });
  it('accepts every valid alert, coorganizer and point-with-fallbacks payload unchanged', () => {
    const valid = createdArb.chain((c) => fc.tuple(fc.constant(c), pointWithFallbacksArb(c), alertArb, coorganizerArb));
    fc.assert(
      fc.property(valid, ([created, p, a, co]) => {
        expect(parsePayloadValue('point', p, created)).toEqual({ ok: true, value: p });
        expect(parsePayloadValue('alert', a, created)).toEqual({ ok: true, value: a });
        expect(parsePayloadValue('coorganizer', co, created)).toEqual({ ok: true, value: co });
      }),
      { numRuns: 200 },
    );
  });
  it('accepts every valid point payload unchanged', () => {
    fc.assert(
      fc.property(
        createdArb.chain((c) => fc.tuple(fc.constant(c), pointPayloadArb(c))),
        ([created, p]) => {
          expect(parsePayloadValue('point', p, created)).toEqual({ ok: true, value: p });
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('parsePayload on arbitrary text', () => {
  it('never throws on any string, JSON or not', () => {
    fc.assert(
      fc.property(kindArb, fc.oneof(fc.string({ unit: 'binary' }), fc.json()), createdArb, (kind, text, created) => {
        expectWithinLimits(kind, parsePayload(kind, text, created), created);
      }),
      { numRuns: 300 },
    );
  });
});
