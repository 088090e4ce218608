/**
 * What only a phone with an app PIN needs at start (unlocking, the sealed
 * settings, re-keying old rows), fetched as its own chunk: a phone without a
 * PIN never loads it, one with a PIN loads it before the lock screen shows.
 * Reading whether a PIN is set stays in the entry (pinLock.ts's loadPinRecord).
 */
import type { AtRestCodec } from './atRest';
import type { PinRecord, UnlockResult } from './pinLock';
import type { SettingsStore } from './settingsStore';

/** The start-up steps of a locked phone. */
export interface PinUnlock {
  unlockWithPin(record: PinRecord, pin: string): Promise<UnlockResult>;
  setAtRest(codec: AtRestCodec | undefined): void;
  openSealedSettingsStore(): Promise<SettingsStore>;
  rekeyRows(): Promise<number>;
}

/** Loads the PIN start-up code (cached by the service worker like every chunk). */
export async function loadPinUnlock(): Promise<PinUnlock> {
  const [pinLock, atRest, sealed, rekey] = await Promise.all([
    import('./pinLock'),
    import('./atRest'),
    import('./sealedSettings'),
    import('./rekeyRows'),
  ]);
  return {
    unlockWithPin: pinLock.unlockWithPin,
    setAtRest: atRest.setAtRest,
    openSealedSettingsStore: () => sealed.openSealedSettingsStore(),
    rekeyRows: rekey.rekeyRows,
  };
}
