/**
 * What only a phone with an app PIN needs at start (unlocking, the sealed
 * settings, re-keying old rows), fetched as its own chunk: a phone without a
 * PIN never loads it, one with a PIN loads it before the lock screen shows.
 * Reading whether a PIN is set stays in the entry (pinLock.ts's loadPinRecord).
 */
import { retryingImport } from '../domain/retryingImport';
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

// Each fetched again under a fresh URL after a failure (src/domain/retryingImport.ts).
const importPinLock = retryingImport(() => import('./pinLock'));
const importAtRest = retryingImport(() => import('./atRest'));
const importSealedSettings = retryingImport(() => import('./sealedSettings'));
const importRekeyRows = retryingImport(() => import('./rekeyRows'));

/** Loads the PIN start-up code (cached by the service worker like every chunk). */
export async function loadPinUnlock(): Promise<PinUnlock> {
  const [pinLock, atRest, sealed, rekey] = await Promise.all([
    importPinLock(),
    importAtRest(),
    importSealedSettings(),
    importRekeyRows(),
  ]);
  return {
    unlockWithPin: pinLock.unlockWithPin,
    setAtRest: atRest.setAtRest,
    openSealedSettingsStore: () => sealed.openSealedSettingsStore(),
    rekeyRows: rekey.rekeyRows,
  };
}
