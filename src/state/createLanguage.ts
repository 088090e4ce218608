/**
 * The language the app speaks: changed from Settings at once (no reload),
 * kept in the device's settings (in the clear part even under a PIN, so the
 * lock screen speaks it too). A catalogue that cannot be fetched (offline
 * before the worker cached it) leaves the current language and says so.
 */
import { createSignal } from 'solid-js';
import { locale, setLocale, type Locale } from '../i18n';
import type { SettingsStore } from '../platform/settingsStore';

export type LanguageChange = 'idle' | 'loading' | 'failed';

export interface LanguageSlice {
  /** The active language (reactive). */
  readonly current: () => Locale;
  /** Where the last change stands: loading its catalogue, or failed to. */
  readonly change: () => LanguageChange;
  /** Switches to `next` and keeps the choice; resolves false when its text could not be loaded. */
  choose(next: Locale): Promise<boolean>;
}

export function createLanguage(settings: SettingsStore): LanguageSlice {
  const [change, setChange] = createSignal<LanguageChange>('idle');
  let latest: Locale | undefined;
  return {
    current: locale,
    change,
    async choose(next) {
      latest = next;
      setChange('loading');
      try {
        await setLocale(next);
      } catch {
        // A quicker later choice wins; only the latest reports its failure.
        if (latest === next) setChange('failed');
        return false;
      }
      if (latest !== next) return true;
      settings.save({ locale: next });
      setChange('idle');
      return true;
    },
  };
}
