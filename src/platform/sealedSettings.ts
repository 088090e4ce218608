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

/**
 * The settings store after unlocking: read once (migrating settings left in
 * the clear), then kept in memory and written sealed after each save.
 */
export async function openSealedSettingsStore(
  codec: AtRestCodec = atRest(),
  storage: SettingsStorage | undefined = browserStorage(),
): Promise<SettingsStore> {
  if (!storage) return createMemorySettingsStore();
  let now = await current(codec, storage);
  await write(codec, storage, now);
  let queue: Promise<void> = Promise.resolve();
  return {
    load: () => now,
    save(patch) {
      if (settingsWritesStopped()) return;
      now = { ...now, ...patch };
      const next = now;
      queue = queue.then(() => write(codec, storage, next)).catch(() => undefined);
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
