/**
 * The few GUN internals the relay touches (gun 0.2020.1241, src/mesh.js and
 * src/root.js), typed narrowly. GUN ships no types for these.
 */
import GunImport from 'gun/gun.js';

/** One GUN wire message: untrusted until the ingress filter rebuilt it. */
export type GunMsg = Record<string, unknown>;

/** What GUN's mesh calls on a peer's socket. */
export interface PeerWire {
  send(raw: string): void;
  close(): void;
  readyState?: number;
  pause?(): void;
  resume?(): void;
}

/** A mesh peer: an inbound socket (id only) or a federation link (url). */
export interface GunPeer {
  id?: string;
  url?: string;
  pid?: string;
  wire?: PeerWire | null;
  /** When present, GUN's mesh sends through this instead of wire.send. */
  say?: (raw: string) => void;
  defer?: ReturnType<typeof setTimeout>;
  retry?: number;
}

export type HearFn = ((raw: unknown, peer: GunPeer) => void) & {
  [dam: string]: unknown;
};

export interface GunMesh {
  hear: HearFn;
  say(msg: GunMsg, peer?: GunPeer): unknown;
  hi(peer: GunPeer): void;
  bye(peer: GunPeer): void;
  wire?(peer: GunPeer): void;
}

/** A graph node: `_` holds the soul and the HAM state of every key. */
export type GunNode = {
  _: { '#': string; '>': Record<string, number> };
} & Record<string, unknown>;

export interface GunRoot {
  opt: { mesh: GunMesh; peers: Record<string, GunPeer>; pid: string };
  graph: Record<string, GunNode | undefined>;
  on(tag: string, fn: (this: { to: { next(msg: unknown): void } }, msg: GunMsg) => void): void;
}

export interface GunStatic {
  (opts: Record<string, unknown>): { _: GunRoot };
  state: {
    ify(node: GunNode | undefined, key: string, state: number, value: string, soul: string): GunNode;
  };
  on: { get: { ack(msg: GunMsg, node?: GunNode): void } };
}

/** GUN's core build only (no radisk, AXE, multicast or stats code is loaded). */
export const Gun = GunImport as unknown as GunStatic;
