/**
 * Every language file in src/i18n/locales, checked against English: the
 * same keys and placeholders, plural forms exactly the categories its
 * language uses (CLDR through Intl.PluralRules), no empty text, nothing left
 * in English by accident, and script-specific slips (Arabic letters in
 * Persian) refused. The file name is the locale tag.
 */
import { describe, expect, it } from 'vitest';
import { catalogueProblems, type Message, type PluralForms } from '../../../src/i18n/catalogue';
import { LOCALES } from '../../../src/i18n';
import { en } from '../../../src/i18n/locales/en';

const files = import.meta.glob<{ default: Readonly<Record<string, Message>> }>('../../../src/i18n/locales/*.ts', {
  eager: true,
});
const locales = Object.entries(files)
  .map(([path, mod]) => [path.replace(/^.*\/(.+)\.ts$/, '$1'), mod.default] as const)
  .filter(([tag]) => tag !== 'en');

/** Keys whose text may equal English in any language: names and pure placeholders. */
const SAME_AS_ENGLISH = new Set(['app.name', 'field.placeValue', 'settings.relayPlaceholder']);

const forms = (m: Message): string[] =>
  typeof m === 'string' ? [m] : Object.values(m).filter((x): x is string => x !== undefined);
const categories = (tag: string) => new Intl.PluralRules(tag).resolvedOptions().pluralCategories.slice().sort();

describe('the language files', () => {
  it('are exactly the languages the picker offers, and those are the ones Vada promises', () => {
    expect(
      Object.keys(files)
        .map((p) => p.replace(/^.*\/(.+)\.ts$/, '$1'))
        .sort(),
    ).toEqual([...LOCALES].sort());
    expect([...LOCALES].sort()).toEqual(['be', 'en', 'fa', 'ru', 'uk', 'zh-Hant']);
  });

  it('the English file exports its catalogue as the default too', () => {
    expect(files['../../../src/i18n/locales/en.ts']?.default).toBe(en);
  });

  describe.each(locales)('%s', (tag, catalogue) => {
    it('has exactly the English keys, with the same placeholders', () => {
      expect(catalogueProblems(en, catalogue)).toEqual([]);
    });

    it('has no empty text in any form', () => {
      const empty = Object.entries(catalogue).filter(([, m]) => forms(m).some((s) => s.trim() === ''));
      expect(empty.map(([k]) => k)).toEqual([]);
    });

    it('gives plural messages exactly the plural categories of its language', () => {
      const wanted = categories(tag);
      const wrong: string[] = [];
      for (const [key, m] of Object.entries(catalogue)) {
        const english = en[key as keyof typeof en] as Message;
        if (typeof m !== 'string') {
          const got = Object.keys(m as PluralForms).sort();
          if (got.join() !== wanted.join()) wrong.push(`${key}: ${got.join()} (wants ${wanted.join()})`);
        } else if (typeof english !== 'string' && wanted.length > 1) {
          wrong.push(`${key}: a plain string where English has plural forms`);
        }
      }
      expect(wrong).toEqual([]);
    });

    it('leaves nothing in English by accident', () => {
      const same = Object.entries(catalogue).filter(
        ([key, m]) =>
          !SAME_AS_ENGLISH.has(key) &&
          JSON.stringify(m) === JSON.stringify(en[key as keyof typeof en]) &&
          /[A-Za-z]{3,}/.test(
            forms(m)
              .join(' ')
              .replace(/\{\w+\}/g, ''),
          ),
      );
      expect(same.map(([k]) => k)).toEqual([]);
    });
  });

  it('Persian uses Persian yeh and kaf, never the Arabic letters', () => {
    const fa = locales.find(([tag]) => tag === 'fa')?.[1];
    expect(fa).toBeDefined();
    const arabic = Object.entries(fa ?? {}).filter(([, m]) => /[\u064A\u0643]/.test(forms(m).join(' ')));
    expect(arabic.map(([k]) => k)).toEqual([]);
  });
});
