import { describe, expect, it } from 'vitest';
import { catalogueProblems } from '../../../src/i18n/catalogue';
import { en } from '../../../src/i18n/locales/en';
import { pickLocale, setLocale, t } from '../../../src/i18n';

describe('catalogues', () => {
  it('the parity check catches missing, extra and changed messages', () => {
    const { 'bar.list': _dropped, ...rest } = en;
    const broken = {
      ...rest,
      'bar.propose': 'Propose {where}',
      'status.connected': { one: '{count} relay' } as never,
      'extra.key': 'x',
    };
    expect(catalogueProblems(en, broken).sort()).toEqual(
      [
        'missing key bar.list',
        'placeholders differ in bar.propose',
        'no "other" form in status.connected',
        'unknown key extra.key',
      ].sort(),
    );
  });

  it('every English message is non-empty', () => {
    const empty = Object.entries(en).filter(([, m]) => (typeof m === 'string' ? m : m.other).trim() === '');
    expect(empty).toEqual([]);
  });
});

describe('t()', () => {
  it('fills placeholders and picks plural forms with Intl', async () => {
    await setLocale('en');
    expect(t('status.connected', { count: 1 })).toBe('Connected to 1 relay');
    expect(t('status.connected', { count: 3 })).toBe('Connected to 3 relays');
    expect(t('status.connected', { count: 1200 })).toBe('Connected to 1,200 relays');
    expect(t('details.reappearAt', { title: '<b>x</b>' })).toBe('Reappear at: <b>x</b>');
    expect(document.documentElement.lang).toBe('en');
  });

  it('picks the first available language, falling back to English', () => {
    expect(pickLocale(['be-BY', 'ru', 'en-GB'])).toBe('be');
    expect(pickLocale(['de-DE', 'uk-UA', 'en'])).toBe('uk');
    expect(pickLocale(['fa-IR'])).toBe('fa');
    expect(pickLocale(['xx', 'en-GB', 'ru'])).toBe('en');
    expect(pickLocale(['xx'])).toBe('en');
  });

  it('reads Hong Kong, Taiwan and explicit Hant tags as Traditional Chinese, and Simplified as not offered', () => {
    expect(pickLocale(['zh-HK'])).toBe('zh-Hant');
    expect(pickLocale(['zh-TW', 'en'])).toBe('zh-Hant');
    expect(pickLocale(['zh-Hant-HK'])).toBe('zh-Hant');
    expect(pickLocale(['zh-CN', 'ru'])).toBe('ru');
    expect(pickLocale(['zh', 'zh-Hans'])).toBe('en');
  });
});
