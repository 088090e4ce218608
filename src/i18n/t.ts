/**
 * The one way user-facing text is produced: t(key, params). The active locale
 * is a Solid signal, so text in components follows a language change with no
 * reload. Output is plain text; components render it as text, never as HTML.
 */
import { createSignal } from 'solid-js';
import type { Catalogue, Message, MessageKey, ParamsOf } from './catalogue';
import { DEFAULT_LOCALE, directionOf, intlTag, loadLocaleModule, type Locale } from './locales';
import { isolateIfMixed } from './isolate';
import { en } from './locales/en';

const [activeLocale, setActiveLocale] = createSignal<Locale>(DEFAULT_LOCALE);
const loaded = new Map<Locale, Catalogue>([['en', en]]);
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

/**
 * Loads a language's catalogue (once; English is always there). Rejects when
 * the chunk cannot be fetched, e.g. offline before the worker cached it.
 */
export async function loadCatalogue(next: Locale): Promise<Catalogue> {
  const have = loaded.get(next);
  if (have) return have;
  const { default: catalogue } = await loadLocaleModule(next);
  loaded.set(next, catalogue);
  return catalogue;
}

/**
 * Switches language, keeping `<html lang>` and `dir` in step (screen readers,
 * fonts, right-to-left layout). Immediate when the catalogue is loaded;
 * otherwise the text changes once it arrives, and a failed load leaves the
 * current language in place (the promise rejects so the caller can say so).
 */
export async function setLocale(next: Locale): Promise<void> {
  const request = ++requests;
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
  const message: Message = (loaded.get(loc) ?? en)[key] ?? en[key];
  const rtl = directionOf(loc) === 'rtl';
  return pick(message, loc, p.count).replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = p[name];
    if (v === undefined) return whole;
    // Inserted text (often a peer's) must not reorder the sentence around it.
    return typeof v === 'number' ? formatNumber(loc, v) : isolateIfMixed(v, rtl);
  });
}
