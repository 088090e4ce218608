/** Settings under an app PIN: sealed in localStorage except the lock screen's language; migrated and unsealed. */
import { describe, expect, it } from 'vitest';
import { codecFromDataKey } from '../../../src/platform/pinLock';
import { toB64url } from '../../../src/protocol/base64url';
import {
  CLEAR_SETTINGS,
  openSealedSettingsStore,
  SEALED_SETTINGS_KEY,
  sealSettings,
  unsealSettings,
  type SettingsStorage,
} from '../../../src/platform/sealedSettings';
import { SETTINGS_KEY } from '../../../src/platform/settingsStore';

function memoryStorage(): SettingsStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

const followed = toB64url(new Uint8Array(32).fill(7));
const full = {
  relays: ['wss://relay.example.org/gun'],
  view: { lat: 53.9045, lon: 27.5615, zoom: 15 },
  shareLocation: true,
  locale: 'be',
  followed: [followed],
  panicGesture: 'immediate' as const,
  firstRunHintDismissed: true,
};
const secrets = [
  'relay.example.org',
  '53.9045',
  '27.5615',
  followed,
  'shareLocation',
  'immediate',
  'view',
  // That Vada was used here before (the first-run hint was dismissed) is sealed too.
  'firstRunHintDismissed',
];
const newCodec = () => codecFromDataKey(crypto.getRandomValues(new Uint8Array(32)));
/** Everything in the storage as one text (what a dump of localStorage shows). */
const dump = (s: { map: Map<string, string> }) => JSON.stringify([...s.map]);
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('sealed settings', () => {
  it('setting a PIN leaves only the documented clear fields readable', async () => {
    const storage = memoryStorage();
    storage.setItem(SETTINGS_KEY, JSON.stringify(full));
    await sealSettings(await newCodec(), storage);
    expect(CLEAR_SETTINGS).toEqual(['locale']);
    expect(JSON.parse(storage.getItem(SETTINGS_KEY) ?? 'null')).toEqual({ locale: 'be' });
    for (const s of secrets) expect(dump(storage)).not.toContain(s);
    expect([...storage.map.keys()].sort()).toEqual([SEALED_SETTINGS_KEY, SETTINGS_KEY].sort());
  });

  it('opens with the right key, keeps saves sealed, and a wrong key reads only the clear part', async () => {
    const storage = memoryStorage();
    const codec = await newCodec();
    storage.setItem(SETTINGS_KEY, JSON.stringify(full));
    await sealSettings(codec, storage);
    const store = await openSealedSettingsStore(codec, storage);
    expect(store.load()).toEqual(full);
    store.save({ view: { lat: 53.9123, lon: 27.5777, zoom: 12 }, relays: ['wss://second.example.net/gun'] });
    expect(store.load().view?.lat).toBe(53.9123);
    await settle();
    for (const s of [...secrets, '53.9123', '27.5777', 'second.example.net']) expect(dump(storage)).not.toContain(s);
    expect((await openSealedSettingsStore(codec, storage)).load()).toMatchObject({
      view: { lat: 53.9123, lon: 27.5777, zoom: 12 },
      relays: ['wss://second.example.net/gun'],
      followed: [followed],
    });
    const wrong = memoryStorage();
    for (const [k, v] of storage.map) wrong.map.set(k, v);
    expect((await openSealedSettingsStore(await newCodec(), wrong)).load()).toEqual({
      shareLocation: false,
      locale: 'be',
    });
  });

  it('migrates settings left in the clear (a PIN set before this version) at the first unlock', async () => {
    const storage = memoryStorage();
    storage.setItem(SETTINGS_KEY, JSON.stringify(full));
    const store = await openSealedSettingsStore(await newCodec(), storage);
    expect(store.load()).toEqual(full);
    for (const s of secrets) expect(dump(storage)).not.toContain(s);
  });

  it('removing the PIN puts the settings back in the clear and drops the sealed value', async () => {
    const storage = memoryStorage();
    const codec = await newCodec();
    storage.setItem(SETTINGS_KEY, JSON.stringify(full));
    await sealSettings(codec, storage);
    await unsealSettings(codec, storage);
    expect(storage.getItem(SEALED_SETTINGS_KEY)).toBeNull();
    expect(JSON.parse(storage.getItem(SETTINGS_KEY) ?? 'null')).toEqual(full);
  });
});
