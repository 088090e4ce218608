/** Public surface of i18n: every user-facing string goes through here. */
export type { Catalogue, MessageKey } from './catalogue';
export { formatClock, formatCoord, formatDistance, formatDuration } from './format';
export { CATALOGUES, isLocale, pickLocale, type Locale } from './locales';
export { locale, setLocale, t } from './t';
