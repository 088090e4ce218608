import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/domain';
import { parsePayloadValue } from '../../../src/domain/parsePayload';
import { emptyDraft, resolveStart, validateDraft, type PointDraft } from '../../../src/state/validateDraft';

// A local-time moment, so "HH:MM" arithmetic does not depend on the machine's zone.
const NOW = new Date(2025, 5, 1, 14, 30, 15).getTime();
const base = (extra: Partial<PointDraft> = {}): PointDraft => ({
  ...emptyDraft(53.904512, 27.561549),
  title: 'Square',
  ...extra,
});

describe('validateDraft', () => {
  it('turns a good draft into a payload peers accept, trimmed and rounded', () => {
    const r = validateDraft(base({ title: '  Square  ', note: ' bring water ', durationMin: 90 }), NOW);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.payload).toEqual({
      title: 'Square',
      note: 'bring water',
      lat: 53.9045,
      lon: 27.5615,
      start: NOW,
      end: NOW + 90 * 60_000,
    });
    expect(parsePayloadValue('point', r.payload, NOW).ok).toBe(true);
  });

  it.each([
    ['title', { title: '   ' }, 'required'],
    ['title', { title: 'x'.repeat(LIMITS.titleChars + 1) }, 'tooLong'],
    ['title', { title: 'two\nlines' }, 'oneLine'],
    ['title', { title: 'evil\u202Eetis' }, 'controlChars'],
    ['note', { note: 'n'.repeat(LIMITS.noteChars + 1) }, 'tooLong'],
    ['duration', { durationMin: 10 }, 'invalid'],
    ['duration', { durationMin: 361 }, 'invalid'],
    ['place', { lat: undefined }, 'required'],
    ['place', { lat: 95 }, 'invalid'],
    ['start', { start: { mode: 'at', time: '' } }, 'required'],
    ['start', { start: { mode: 'at', time: '25:00' } }, 'invalid'],
  ] as const)('flags %s for %j as %s', (field, extra, code) => {
    const r = validateDraft(base(extra as Partial<PointDraft>), NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual({ [field]: code });
  });

  it('counts characters, not UTF-16 units: 80 emoji fit the title', () => {
    expect(validateDraft(base({ title: '✊🏽'.repeat(40) }), NOW).ok).toBe(true);
  });
});

describe('validateDraft fallbacks', () => {
  const place = (label: string, lat: number | undefined = 53.91, lon: number | undefined = 27.57) => ({
    label,
    lat,
    lon,
  });

  it('returns cleaned fallback places apart from the payload', () => {
    const r = validateDraft(base({ fallbacks: [place('  Park gate '), place('Bridge', 53.912345, 27.587654)] }), NOW);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.fallbacks).toEqual([
      { label: 'Park gate', lat: 53.91, lon: 27.57 },
      { label: 'Bridge', lat: 53.9123, lon: 27.5877 },
    ]);
    expect(r.payload).not.toHaveProperty('fallbacks');
    expect(validateDraft(base({ fallbacks: [] }), NOW)).toMatchObject({ ok: true });
  });

  it.each([
    [[place('')], 'required'],
    [[place('x'.repeat(LIMITS.fallbackLabelChars + 1))], 'tooLong'],
    [[place('two\nlines')], 'oneLine'],
    [[place('ok'), { label: 'no place', lat: undefined, lon: 27.5 }], 'required'],
    [[place('bad', 91)], 'invalid'],
    [[place('a'), place('b'), place('c'), place('d')], 'tooLong'],
  ] as const)('flags fallbacks %j as %s', (fallbacks, code) => {
    const r = validateDraft(base({ fallbacks }), NOW);
    expect(r).toEqual({ ok: false, errors: { fallbacks: code } });
  });

  it('accepts 40-character labels but refuses a payload that no longer fits once sealed', () => {
    const three = [0, 1, 2].map((i) => place(`${i}`.repeat(LIMITS.fallbackLabelChars)));
    expect(validateDraft(base({ fallbacks: three, note: 'n'.repeat(LIMITS.noteChars) }), NOW).ok).toBe(true);
    // 280 four-byte characters: 1,120 bytes of note plus ~1,150 of sealed fallbacks exceed 2,048.
    const heavy = base({ fallbacks: three, note: '𝄞'.repeat(LIMITS.noteChars) });
    expect(validateDraft(heavy, NOW)).toEqual({ ok: false, errors: { note: 'tooLong', form: 'tooLong' } });
    expect(validateDraft({ ...heavy, fallbacks: [] }, NOW).ok).toBe(true);
  });
});

describe('resolveStart', () => {
  it('reads a later time as today and an earlier one as tomorrow', () => {
    expect(resolveStart({ mode: 'at', time: '16:00' }, NOW)).toBe(new Date(2025, 5, 1, 16, 0).getTime());
    expect(resolveStart({ mode: 'at', time: '09:15' }, NOW)).toBe(new Date(2025, 5, 2, 9, 15).getTime());
  });

  it('keeps a time a few minutes ago as today, so typing the current minute works', () => {
    expect(resolveStart({ mode: 'at', time: '14:27' }, NOW)).toBe(new Date(2025, 5, 1, 14, 27).getTime());
    expect(resolveStart({ mode: 'now' }, NOW)).toBe(NOW);
  });
});
