/**
 * The stored app-PIN record and whether one is set: all the boot needs to
 * decide between the lock screen and the map. Apart from pinLock.ts (the key
 * derivation, wrapping and changing the PIN), so a phone without a PIN never
 * loads that code at start; pinLock.ts re-exports these.
 */
import { fromB64url } from '../protocol/base64url';

export const PIN_ITERATIONS = 600_000;
/** The localStorage key of the record (unsealed: it is what unseals everything else). */
export const PIN_RECORD_KEY = 'vada.pin.v1';

/** What is stored for a PIN (all base64url). */
export interface PinRecord {
  readonly v: 1;
  readonly salt: string;
  readonly iterations: number;
  /** nonce ‖ AES-GCM(kek, data key). */
  readonly wrappedKey: string;
  /** nonce ‖ AES-GCM(duress kek, DURESS_CHECK); absent without a duress PIN. */
  readonly duressCheck?: string;
}

/** Where the record is kept (localStorage in the browser, a map in tests). */
export interface PinRecordStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** This browser's localStorage, if it may be used. */
export function browserPinStorage(): PinRecordStorage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/** True for base64url that decodes (stored values are not trusted). */
function decodes(s: string): boolean {
  try {
    fromB64url(s);
    return true;
  } catch {
    return false;
  }
}

/** The stored record, or undefined when there is no (valid) PIN. */
export function loadPinRecord(storage = browserPinStorage()): PinRecord | undefined {
  let v: unknown;
  try {
    v = JSON.parse(storage?.getItem(PIN_RECORD_KEY) ?? 'null');
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  const b64 = (x: unknown) => typeof x === 'string' && x.length <= 200 && decodes(x);
  if (o.v !== 1 || !b64(o.salt) || o.iterations !== PIN_ITERATIONS || !b64(o.wrappedKey)) return undefined;
  if (o.duressCheck !== undefined && !b64(o.duressCheck)) return undefined;
  return o as unknown as PinRecord;
}

/** True when a valid PIN record is stored. */
export function hasPin(storage = browserPinStorage()): boolean {
  return loadPinRecord(storage) !== undefined;
}
