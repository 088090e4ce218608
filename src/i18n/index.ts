/** Public surface of i18n: every user-facing string goes through here. */
export type { Catalogue, MessageKey } from './catalogue';
export { formatBytes, formatList, formatClock, formatCoord, formatDistance, formatDuration } from './format';
export { directionOf, isLocale, LANGUAGE_NAMES, LOCALES, pickLocale, type Locale } from './locales';
export { loadCatalogue, locale, setLocale, t, textReady, whenTextReady } from './t';
export { isolate, isolateIfMixed } from './isolate';
