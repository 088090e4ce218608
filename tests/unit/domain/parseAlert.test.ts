/** Payload parsers of issue 4: `alert`, `coorganizer` and `point.fallbacks`, every field × violation. */
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/domain/limits';
import { FALLBACK_SEALED_CHARS, parsePayload, parsePayloadValue } from '../../../src/domain/parsePayload';
import type { RecordKind } from '../../../src/domain/records';
import type { RejectionCode } from '../../../src/domain/result';
import { fakeId, fakeKey, fakeSealed } from '../../fixtures/recordBuilders';

const CREATED = Date.UTC(2025, 5, 1, 12);
const HOUR = 3_600_000;
const P = fakeId('target');
const Q = fakeId('next');
const KEY = fakeKey('bob');
/** A 32-byte AES key in canonical base64url (43 chars). */
const AES = fakeId('aeskey') as string;
/** Same length as a record id but with stray trailing bits: not canonical. */
const notCanonical = (s: string) => s.replace(/.$/, 'B');

function expectRefused(kind: RecordKind, value: unknown, code: RejectionCode) {
  const r = parsePayloadValue(kind, value, CREATED);
  expect(r.ok, JSON.stringify(value)).toBe(false);
  if (!r.ok) expect(r.error.code, JSON.stringify(value)).toBe(code);
}
const expectAccepted = (kind: RecordKind, value: unknown) =>
  expect(parsePayloadValue(kind, value, CREATED), JSON.stringify(value)).toEqual({ ok: true, value });

describe('alert payload: accepted forms', () => {
  it.each([
    { point: P, alert: 'caution' },
    { point: P, alert: 'clear' },
    ...(['police', 'kettling', 'violence', 'other'] as const).map((reason) => ({
      point: P,
      alert: 'disperse',
      reason,
    })),
    { point: P, alert: 'disperse', reason: 'kettling', reappear: Q },
    ...[0, 1, 2].map((i) => ({ point: P, alert: 'disperse', reason: 'other', fallback: { i, key: AES } })),
  ])('accepts %j unchanged', (v) => expectAccepted('alert', v));

  it('also parses it from JSON text', () => {
    const v = { point: P, alert: 'disperse', reason: 'police', fallback: { i: 1, key: AES } };
    expect(parsePayload('alert', JSON.stringify(v), CREATED)).toEqual({ ok: true, value: v });
  });
});

describe('alert payload: refusals', () => {
  const caution = { point: P, alert: 'caution' };
  const disp = { point: P, alert: 'disperse', reason: 'police' };

  it.each([null, 'x', 3, true, [], [caution]])('non-object %j → bad-shape', (v) =>
    expectRefused('alert', v, 'bad-shape'),
  );
  it.each([
    ['missing point', { alert: 'caution' }],
    ['missing alert', { point: P }],
    ['empty', {}],
    ['extra field', { ...caution, extra: 1 }],
    ['extra field on disperse', { ...disp, at: 1 }],
    ['__proto__ key', JSON.parse(`{"__proto__":1,"point":"${P}","alert":"caution"}`)],
    ['key of another kind', { ...caution, key: KEY }],
  ])('%s → bad-shape', (_, v) => expectRefused('alert', v, 'bad-shape'));

  it.each([
    ['point null', { ...caution, point: null }],
    ['point number', { ...caution, point: 7 }],
    ['point too short', { ...caution, point: 'short' }],
    ['point too long', { ...caution, point: `${P}x` }],
    ['point non-canonical', { ...caution, point: notCanonical(P) }],
    ['alert null', { ...caution, alert: null }],
    ['alert number', { ...caution, alert: 1 }],
    ['alert unknown word', { ...caution, alert: 'panic' }],
    ['alert wrong case', { ...caution, alert: 'Caution' }],
    ['alert array', { ...caution, alert: ['caution'] }],
  ])('%s → bad-field', (_, v) => expectRefused('alert', v, 'bad-field'));

  describe('reason is required with disperse and forbidden otherwise', () => {
    it.each([
      ['disperse without reason', { point: P, alert: 'disperse' }],
      ['reason null', { ...disp, reason: null }],
      ['reason number', { ...disp, reason: 1 }],
      ['reason unknown', { ...disp, reason: 'rain' }],
      ['reason empty', { ...disp, reason: '' }],
      ['caution with a reason', { ...caution, reason: 'police' }],
      ['clear with a reason', { point: P, alert: 'clear', reason: 'other' }],
      ['caution with reason null', { ...caution, reason: null }],
    ])('%s → bad-field', (_, v) => expectRefused('alert', v, 'bad-field'));
  });

  describe('reappear', () => {
    it.each([
      ['equal to point', { ...disp, reappear: P }],
      ['null', { ...disp, reappear: null }],
      ['number', { ...disp, reappear: 7 }],
      ['short', { ...disp, reappear: 'abc' }],
      ['non-canonical', { ...disp, reappear: notCanonical(Q) }],
      ['on a caution', { ...caution, reappear: Q }],
      ['on a clear', { point: P, alert: 'clear', reappear: Q }],
      ['together with fallback', { ...disp, reappear: Q, fallback: { i: 0, key: AES } }],
    ])('%s → bad-field', (_, v) => expectRefused('alert', v, 'bad-field'));
  });

  describe('fallback', () => {
    const fb = (fallback: unknown) => ({ ...disp, fallback });
    it.each([
      ['null', null],
      ['string', AES],
      ['array', [0, AES]],
      ['missing i', { key: AES }],
      ['missing key', { i: 0 }],
      ['extra field', { i: 0, key: AES, label: 'x' }],
      ['i negative', { i: -1, key: AES }],
      ['i = fallbackMax', { i: LIMITS.fallbackMax, key: AES }],
      ['i non-integer', { i: 0.5, key: AES }],
      ['i string', { i: '0', key: AES }],
      ['i null', { i: null, key: AES }],
      ['key null', { i: 0, key: null }],
      ['key number', { i: 0, key: 42 }],
      ['key 42 chars', { i: 0, key: AES.slice(1) }],
      ['key 44 chars', { i: 0, key: `${AES}A` }],
      ['key non-canonical', { i: 0, key: notCanonical(AES) }],
      ['key with padding', { i: 0, key: `${AES.slice(0, 42)}=` }],
      ['key in base64 alphabet', { i: 0, key: `${AES.slice(0, 41)}+A` }],
    ])('%s → bad-field', (_, v) => expectRefused('alert', fb(v), 'bad-field'));
    it('on a caution or clear → bad-field', () => {
      expectRefused('alert', { ...caution, fallback: { i: 0, key: AES } }, 'bad-field');
      expectRefused('alert', { point: P, alert: 'clear', fallback: { i: 0, key: AES } }, 'bad-field');
    });
  });
});

describe('coorganizer payload', () => {
  const v = { point: P, key: KEY };
  it('accepts point and key unchanged', () => expectAccepted('coorganizer', v));
  it.each([null, 'x', 0, [], [v]])('non-object %j → bad-shape', (x) => expectRefused('coorganizer', x, 'bad-shape'));
  it.each([
    ['missing point', { key: KEY }],
    ['missing key', { point: P }],
    ['extra field', { ...v, role: 'admin' }],
    ['alert fields', { ...v, alert: 'caution' }],
  ])('%s → bad-shape', (_, x) => expectRefused('coorganizer', x, 'bad-shape'));
  it.each([
    ['point null', { ...v, point: null }],
    ['point number', { ...v, point: 1 }],
    ['point non-canonical', { ...v, point: notCanonical(P) }],
    ['key null', { ...v, key: null }],
    ['key number', { ...v, key: 1 }],
    ['key short', { ...v, key: KEY.slice(2) }],
    ['key long', { ...v, key: `${KEY}AAAA` }],
    ['key non-canonical', { ...v, key: notCanonical(KEY) }],
    ['key array', { ...v, key: [KEY] }],
  ])('%s → bad-field', (_, x) => expectRefused('coorganizer', x, 'bad-field'));
});

describe('point.fallbacks', () => {
  const point = { title: 'Square', note: '', lat: 53.9, lon: 27.5667, start: CREATED + HOUR, end: CREATED + 2 * HOUR };
  const sealed = [fakeSealed('one'), fakeSealed('two'), fakeSealed('three'), fakeSealed('four')];

  it('has the sealed length of nonce + padded plaintext + tag', () => {
    expect(FALLBACK_SEALED_CHARS).toBe(379);
    expect(FALLBACK_SEALED_CHARS).toBe(Math.ceil(((12 + LIMITS.fallbackPlainBytes + 16) * 4) / 3));
    for (const s of sealed) expect(s).toHaveLength(FALLBACK_SEALED_CHARS);
  });

  it.each([1, 2, 3])('accepts %i sealed fallbacks unchanged', (n) =>
    expectAccepted('point', { ...point, fallbacks: sealed.slice(0, n) }),
  );
  it('a point without fallbacks stays valid (the field is optional)', () => expectAccepted('point', point));

  it.each([
    ['empty array', []],
    ['4 entries', sealed],
    ['null', null],
    ['a string, not an array', sealed[0]],
    ['an object', { 0: sealed[0] }],
    ['one too short', [(sealed[0] as string).slice(1)]],
    ['one too long', [`${sealed[0]}A`]],
    ['non-canonical', [notCanonical(sealed[0] as string)]],
    ['a number inside', [sealed[0], 7]],
    ['null inside', [null]],
    ['duplicates', [sealed[0], sealed[1], sealed[0]]],
    ['not base64url', [`${(sealed[0] as string).slice(0, 377)}+A`]],
  ])('%s → bad-field', (_, f) => expectRefused('point', { ...point, fallbacks: f }, 'bad-field'));

  it('still refuses other extra fields of a point', () =>
    expectRefused('point', { ...point, fallbacks: [sealed[0]], extra: 1 }, 'bad-shape'));
});

describe('kinds', () => {
  it('a kind that is still unknown is refused as unknown-kind', () => {
    expect(parsePayloadValue('poll' as RecordKind, { point: P, alert: 'caution' }, CREATED)).toMatchObject({
      ok: false,
      error: { code: 'unknown-kind' },
    });
  });
});
