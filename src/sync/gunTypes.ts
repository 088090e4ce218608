/**
 * The small slice of GUN's chain API Vada uses, typed by hand: GUN's bundled
 * typings are heavy and loose, and keeping the surface this small is what makes
 * the transport replaceable. GUN's internals are typed and touched only in
 * gunInternals.ts.
 */
export interface GunChain {
  get(key: string): GunChain;
  /**
   * One record's wire, or several records of one node (id → wire) in one PUT;
   * `ack` hears the relays' answers, up to `opt.acks` of them (GUN's default: the first only).
   */
  put(
    value: string | Readonly<Record<string, string>>,
    ack?: (ack: { err?: string; ok?: unknown }) => void,
    opt?: { acks?: number },
  ): GunChain;
  map(): GunChain;
  on(cb: (value: unknown, key: string) => void): GunChain;
  off(): void;
}

/** A GUN instance as the sync modules hold it: the chain API (its internals: gunInternals.ts). */
export type GunRoot = GunChain;

/**
 * A relay link in GUN's peer table, as GUN's WebSocket adapter keeps it. Other
 * modules pass it around as a handle; its fields are read and written only in
 * gunInternals.ts.
 */
export interface GunPeer {
  url?: string;
  wire?: { readyState?: number; close(): void } | null;
  /** GUN's reconnect budget; a browser stops reconnecting once it reaches 0. */
  retry?: number;
  /** GUN's pending reconnect timer. */
  defer?: ReturnType<typeof setTimeout>;
}
