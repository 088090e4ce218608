/**
 * The optional app PIN. PBKDF2-SHA-256 (600,000 iterations, 16-byte random
 * salt) turns the PIN into a key-encryption key that wraps (AES-GCM) a random
 * 256-bit data key; after unlocking, every stored value is sealed with the
 * data key (AES-GCM, fresh random 12-byte nonce per value) through
 * setAtRest. An optional duress PIN (same salt) decrypts only a check value:
 * entering it at the lock screen wipes the phone instead. Right, wrong and
 * duress PINs cost the same single derivation, so timing does not tell them
 * apart. The record ({salt, iterations, wrapped key, duress check}) lives in
 * localStorage, unsealed, and is erased by the panic wipe with everything else.
 * The same data key, through HKDF-SHA-256, gives an HMAC-SHA-256 key for
 * lookup keys (atRest().lookup): rows are found by id, yet a stored key cannot
 * be matched against what relays hold.
 */
import { fromB64url as decodeB64url, toB64url } from '../protocol/base64url';
import type { AtRestCodec } from './atRest';
import { eraseAppData } from './panicWipe';
import { sealSettings, unsealSettings } from './sealedSettings';
import { stopSettingsWrites } from './settingsStore';
import {
  browserPinStorage as browserStorage,
  PIN_ITERATIONS,
  PIN_RECORD_KEY as RECORD_KEY,
  type PinRecord,
  type PinRecordStorage,
} from './pinRecord';

// Reading the record is its own small module (the boot needs only that); the rest comes on demand.
export { hasPin, loadPinRecord, PIN_ITERATIONS, type PinRecord, type PinRecordStorage } from './pinRecord';

export const SALT_BYTES = 16;
const NONCE_BYTES = 12;
const KEY_BYTES = 32;
const DURESS_CHECK = 'vada duress check v1';
const LOOKUP_INFO = 'vada lookup key v1';

export type UnlockResult = { kind: 'unlocked'; codec: AtRestCodec } | { kind: 'duress' } | { kind: 'wrong' };

const subtle = () => globalThis.crypto.subtle;
/** base64url to bytes, undefined when malformed (stored values are not trusted). */
function fromB64url(s: string): Uint8Array | undefined {
  try {
    return decodeB64url(s);
  } catch {
    return undefined;
  }
}
const random = (n: number) => globalThis.crypto.getRandomValues(new Uint8Array(n));
const utf8 = new TextEncoder();
const bytes = (b: Uint8Array) => b as Uint8Array<ArrayBuffer>;

/** The key-encryption key for `pin`: never a single hash, always the full PBKDF2 run. */
export async function deriveKek(pin: string, salt: Uint8Array, iterations = PIN_ITERATIONS): Promise<CryptoKey> {
  const base = await subtle().importKey('raw', utf8.encode(pin), 'PBKDF2', false, ['deriveKey']);
  return subtle().deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: bytes(salt), iterations },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

async function encrypt(key: CryptoKey, plain: Uint8Array): Promise<Uint8Array> {
  const nonce = random(NONCE_BYTES);
  const sealed = new Uint8Array(await subtle().encrypt({ name: 'AES-GCM', iv: nonce }, key, bytes(plain)));
  const out = new Uint8Array(NONCE_BYTES + sealed.length);
  out.set(nonce);
  out.set(sealed, NONCE_BYTES);
  return out;
}

/** Rejects when the bytes were not sealed with `key` or were changed. */
async function decrypt(key: CryptoKey, sealed: Uint8Array): Promise<Uint8Array> {
  if (sealed.length < NONCE_BYTES + 16) throw new Error('sealed value too short');
  const iv = bytes(sealed.slice(0, NONCE_BYTES));
  return new Uint8Array(await subtle().decrypt({ name: 'AES-GCM', iv }, key, bytes(sealed.slice(NONCE_BYTES))));
}

/** Stored form of a sealed value. */
interface SealedValue {
  readonly sealed: string;
}

/**
 * The at-rest codec for a data key: JSON, then AES-GCM with a fresh nonce per
 * value; lookup keys are HMAC-SHA-256 under `lookupKey`, with the store's name
 * in the message so one id gives unrelated keys in two stores.
 */
export function aesCodec(dataKey: CryptoKey, lookupKey: CryptoKey): AtRestCodec {
  return {
    async lookup(store, id) {
      const mac = await subtle().sign('HMAC', lookupKey, utf8.encode(`${store}\n${id}`));
      return toB64url(new Uint8Array(mac));
    },
    async seal(value) {
      const sealed = await encrypt(dataKey, utf8.encode(JSON.stringify(value)));
      return { sealed: toB64url(sealed) } satisfies SealedValue;
    },
    async open<T>(stored: unknown): Promise<T> {
      const text = (stored as Partial<SealedValue> | null)?.sealed;
      const raw = typeof text === 'string' ? fromB64url(text) : undefined;
      if (!raw) throw new Error('not a sealed value');
      return JSON.parse(new TextDecoder().decode(await decrypt(dataKey, raw))) as T;
    },
  };
}

/** The codec for raw data-key bytes: the bytes are the AES-GCM key, and HKDF of them the lookup (HMAC) key. */
export async function codecFromDataKey(raw: Uint8Array): Promise<AtRestCodec> {
  const dataKey = await subtle().importKey('raw', bytes(raw), 'AES-GCM', false, ['encrypt', 'decrypt']);
  const base = await subtle().importKey('raw', bytes(raw), 'HKDF', false, ['deriveKey']);
  const lookupKey = await subtle().deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(32), info: utf8.encode(LOOKUP_INFO) },
    base,
    { name: 'HMAC', hash: 'SHA-256', length: 256 },
    false,
    ['sign'],
  );
  return aesCodec(dataKey, lookupKey);
}

/** A new PIN record (a new random data key) and the codec of that key; `iterations` only for tests' speed checks. */
export async function createPin(
  pin: string,
  duress: string | undefined,
  iterations = PIN_ITERATIONS,
): Promise<{ record: PinRecord; codec: AtRestCodec }> {
  const salt = random(SALT_BYTES);
  const dataKey = random(KEY_BYTES);
  const wrappedKey = await encrypt(await deriveKek(pin, salt, iterations), dataKey);
  const codec = await codecFromDataKey(dataKey);
  dataKey.fill(0);
  const duressCheck = duress
    ? await encrypt(await deriveKek(duress, salt, iterations), utf8.encode(DURESS_CHECK))
    : undefined;
  const record: PinRecord = {
    v: 1,
    salt: toB64url(salt),
    iterations,
    wrappedKey: toB64url(wrappedKey),
    ...(duressCheck ? { duressCheck: toB64url(duressCheck) } : {}),
  };
  return { record, codec };
}

/** A new PIN record without its codec. */
export async function createPinRecord(
  pin: string,
  duress: string | undefined,
  iterations = PIN_ITERATIONS,
): Promise<PinRecord> {
  return (await createPin(pin, duress, iterations)).record;
}

export function savePinRecord(record: PinRecord, storage = browserStorage()): void {
  storage?.setItem(RECORD_KEY, JSON.stringify(record));
}

export function removePinRecord(storage = browserStorage()): void {
  storage?.removeItem(RECORD_KEY);
}

/** Tries `pin` against the record: the data key's codec, the duress signal, or wrong. */
export async function unlockWithPin(record: PinRecord, pin: string): Promise<UnlockResult> {
  const salt = fromB64url(record.salt);
  const wrapped = fromB64url(record.wrappedKey);
  if (!salt || !wrapped) return { kind: 'wrong' };
  const kek = await deriveKek(pin, salt, record.iterations);
  try {
    const raw = await decrypt(kek, wrapped);
    const codec = await codecFromDataKey(raw);
    raw.fill(0);
    return { kind: 'unlocked', codec };
  } catch {
    /* not the PIN: maybe the duress PIN */
  }
  const check = record.duressCheck ? fromB64url(record.duressCheck) : undefined;
  if (check) {
    try {
      if (new TextDecoder().decode(await decrypt(kek, check)) === DURESS_CHECK) return { kind: 'duress' };
    } catch {
      /* wrong */
    }
  }
  return { kind: 'wrong' };
}

/** What setting or removing the PIN needs (fakes in tests). */
export interface PinChangeDeps {
  erase(): Promise<void>;
  storage: PinRecordStorage | undefined;
  reload(): void;
  /** Stops this page's own settings writes (a late map move must not write a setting in the clear). */
  stopWrites?(): void;
  /** Settings into sealed storage under the new key (sealedSettings.ts). */
  sealSettings?(codec: AtRestCodec): Promise<void>;
  /** Settings back in the clear (removing the PIN). */
  unsealSettings?(): Promise<void>;
}

const browserChangeDeps = (): PinChangeDeps => ({
  erase: eraseAppData,
  storage: browserStorage(),
  reload: () => location.reload(),
  stopWrites: stopSettingsWrites,
  sealSettings: (codec) => sealSettings(codec),
  unsealSettings: () => unsealSettings(),
});

/**
 * Sets the app PIN: starts fresh (erases this phone's Vada database and
 * recreates it empty, so nothing stays unsealed and a new identity is made),
 * seals the settings under the new key, stores the record, reloads into the
 * lock screen. The record is stored last: an interrupted change leaves no PIN
 * (at worst it loses the settings, never leaves them readable under a PIN).
 */
export async function setAppPin(pin: string, duress: string, deps: PinChangeDeps = browserChangeDeps()): Promise<void> {
  const { record, codec } = await createPin(pin, duress === '' ? undefined : duress);
  deps.stopWrites?.();
  await deps.erase();
  await deps.sealSettings?.(codec);
  savePinRecord(record, deps.storage);
  deps.reload();
}

/**
 * Removes the app PIN: erases the sealed data (it could not be opened without
 * the PIN), puts the settings back in the clear (opened with the current
 * codec), forgets the record, then reloads.
 */
export async function removeAppPin(deps: PinChangeDeps = browserChangeDeps()): Promise<void> {
  deps.stopWrites?.();
  await deps.erase();
  await deps.unsealSettings?.();
  removePinRecord(deps.storage);
  deps.reload();
}
