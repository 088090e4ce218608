/**
 * The registry of languages. English is the fallback and the reference (its
 * first-screen part bundled, the rest fetched at start: ./t.ts); every other
 * catalogue is its own chunk, fetched only when that language is chosen, so
 * adding a language costs the first load nothing but a line here. Adding one: a file in ./locales (typed `Catalogue`, default
 * export), its name in itself, its loader, and whether it reads right to left.
 */
import { retryingImport } from '../domain/retryingImport';
import type { Catalogue } from './catalogue';

export const LOCALES = ['en', 'be', 'ru', 'uk', 'zh-Hant', 'fa'] as const;

export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'en';

/** Each language named in itself, as a picker shows it (a user who cannot read the current one finds theirs). */
export const LANGUAGE_NAMES: Readonly<Record<Locale, string>> = {
  en: 'English',
  be: 'Беларуская',
  ru: 'Русский',
  uk: 'Українська',
  'zh-Hant': '繁體中文',
  fa: 'فارسی',
};

/** Languages written right to left: the whole layout mirrors for them. */
const RIGHT_TO_LEFT: ReadonlySet<Locale> = new Set<Locale>(['fa']);

/**
 * The tag given to Intl for a language: Traditional Chinese formats the Hong
 * Kong way (350 米, not Taiwan's 350 公尺), since its readers are Hong Kongers.
 */
export const intlTag = (l: Locale): string => (l === 'zh-Hant' ? 'zh-Hant-HK' : l);

export const directionOf = (l: Locale): 'ltr' | 'rtl' => (RIGHT_TO_LEFT.has(l) ? 'rtl' : 'ltr');

/**
 * Lazy loaders, one per file in ./locales: each file becomes its own chunk
 * (precached by the service worker, so it also works offline). Found by glob
 * so a language file is the only thing to add; English is loaded by ./t.ts.
 * A chunk that failed (offline, no worker) is fetched again under a fresh URL
 * when chosen again: the browser remembers the failed one (retryingImport).
 */
const FILES = Object.fromEntries(
  Object.entries(import.meta.glob<{ default: Catalogue }>(['./locales/*.ts', '!./locales/en.ts'])).map(
    ([file, load]) => [file, retryingImport(load)],
  ),
);

/** Loads a language's module; rejects for a language with no file. */
export function loadLocaleModule(l: Locale): Promise<{ default: Catalogue }> {
  const load = FILES[`./locales/${l}.ts`];
  return load ? load() : Promise.reject(new Error(`No catalogue for ${l}`));
}

export function isLocale(tag: string): tag is Locale {
  return (LOCALES as readonly string[]).includes(tag);
}

/**
 * Browser tags that name a supported language under another spelling:
 * Traditional Chinese is what Hong Kong, Taiwan and Macau browsers send as
 * zh-HK / zh-TW / zh-MO (a bare "zh" or zh-CN means Simplified: not offered).
 */
const ALIASES: Readonly<Record<string, Locale>> = {
  'zh-hk': 'zh-Hant',
  'zh-tw': 'zh-Hant',
  'zh-mo': 'zh-Hant',
  'zh-hant': 'zh-Hant',
};

function match(tag: string): Locale | undefined {
  const lower = tag.toLowerCase();
  const alias = ALIASES[lower];
  if (alias) return alias;
  return LOCALES.find((l) => l.toLowerCase() === lower);
}

/**
 * The first available language among the user's preferences (BCP 47 tags,
 * e.g. navigator.languages), trying each tag and then its shorter prefixes
 * ("be-BY" → "be"; "zh-Hant-TW" → "zh-Hant"; "zh-HK" → "zh-Hant").
 */
export function pickLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const parts = tag.split('-');
    for (let n = parts.length; n > 0; n--) {
      const found = match(parts.slice(0, n).join('-'));
      if (found) return found;
    }
  }
  return DEFAULT_LOCALE;
}
