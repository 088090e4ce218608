/**
 * Small user preferences kept on this device (localStorage): relays, the last
 * viewed map area, whether to use location, language, alert preferences,
 * followed points, dismissed alert banners and whether the first-run hint was
 * dismissed (never published). Parsed defensively on
 * read. With an app PIN all but the lock screen's language are sealed
 * (sealedSettings.ts); this store is then used only before unlocking. When storage is blocked (some private windows) settings live in
 * memory for the session instead of breaking the app.
 */
import { parseAlertSettings, type AlertSettings } from '../domain/alertSettings';
import { asRecordId } from '../domain/brand';

/** At most this many followed points are kept (a bound on what a corrupted store can cost). */
export const FOLLOWED_MAX = 500;
/** At most this many dismissed alerts are remembered (each expires with its alert anyway). */
export const DISMISSED_MAX = 200;
/** Longest dismissal key kept (two record ids, a kind, a trust and a count fit well within it). */
const DISMISSED_KEY_MAX = 300;

/** An alert banner the user dismissed, remembered until the alert itself stops counting. */
export interface DismissedAlert {
  readonly key: string;
  /** Epoch ms after which the entry is dropped. */
  readonly until: number;
}

export interface MapViewSetting {
  readonly lat: number;
  readonly lon: number;
  readonly zoom: number;
}

export interface Settings {
  /** Relays the user chose; undefined means "use the defaults". */
  readonly relays?: readonly string[];
  readonly view?: MapViewSetting;
  readonly shareLocation: boolean;
  readonly locale?: string;
  readonly alerts?: AlertSettings;
  /** Record ids of followed points (kept on the device only). */
  readonly followed?: readonly string[];
  /** Points followed automatically once (own or co-organized); unfollowing one is not undone. */
  readonly autoFollowed?: readonly string[];
  /** Dismissed alert banners, so a reload does not bring them back. */
  readonly dismissedAlerts?: readonly DismissedAlert[];
  /** What three quick taps on the connection line do (the panic wipe); absent means 'ask'. */
  readonly panicGesture?: PanicGesture;
  /** The first-run hint was dismissed ("Got it"): it is not shown at start again. */
  readonly firstRunHintDismissed?: boolean;
}

export type PanicGesture = 'off' | 'ask' | 'immediate';
export const PANIC_GESTURES: readonly PanicGesture[] = ['off', 'ask', 'immediate'];

export interface SettingsStore {
  load(): Settings;
  save(patch: Partial<Settings>): void;
}

/** localStorage key of the settings kept in the clear (all of them without a PIN). */
export const SETTINGS_KEY = 'vada.settings.v1';
const KEY = SETTINGS_KEY;

function parseView(v: unknown): MapViewSetting | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const { lat, lon, zoom } = v as Record<string, unknown>;
  const num = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
  if (!num(lat) || !num(lon) || !num(zoom)) return undefined;
  if (Math.abs(lat as number) > 85 || Math.abs(lon as number) > 180 || (zoom as number) < 1 || (zoom as number) > 19)
    return undefined;
  return { lat: lat as number, lon: lon as number, zoom: zoom as number };
}

/** Canonical record ids only, each once, at most FOLLOWED_MAX; anything else is dropped. */
function parseFollowed(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const ids = new Set<string>();
  for (const x of v) {
    if (ids.size >= FOLLOWED_MAX) break;
    const id = asRecordId(x);
    if (id) ids.add(id);
  }
  return [...ids];
}

/** Well-formed entries only, each key once, at most DISMISSED_MAX; anything else is dropped. */
function parseDismissed(v: unknown): DismissedAlert[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out = new Map<string, DismissedAlert>();
  for (const x of v) {
    if (out.size >= DISMISSED_MAX) break;
    if (typeof x !== 'object' || x === null) continue;
    const { key, until } = x as Record<string, unknown>;
    if (typeof key !== 'string' || key.length === 0 || key.length > DISMISSED_KEY_MAX) continue;
    if (typeof until !== 'number' || !Number.isFinite(until)) continue;
    out.set(key, { key, until });
  }
  return [...out.values()];
}

/** Turns stored JSON text (or nothing) into Settings, ignoring anything malformed. */
export function parseSettings(text: string | null): Settings {
  let o: Record<string, unknown> = {};
  try {
    const v: unknown = text ? JSON.parse(text) : {};
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) o = v as Record<string, unknown>;
  } catch {
    /* corrupted: start from defaults */
  }
  const relays =
    Array.isArray(o.relays) && o.relays.every((r) => typeof r === 'string' && r.length <= 500)
      ? (o.relays as string[]).slice(0, 20)
      : undefined;
  const view = parseView(o.view);
  const followed = parseFollowed(o.followed);
  const autoFollowed = parseFollowed(o.autoFollowed);
  const dismissedAlerts = parseDismissed(o.dismissedAlerts);
  return {
    shareLocation: o.shareLocation === true,
    ...(relays ? { relays } : {}),
    ...(view ? { view } : {}),
    ...(typeof o.locale === 'string' && o.locale.length <= 20 ? { locale: o.locale } : {}),
    ...(o.alerts !== undefined ? { alerts: parseAlertSettings(o.alerts) } : {}),
    ...(followed ? { followed } : {}),
    ...(autoFollowed ? { autoFollowed } : {}),
    ...(dismissedAlerts ? { dismissedAlerts } : {}),
    ...(PANIC_GESTURES.includes(o.panicGesture as PanicGesture)
      ? { panicGesture: o.panicGesture as PanicGesture }
      : {}),
    ...(o.firstRunHintDismissed === true ? { firstRunHintDismissed: true } : {}),
  };
}

/** Settings in memory only (tests, or when localStorage is unavailable). */
export function createMemorySettingsStore(initial: Partial<Settings> = {}): SettingsStore {
  let current: Settings = { shareLocation: false, ...initial };
  return {
    load: () => current,
    save(patch) {
      current = { ...current, ...patch };
    },
  };
}

function usableStorage(): Storage | undefined {
  try {
    const s = globalThis.localStorage;
    s.setItem(`${KEY}.probe`, '1');
    s.removeItem(`${KEY}.probe`);
    return s;
  } catch {
    return undefined;
  }
}

/** Set by the panic wipe: from then on this page writes no setting (a late map move would bring one back). */
let writesStopped = false;

/** Makes every later save() of every settings store of this page a no-op (the panic wipe calls it first). */
export function stopSettingsWrites(): void {
  writesStopped = true;
}

/** Whether stopSettingsWrites was called in this page. */
export function settingsWritesStopped(): boolean {
  return writesStopped;
}

/** Settings in localStorage, or in memory when the browser refuses storage. */
export function openSettingsStore(): SettingsStore {
  const storage = usableStorage();
  if (!storage) return createMemorySettingsStore();
  return {
    load: () => parseSettings(storage.getItem(KEY)),
    save(patch) {
      if (writesStopped) return;
      const next = { ...parseSettings(storage.getItem(KEY)), ...patch };
      try {
        storage.setItem(KEY, JSON.stringify(next));
      } catch {
        /* quota or blocked: the preference lasts for this session only */
      }
    },
  };
}
