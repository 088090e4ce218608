/**
 * The user's alert preferences (kept on the device only). The type and its
 * defaults live here so that storage (platform) and state share one definition;
 * src/platform/settingsStore.ts parses stored values into it (parseAlertSettings).
 */
import { checkText } from './text';

/** What the lock screen may show of an alert. */
export type LockScreenText = 'discreet' | 'kind' | 'full';

export interface AlertSettings {
  /** Alerts also for points within this many metres of the user's location (0 = followed points only). */
  readonly radiusM: number;
  readonly vibrate: boolean;
  readonly sound: boolean;
  /** System notifications while the page is hidden. */
  readonly notify: boolean;
  /**
   * discreet: only `discreetText` (default "Vada"), nothing about alerts or places;
   * kind: the alert kind and trust level, no place names; full: also the point's title.
   */
  readonly lockScreen: LockScreenText;
  readonly discreetText: string;
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  radiusM: 0,
  vibrate: true,
  sound: false,
  notify: false,
  lockScreen: 'discreet',
  discreetText: 'Vada',
};
export const ALERT_RADIUS_CHOICES_M = [0, 500, 1000, 2000, 5000] as const;
export const DISCREET_TEXT_MAX = 40;

const isRadius = (v: unknown): v is number => (ALERT_RADIUS_CHOICES_M as readonly unknown[]).includes(v);
const isLockScreen = (v: unknown): v is LockScreenText => v === 'discreet' || v === 'kind' || v === 'full';
const bool = (v: unknown, fallback: boolean) => (typeof v === 'boolean' ? v : fallback);

/**
 * Stored (untrusted: hand-edited or from an older version) alert settings;
 * each field falls back to its default on its own, so one bad value does not
 * reset the others.
 */
export function parseAlertSettings(value: unknown): AlertSettings {
  const obj =
    typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  // Own fields only: nothing inherited through a planted prototype counts.
  const o = Object.fromEntries(Object.entries(obj)) as Record<string, unknown>;
  const d = DEFAULT_ALERT_SETTINGS;
  const text = checkText(o.discreetText, 'discreet text', 1, DISCREET_TEXT_MAX, false);
  return {
    radiusM: isRadius(o.radiusM) ? o.radiusM : d.radiusM,
    vibrate: bool(o.vibrate, d.vibrate),
    sound: bool(o.sound, d.sound),
    notify: bool(o.notify, d.notify),
    lockScreen: isLockScreen(o.lockScreen) ? o.lockScreen : d.lockScreen,
    // Shown on the lock screen: the same text rules as peer text (no controls, no bidi tricks, one line).
    discreetText: text.ok ? text.text : d.discreetText,
  };
}
