/**
 * The registry of languages. Adding Belarusian, Russian, Ukrainian or
 * Traditional Chinese is one file in ./locales (typed `Catalogue`) and one
 * line here; components never change.
 */
import type { Catalogue } from './catalogue';
import { en } from './locales/en';

export const CATALOGUES = { en } as const satisfies Readonly<Record<string, Catalogue>>;

export type Locale = keyof typeof CATALOGUES;

export const DEFAULT_LOCALE: Locale = 'en';

export function isLocale(tag: string): tag is Locale {
  return Object.prototype.hasOwnProperty.call(CATALOGUES, tag);
}

/**
 * The first available language among the user's preferences (BCP 47 tags,
 * e.g. navigator.languages), matching exact tags first, then base languages
 * ("be-BY" → "be"; "zh-Hant-TW" → "zh-Hant").
 */
export function pickLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const parts = tag.split('-');
    for (let n = parts.length; n > 0; n--) {
      const candidate = parts.slice(0, n).join('-');
      if (isLocale(candidate)) return candidate;
    }
  }
  return DEFAULT_LOCALE;
}
