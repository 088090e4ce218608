/**
 * How values are stored at rest in IndexedDB. Without an app PIN values are
 * stored as they are; with one, the PIN module swaps in a codec that seals
 * every value with a data key unwrapped from the PIN (src/platform/pinLock.ts).
 * Stores call `atRest().seal/open` on every put/get so the switch is in one place.
 */
export interface AtRestCodec {
  /** Turns a value into what is stored. */
  seal<T>(value: T): Promise<unknown>;
  /** Turns what was stored back into the value; rejects when it cannot be opened. */
  open<T>(stored: unknown): Promise<T>;
}

const PLAIN: AtRestCodec = {
  seal: (value) => Promise.resolve(value),
  open: <T>(stored: unknown) => Promise.resolve(stored as T),
};

let current: AtRestCodec = PLAIN;

export function atRest(): AtRestCodec {
  return current;
}

/** Installs the codec used from now on (the PIN module, after unlocking); `undefined` restores plain storage. */
export function setAtRest(codec: AtRestCodec | undefined): void {
  current = codec ?? PLAIN;
}
