/** checkText and codePoints: the rules for peer-supplied text. */
import { describe, expect, it } from 'vitest';
import { checkText, codePoints } from '../../../src/domain/text';

describe('codePoints', () => {
  it('counts code points, not UTF-16 units', () => {
    expect(codePoints('')).toBe(0);
    expect(codePoints('abc')).toBe(3);
    expect(codePoints('😀😀')).toBe(2);
    expect('😀😀'.length).toBe(4);
  });
});

describe('checkText', () => {
  it('returns trimmed NFC text', () => {
    expect(checkText('  A\u030A  ', 'f', 1, 10, false)).toEqual({ ok: true, text: '\u00C5' });
  });
  it.each([undefined, null, 5, {}, ['a']])('refuses a non-string %j', (v) => {
    expect(checkText(v, 'title', 0, 10, true)).toEqual({ ok: false, detail: 'title must be text' });
  });
  it('enforces min and max after trimming, in code points', () => {
    expect(checkText('   ', 'title', 1, 10, false)).toEqual({ ok: false, detail: 'title is required' });
    expect(checkText('ab', 'code', 3, 10, false)).toEqual({ ok: false, detail: 'code is too short' });
    expect(checkText('😀'.repeat(3), 'f', 1, 3, false).ok).toBe(true);
    expect(checkText('😀'.repeat(4), 'f', 1, 3, false)).toEqual({ ok: false, detail: 'f is longer than 3 characters' });
  });
  it('allows newlines and tabs only where asked', () => {
    expect(checkText('a\tb', 'f', 0, 10, false).ok).toBe(false);
    expect(checkText('a\nb', 'f', 0, 10, false).ok).toBe(false);
    expect(checkText('a\n\tb', 'f', 0, 10, true)).toEqual({ ok: true, text: 'a\n\tb' });
  });
  const forbidden = {
    'C0 controls': ['\u0000', '\u0008', '\u000b', '\u000c', '\r', '\u001f'],
    'DEL and C1 controls': ['\u007f', '\u0080', '\u009f'],
    'bidi marks': ['\u061c', '\u200e', '\u200f'],
    'bidi embeddings and overrides': ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e'],
    'bidi isolates': ['\u2066', '\u2067', '\u2068', '\u2069'],
    'line and paragraph separators': ['\u2028', '\u2029'],
    BOM: ['\ufeff'],
    'unpaired surrogates': ['\ud83d', '\ude00'],
  };
  it.each(Object.entries(forbidden))('refuses %s inside text', (_name, chars) => {
    for (const c of chars)
      expect(checkText(`a${c}b`, 'f', 0, 10, true), JSON.stringify(c)).toEqual({
        ok: false,
        detail: 'f contains control characters',
      });
  });
  it.each(['Минск', 'Мінск', '香港', 'Café ☕', '👩‍👩‍👧', 'ZWNJ: می‌خواهم', '<b>&amp;</b>'])(
    'accepts ordinary text %s',
    (s) => {
      expect(checkText(s, 'f', 1, 80, false)).toEqual({ ok: true, text: s.normalize('NFC') });
    },
  );
});
