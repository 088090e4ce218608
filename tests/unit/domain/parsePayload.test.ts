/** parsePayload / parsePayloadValue: every field against every kind of bad value. */
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/domain/limits';
import { parsePayload, parsePayloadValue } from '../../../src/domain/parsePayload';
import type { RecordKind } from '../../../src/domain/records';
import type { RejectionCode } from '../../../src/domain/result';
import { fakeId } from '../../fixtures/recordBuilders';

const CREATED = Date.UTC(2025, 5, 1, 12);
const HOUR = 3_600_000;
const valid = {
  title: 'Kastryčnickaja',
  note: 'bring water',
  lat: 53.9,
  lon: 27.5667,
  start: CREATED + HOUR,
  end: CREATED + 2 * HOUR,
};
type Point = Record<string, unknown>;
const withField = (k: string, v: unknown): Point => ({ ...valid, [k]: v });
const without = (k: string): Point => Object.fromEntries(Object.entries(valid).filter(([key]) => key !== k));

function expectRefused(kind: RecordKind, value: unknown, code: RejectionCode, detail?: RegExp) {
  const r = parsePayloadValue(kind, value, CREATED);
  expect(r.ok, JSON.stringify(value)).toBe(false);
  if (r.ok) return;
  expect(r.error.code).toBe(code);
  if (detail) expect(r.error.detail).toMatch(detail);
}

describe('point payload', () => {
  it('accepts a valid payload and returns it unchanged', () => {
    expect(parsePayloadValue('point', valid, CREATED)).toEqual({ ok: true, value: valid });
  });

  const fields = Object.keys(valid);
  it.each(fields)('refuses a missing %s as bad-shape', (f) => expectRefused('point', without(f), 'bad-shape'));
  it.each(fields)('refuses a null %s', (f) => expectRefused('point', withField(f, null), 'bad-field'));
  it.each(fields.map((f) => [f, typeof valid[f as keyof typeof valid] === 'string' ? 42 : '42']))(
    'refuses %s of the wrong type (%j)',
    (f, v) => expectRefused('point', withField(f, v), 'bad-field'),
  );
  it.each([['extra'], ['__proto__'], ['constructor']])('refuses an extra field %s as bad-shape', (k) => {
    expectRefused('point', JSON.parse(JSON.stringify(valid).replace('{', `{"${k}":1,`)), 'bad-shape');
  });
  it.each([null, 'x', 3, [], [valid]])('refuses a non-object payload %j', (v) =>
    expectRefused('point', v, 'bad-shape'),
  );

  it('checks title length in code points: 80 astral characters pass, 81 do not', () => {
    expect(parsePayloadValue('point', withField('title', '😀'.repeat(LIMITS.titleChars)), CREATED).ok).toBe(true);
    expectRefused('point', withField('title', 'a'.repeat(LIMITS.titleChars + 1)), 'bad-field', /title/);
  });
  it('checks note length: 280 pass, 281 do not; an empty note is fine', () => {
    expect(parsePayloadValue('point', withField('note', 'ж'.repeat(LIMITS.noteChars)), CREATED).ok).toBe(true);
    expect(parsePayloadValue('point', withField('note', ''), CREATED).ok).toBe(true);
    expectRefused('point', withField('note', 'ж'.repeat(LIMITS.noteChars + 1)), 'bad-field', /note/);
  });
  it.each(['', '   ', '\n'])('refuses an empty or blank title %j', (t) =>
    expectRefused('point', withField('title', t), 'bad-field', /title/),
  );
  it('refuses a title on two lines but accepts a note on two', () => {
    expectRefused('point', withField('title', 'a\nb'), 'bad-field', /one line/);
    expect(parsePayloadValue('point', withField('note', 'a\nb'), CREATED).ok).toBe(true);
  });
  it.each([
    '\u0000',
    '\u0007',
    '\r',
    '\u001b[31m',
    '\u0085',
    '\u202e',
    '\u2067',
    '\u200f',
    '\u2028',
    '\ufeff',
    '\ud800',
  ])('refuses control, bidi or unpaired character %j in title and note', (c) => {
    expectRefused('point', withField('title', `a${c}b`), 'bad-field', /title/);
    expectRefused('point', withField('note', `a${c}b`), 'bad-field', /note/);
  });
  it('trims and NFC-normalises text', () => {
    const r = parsePayloadValue('point', { ...valid, title: '  Cafe\u0301 ', note: ' x\n' }, CREATED);
    expect(r.ok && [r.value.title, r.value.note]).toEqual(['Café', 'x']);
  });

  it.each([
    ['lat', 90.0001],
    ['lat', -90.0001],
    ['lon', 180.0001],
    ['lon', -180.0001],
    ['lat', NaN],
    ['lon', NaN],
    ['lat', Infinity],
    ['lon', -Infinity],
  ])('refuses %s = %s', (f, v) => expectRefused('point', withField(f, v), 'bad-field', /lat\/lon/));
  it('accepts the poles and the antimeridian, and rounds to street precision', () => {
    expect(parsePayloadValue('point', { ...valid, lat: 90, lon: -180 }, CREATED).ok).toBe(true);
    const r = parsePayloadValue('point', { ...valid, lat: 53.901234, lon: 27.56789 }, CREATED);
    expect(r.ok && [r.value.lat, r.value.lon]).toEqual([53.9012, 27.5679]);
  });

  it.each([
    ['start', valid.start + 0.5],
    ['end', valid.end + 0.5],
    ['start', -HOUR],
    ['end', 2 ** 53],
    ['start', NaN],
    ['end', Infinity],
    ['start', String(valid.start)],
  ])('refuses non-integer or unsafe time %s = %s', (f, v) => expectRefused('point', withField(f, v), 'bad-field'));

  const at = (startOffset: number, duration: number) => ({
    ...valid,
    start: CREATED + startOffset,
    end: CREATED + startOffset + duration,
  });
  const d = 30 * 60_000;
  it.each([
    ['start exactly startBehindMs early', at(-LIMITS.startBehindMs, d), true],
    ['start 1 ms earlier than that', at(-LIMITS.startBehindMs - 1, d), false],
    ['start exactly startAheadMs late', at(LIMITS.startAheadMs, d), true],
    ['start 1 ms later than that', at(LIMITS.startAheadMs + 1, d), false],
    ['the minimum duration', at(0, LIMITS.minDurationMs), true],
    ['1 ms shorter', at(0, LIMITS.minDurationMs - 1), false],
    ['the maximum duration', at(0, LIMITS.maxDurationMs), true],
    ['1 ms longer', at(0, LIMITS.maxDurationMs + 1), false],
    ['end before start', at(0, -d), false],
  ])('time window: %s → accepted %s', (_name, value, accepted) => {
    const r = parsePayloadValue('point', value, CREATED);
    expect(r.ok).toBe(accepted);
    if (!r.ok) expect(r.error.code).toBe('bad-field');
  });
});

describe('disperse and cancel payloads', () => {
  const a = fakeId('target');
  const b = fakeId('next');
  it('accepts a disperse with and without reappear, and a cancel', () => {
    expect(parsePayloadValue('disperse', { point: a }, CREATED)).toEqual({ ok: true, value: { point: a } });
    expect(parsePayloadValue('disperse', { point: a, reappear: b }, CREATED)).toEqual({
      ok: true,
      value: { point: a, reappear: b },
    });
    expect(parsePayloadValue('cancel', { point: a }, CREATED)).toEqual({ ok: true, value: { point: a } });
  });
  it.each([
    ['disperse', {}, 'bad-shape'],
    ['disperse', { point: a, extra: 1 }, 'bad-shape'],
    ['disperse', { reappear: b }, 'bad-shape'],
    ['disperse', { point: null }, 'bad-field'],
    ['disperse', { point: 'short' }, 'bad-field'],
    ['disperse', { point: `${a}x` }, 'bad-field'],
    ['disperse', { point: a.replace(/.$/, 'B') }, 'bad-field'], // stray trailing bits: not a canonical id
    ['disperse', { point: a, reappear: a }, 'bad-field'],
    ['disperse', { point: a, reappear: null }, 'bad-field'],
    ['disperse', { point: a, reappear: 7 }, 'bad-field'],
    ['cancel', {}, 'bad-shape'],
    ['cancel', { point: a, reappear: b }, 'bad-shape'],
    ['cancel', { point: 1 }, 'bad-field'],
    ['cancel', [a], 'bad-shape'],
  ] as const)('%s %j → %s', (kind, value, code) => expectRefused(kind, value, code));
});

describe('parsePayload (JSON text)', () => {
  it('parses JSON text and refuses text that is not JSON', () => {
    expect(parsePayload('point', JSON.stringify(valid), CREATED)).toEqual({ ok: true, value: valid });
    for (const bad of ['', '{', "{'a':1}", 'undefined', '{"title":"x",}']) {
      const r = parsePayload('point', bad, CREATED);
      expect(!r.ok && r.error.code, bad).toBe('not-json');
    }
  });
  it('refuses an unknown kind', () => {
    const r = parsePayload('poll' as RecordKind, JSON.stringify(valid), CREATED);
    expect(!r.ok && r.error.code).toBe('unknown-kind');
  });
});
