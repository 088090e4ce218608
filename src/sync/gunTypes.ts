/**
 * The small slice of GUN's chain API Vada uses, typed by hand: GUN's bundled
 * typings are heavy and loose, and keeping the surface this small is what makes
 * the transport replaceable.
 */
export interface GunChain {
  get(key: string): GunChain;
  put(value: string, ack?: (ack: { err?: string; ok?: unknown }) => void): GunChain;
  map(): GunChain;
  on(cb: (value: unknown, key: string) => void): GunChain;
  off(): void;
}

export interface GunPeer {
  url?: string;
  wire?: { readyState?: number; close(): void } | null;
  /** GUN's reconnect budget; a browser stops reconnecting once it reaches 0. */
  retry?: number;
  /** GUN's pending reconnect timer. */
  defer?: ReturnType<typeof setTimeout>;
}

export interface GunRoot extends GunChain {
  _: {
    opt: {
      peers: Record<string, GunPeer>;
      mesh?: { hear: (raw: unknown, peer: GunPeer) => void; bye?: (peer: GunPeer) => void };
      /** Opens a WebSocket link to a relay peer (GUN's own `open`). */
      wire?: (peer: GunPeer) => unknown;
    };
    on(event: string, cb: (this: { to: { next(x: unknown): void } }, x: unknown) => void): void;
  };
}

export type GunFactory = (opts: Record<string, unknown>) => GunRoot;
