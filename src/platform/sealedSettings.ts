/**
 * Settings under an app PIN. The map view, followed points, relays, alert
 * preferences, the location flag and the panic-gesture mode say where the
 * user was and what they follow, so with a PIN they are sealed with the data
 * key (AES-GCM, atRest()) in one localStorage value. Only what the lock
 * screen needs before unlocking stays in the clear: the language it is shown
 * in (CLEAR_SETTINGS). The lock screen has no panic gesture (it has no
 * connection line to tap; its duress PIN is the wipe), so the gesture mode is
 * sealed too. Saves are kept in memory at once and written sealed in order.
 */
import { atRest, type AtRestCodec } from './atRest';
import {
  createMemorySettingsStore,
  parseSettings,
  SETTINGS_KEY,
  settingsWritesStopped,
  type Settings,
  type SettingsStore,
} from './settingsStore';

/** localStorage key of the sealed settings. */
export const SEALED_SETTINGS_KEY = 'vada.settings.sealed.v1';
/** The only settings readable before unlocking (the lock screen's language). */
export const CLEAR_SETTINGS = ['locale'] as const satisfies readonly (keyof Settings)[];

/** The part of localStorage used (a map in tests). */
export interface SettingsStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

function browserStorage(): SettingsStorage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

const clearPart = (s: Settings): Partial<Settings> => (s.locale === undefined ? {} : { locale: s.locale });

/** The sealed settings, or undefined when there are none or they do not open with `codec`. */
async function openSealed(codec: AtRestCodec, storage: SettingsStorage): Promise<Settings | undefined> {
  try {
    const text = storage.getItem(SEALED_SETTINGS_KEY);
    if (text === null) return undefined;
    return parseSettings(JSON.stringify(await codec.open(JSON.parse(text))));
  } catch {
    return undefined;
  }
}

/** Writes `s` sealed and leaves only the clear fields in the clear; `force` writes even after a wipe began. */
async function write(codec: AtRestCodec, storage: SettingsStorage, s: Settings, force = false): Promise<void> {
  const sealed = await codec.seal(s);
  if (settingsWritesStopped() && !force) return;
  try {
    storage.setItem(SEALED_SETTINGS_KEY, JSON.stringify(sealed));
    storage.setItem(SETTINGS_KEY, JSON.stringify(clearPart(s)));
  } catch {
    /* quota or blocked: the preference lasts for this session only */
  }
}

/** What is stored now: the sealed settings (clear language first), or, from before the PIN, the clear ones. */
async function current(codec: AtRestCodec, storage: SettingsStorage): Promise<Settings> {
  const clear = parseSettings(storage.getItem(SETTINGS_KEY));
  const sealed = await openSealed(codec, storage);
  return sealed ? { ...sealed, ...clearPart(clear) } : clear;
}

/** Whether the clear value holds more than CLEAR_SETTINGS (settings from before the PIN): they must be sealed. */
function clearHoldsMore(storage: SettingsStorage): boolean {
  try {
    const v: unknown = JSON.parse(storage.getItem(SETTINGS_KEY) ?? '{}');
    const clear: readonly string[] = CLEAR_SETTINGS;
    return typeof v !== 'object' || v === null || Object.keys(v).some((k) => !clear.includes(k));
  } catch {
    return true;
  }
}

/** How often a save is sealed again when another tab wrote the settings while it was sealing. */
const WRITE_TRIES = 8;

/**
 * Writes `patch` over the settings stored now, not over this page's copy: another tab may have saved
 * since (its change stays). Sealing is async, so the stored value is compared before writing and the
 * save is sealed again if another tab wrote meanwhile (getItem and setItem run in one turn).
 */
async function writePatch(codec: AtRestCodec, storage: SettingsStorage, patch: Partial<Settings>): Promise<void> {
  for (let i = 0; i < WRITE_TRIES; i++) {
    const seen = storage.getItem(SEALED_SETTINGS_KEY);
    const next = { ...(await current(codec, storage)), ...patch };
    const sealed = JSON.stringify(await codec.seal(next));
    if (settingsWritesStopped()) return;
    if (storage.getItem(SEALED_SETTINGS_KEY) !== seen) continue;
    try {
      storage.setItem(SEALED_SETTINGS_KEY, sealed);
      storage.setItem(SETTINGS_KEY, JSON.stringify(clearPart(next)));
    } catch {
      /* quota or blocked: the preference lasts for this session only */
    }
    return;
  }
}

/**
 * The settings store after unlocking: read once (sealing settings left in the
 * clear), then kept in memory; each save is written sealed, in order, merged
 * into what is stored then (so two tabs' saves both stay).
 */
export async function openSealedSettingsStore(
  codec: AtRestCodec = atRest(),
  storage: SettingsStorage | undefined = browserStorage(),
): Promise<SettingsStore> {
  if (!storage) return createMemorySettingsStore();
  let now = await current(codec, storage);
  // Only a migration writes on opening: rewriting what was just read could undo another tab's save made meanwhile.
  if (clearHoldsMore(storage)) await write(codec, storage, now);
  let queue: Promise<void> = Promise.resolve();
  return {
    load: () => now,
    save(patch) {
      if (settingsWritesStopped()) return;
      now = { ...now, ...patch };
      queue = queue.then(() => writePatch(codec, storage, patch)).catch(() => undefined);
    },
  };
}

/** Setting a PIN: the settings kept so far go into sealed storage under its key (even after writes stopped). */
export async function sealSettings(
  codec: AtRestCodec,
  storage: SettingsStorage | undefined = browserStorage(),
): Promise<void> {
  if (storage) await write(codec, storage, await current(codec, storage), true);
}

/** Removing the PIN: the sealed settings (opened with `codec`) back in the clear, the sealed value gone. */
export async function unsealSettings(
  codec: AtRestCodec = atRest(),
  storage: SettingsStorage | undefined = browserStorage(),
): Promise<void> {
  if (!storage) return;
  const s = await current(codec, storage);
  try {
    storage.setItem(SETTINGS_KEY, JSON.stringify(s));
    storage.removeItem(SEALED_SETTINGS_KEY);
  } catch {
    /* blocked: nothing to move */
  }
}
