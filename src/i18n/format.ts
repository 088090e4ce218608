/**
 * Numbers, times, durations and distances through Intl in the active locale.
 * Word order around them lives in the catalogue, so translators control it.
 */
import { intlTag } from './locales';
import { locale, t } from './t';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale()}|${JSON.stringify(opts)}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.NumberFormat(intlTag(locale()), opts)));
  return f;
}

function dateFormat(opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale()}|${JSON.stringify(opts)}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(intlTag(locale()), opts)));
  return f;
}

const unit = (u: string, n: number) => numberFormat({ style: 'unit', unit: u, unitDisplay: 'short' }).format(n);

/** A countdown length: "45 sec", "12 min", "1 hr 5 min". Rounds up so "0 min" never shows early. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  if (s < 60) return unit('second', s);
  const totalMin = Math.ceil(s / 60);
  if (totalMin < 60) return unit('minute', totalMin);
  const h = Math.floor(totalMin / 60);
  const m = totalMin % 60;
  return m === 0 ? unit('hour', h) : t('format.hoursMinutes', { hours: unit('hour', h), minutes: unit('minute', m) });
}

/** A wall-clock time; with the weekday when it is not on the same local day as `now`. */
export function formatClock(ms: number, now: number): string {
  const sameDay = new Date(ms).toDateString() === new Date(now).toDateString();
  return dateFormat(
    sameDay ? { hour: 'numeric', minute: '2-digit' } : { weekday: 'short', hour: 'numeric', minute: '2-digit' },
  ).format(ms);
}

/** A walking distance: metres rounded to 10 m below 1 km, then kilometres with one decimal. */
export function formatDistance(m: number): string {
  // CLDR's short Persian metre has no space ("۳۵۰متر" reads as one word): Persian gets the long form.
  const unitDisplay = locale() === 'fa' ? 'long' : 'short';
  if (m < 1000)
    return numberFormat({ style: 'unit', unit: 'meter', unitDisplay }).format(Math.max(10, Math.round(m / 10) * 10));
  return numberFormat({ style: 'unit', unit: 'kilometer', unitDisplay, maximumFractionDigits: 1 }).format(m / 1000);
}

/** A coordinate at street precision (4 decimals), in the locale's digits. */
export function formatCoord(x: number): string {
  return numberFormat({ minimumFractionDigits: 4, maximumFractionDigits: 4 }).format(x);
}

/** A storage size, decimal units in the locale's words and digits: "850 kB", "12.3 MB", «1,2 ГБ». */
export function formatBytes(n: number): string {
  const size = (value: number, u: string, digits: number) =>
    numberFormat({
      style: 'unit',
      unit: u,
      unitDisplay: 'short',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(value);
  if (n < 1e6) return size(Math.max(0, Math.round(n / 1e3)), 'kilobyte', 0);
  if (n < 1e9) return size(n / 1e6, 'megabyte', n < 1e7 ? 1 : 0);
  return size(n / 1e9, 'gigabyte', 1);
}

/** A short list joined the locale's way ("a, b", «a، b», 「a、b」); Intl.ListFormat's data differs too much between languages here. */
export function formatList(items: readonly string[]): string {
  return items.join(t('format.listSeparator'));
}
