/**
 * The one way user-facing text is produced: t(key, params). The active locale
 * is a Solid signal, so text in components follows a language change.
 * Output is plain text; components render it as text, never as HTML.
 */
import { createSignal } from 'solid-js';
import type { Message, MessageKey, ParamsOf } from './catalogue';
import { CATALOGUES, DEFAULT_LOCALE, type Locale } from './locales';

const [activeLocale, setActiveLocale] = createSignal<Locale>(DEFAULT_LOCALE);

/** The active locale (reactive). */
export const locale = activeLocale;

/** Switches language and keeps `<html lang>` in step for screen readers and fonts. */
export function setLocale(next: Locale): void {
  setActiveLocale(next);
  if (typeof document !== 'undefined') document.documentElement.lang = next;
}

const pluralRules = new Map<string, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function plural(loc: string, n: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(loc);
  if (!rules) pluralRules.set(loc, (rules = new Intl.PluralRules(loc)));
  return rules.select(n);
}

function formatNumber(loc: string, n: number): string {
  let f = numberFormats.get(loc);
  if (!f) numberFormats.set(loc, (f = new Intl.NumberFormat(loc)));
  return f.format(n);
}

function pick(m: Message, loc: string, count: unknown): string {
  if (typeof m === 'string') return m;
  const form = typeof count === 'number' ? plural(loc, count) : 'other';
  return m[form] ?? m.other;
}

type Args<K extends MessageKey> = keyof ParamsOf<K> extends never ? [params?: undefined] : [params: ParamsOf<K>];

/** Translates `key` in the active locale, filling `{name}` placeholders (numbers via Intl). */
export function t<K extends MessageKey>(key: K, ...[params]: Args<K>): string {
  const loc = activeLocale();
  const p = (params ?? {}) as Record<string, string | number>;
  const message: Message = CATALOGUES[loc][key] ?? CATALOGUES[DEFAULT_LOCALE][key];
  return pick(message, loc, p.count).replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = p[name];
    if (v === undefined) return whole;
    return typeof v === 'number' ? formatNumber(loc, v) : v;
  });
}
