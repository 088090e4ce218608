import { afterEach, describe, expect, it } from 'vitest';
import { isolate, isolateIfMixed, setLocale, t } from '../../../src/i18n';

const FSI = '\u2068';
const PDI = '\u2069';

describe('bidi isolation of inserted text', () => {
  afterEach(() => setLocale('en'));

  it('isolates right-to-left text in a left-to-right sentence', () => {
    expect(isolateIfMixed('میدان آزادی', false)).toBe(`${FSI}میدان آزادی${PDI}`);
    expect(isolateIfMixed('Meet at מרכז 2', false)).toBe(`${FSI}Meet at מרכז 2${PDI}`);
  });

  it('isolates left-to-right letters in a right-to-left sentence', () => {
    expect(isolateIfMixed('Library!', true)).toBe(isolate('Library!'));
    expect(isolateIfMixed('Площадь', true)).toBe(isolate('Площадь'));
    expect(isolateIfMixed('廣場', true)).toBe(isolate('廣場'));
  });

  it('leaves same-direction and letterless text exactly as it was', () => {
    expect(isolateIfMixed('Library!', false)).toBe('Library!');
    expect(isolateIfMixed('Плошча Перамогі', false)).toBe('Плошча Перамогі');
    expect(isolateIfMixed('میدان', true)).toBe('میدان');
    expect(isolateIfMixed('15:30 · ۱۲', true)).toBe('15:30 · ۱۲');
  });

  it('t() isolates a peer title whose direction differs from the sentence, and nothing else', async () => {
    await setLocale('en');
    expect(t('details.reappearAt', { title: 'میدان' })).toBe(`Reappear at: ${FSI}میدان${PDI}`);
    expect(t('details.reappearAt', { title: 'Library' })).toBe('Reappear at: Library');
  });
});
