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
  /**
   * The key a row of `store` is kept under for `id`: the id itself without a
   * PIN; with one, a keyed hash (HMAC under the data key), so the same id
   * always finds its row but a stored key cannot be looked up on a relay.
   */
  lookup(store: string, id: string): Promise<string>;
}

const PLAIN: AtRestCodec = {
  seal: (value) => Promise.resolve(value),
  open: <T>(stored: unknown) => Promise.resolve(stored as T),
  lookup: (_store, id) => Promise.resolve(id),
};

let current: AtRestCodec = PLAIN;

/** The codec in use now (plain until the right PIN installed its own). */
export function atRest(): AtRestCodec {
  return current;
}

/** Installs the codec used from now on (the PIN module, after unlocking); `undefined` restores plain storage. */
export function setAtRest(codec: AtRestCodec | undefined): void {
  current = codec ?? PLAIN;
}
