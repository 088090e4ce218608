/**
 * The one way user-facing text is produced: t(key, params). The active locale
 * is a Solid signal, so text in components follows a language change with no
 * reload. Output is plain text; components render it as text, never as HTML.
 *
 * English comes in two parts: what the first screen shows is bundled
 * (./enFirstScreen.ts), the rest (./enRest.ts) is a chunk fetched when
 * English is set at start, not awaited, so the first paint never waits for
 * it. Until it arrives, t() gives '' for a key of the rest (never the key
 * itself) and fills in reactively when it comes; sheets wait for it before
 * they render (`whenTextReady`, used by src/ui/common/onDemand.tsx).
 */
import { createSignal } from 'solid-js';
import { retryingImport } from '../domain/retryingImport';
import type { Catalogue, Message, MessageKey, ParamsOf } from './catalogue';
import { enFirstScreen } from './enFirstScreen';
import { DEFAULT_LOCALE, directionOf, intlTag, loadLocaleModule, type Locale } from './locales';
import { isolateIfMixed } from './isolate';

const [activeLocale, setActiveLocale] = createSignal<Locale>(DEFAULT_LOCALE);
/** Whole catalogues only: English once its rest arrived, each other language once fetched. */
const loaded = new Map<Locale, Catalogue>();
/** English as far as it is here: the fallback for every language. */
let english: Readonly<Partial<Record<MessageKey, Message>>> = enFirstScreen;
const [englishWhole, setEnglishWhole] = createSignal(false);
let englishRest: Promise<Catalogue> | undefined;
let requests = 0;

/** The active locale (reactive). */
export const locale = activeLocale;

function apply(next: Locale): void {
  setActiveLocale(next);
  if (typeof document !== 'undefined') {
    document.documentElement.lang = next;
    document.documentElement.dir = directionOf(next);
  }
}

/** The rest of English's chunk; after a failure, fetched again under a fresh URL (the browser remembers the failed one). */
const importEnRest = retryingImport(() => import('./enRest'));

/** Fetches the rest of English (once; again after a failure) and makes English whole. */
function loadEnglish(): Promise<Catalogue> {
  return (englishRest ??= importEnRest().then(
    ({ enRest }) => {
      const whole: Catalogue = { ...enFirstScreen, ...enRest };
      english = whole;
      loaded.set('en', whole);
      setEnglishWhole(true);
      return whole;
    },
    (error: unknown) => {
      englishRest = undefined;
      throw error;
    },
  ));
}

/**
 * Loads a language's whole catalogue (once). Rejects when the chunk cannot
 * be fetched, e.g. offline before the worker cached it.
 */
export async function loadCatalogue(next: Locale): Promise<Catalogue> {
  const have = loaded.get(next);
  if (have) return have;
  if (next === 'en') return loadEnglish();
  const { default: catalogue } = await loadLocaleModule(next);
  loaded.set(next, catalogue);
  return catalogue;
}

/**
 * True when every message of the active language can be shown (reactive):
 * false only while the rest of English is on its way.
 */
export const textReady = (): boolean => activeLocale() !== 'en' || englishWhole();

/**
 * Resolves once every message of the active language can be shown: at once
 * for a language already set (setLocale waited for it), after the rest of
 * English for English. Rejects when that cannot be fetched; calling again
 * tries again.
 */
export async function whenTextReady(): Promise<void> {
  if (!textReady()) await loadEnglish();
}

/**
 * Switches language, keeping `<html lang>` and `dir` in step (screen readers,
 * fonts, right-to-left layout). Immediate when the catalogue is loaded, and
 * when English is set while English is already shown (at start: the first
 * screen's text is bundled, the rest is fetched without waiting for it);
 * otherwise the text changes once the catalogue arrives, and a failed load
 * leaves the current language in place (the promise rejects so the caller
 * can say so).
 */
export async function setLocale(next: Locale): Promise<void> {
  const request = ++requests;
  if (next === 'en' && activeLocale() === 'en' && !loaded.has('en')) {
    // A failure is met again (and retried) by whichever sheet needs the text.
    loadEnglish().catch(() => undefined);
    apply(next);
    return;
  }
  if (!loaded.has(next)) await loadCatalogue(next);
  // A later choice made while this one loaded wins, whichever chunk arrives first.
  if (request === requests) apply(next);
}

const pluralRules = new Map<Locale, Intl.PluralRules>();
const numberFormats = new Map<Locale, Intl.NumberFormat>();

function plural(loc: Locale, n: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(loc);
  if (!rules) pluralRules.set(loc, (rules = new Intl.PluralRules(intlTag(loc))));
  return rules.select(n);
}

function formatNumber(loc: Locale, n: number): string {
  let f = numberFormats.get(loc);
  if (!f) numberFormats.set(loc, (f = new Intl.NumberFormat(intlTag(loc))));
  return f.format(n);
}

function pick(m: Message, loc: Locale, count: unknown): string {
  if (typeof m === 'string') return m;
  const form = typeof count === 'number' ? plural(loc, count) : 'other';
  return m[form] ?? m.other;
}

type Args<K extends MessageKey> = keyof ParamsOf<K> extends never ? [params?: undefined] : [params: ParamsOf<K>];

/** Translates `key` in the active locale, filling `{name}` placeholders (numbers via Intl, in the locale's digits). */
export function t<K extends MessageKey>(key: K, ...[params]: Args<K>): string {
  const loc = activeLocale();
  const p = (params ?? {}) as Record<string, string | number>;
  const message = loaded.get(loc)?.[key] ?? english[key];
  if (message === undefined) {
    // The rest of English is on its way: nothing rather than the key, read again when it comes.
    englishWhole();
    return '';
  }
  const rtl = directionOf(loc) === 'rtl';
  return pick(message, loc, p.count).replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = p[name];
    if (v === undefined) return whole;
    // Inserted text (often a peer's) must not reorder the sentence around it.
    return typeof v === 'number' ? formatNumber(loc, v) : isolateIfMixed(v, rtl);
  });
}
