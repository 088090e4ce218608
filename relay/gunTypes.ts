/**
 * GUN's message and peer shapes as the relay's modules pass them around,
 * typed narrowly. Only relay/gunInternals.ts reaches into GUN itself; a peer
 * is otherwise an opaque handle plus what the relay reads of it.
 */

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
  /** Set for federation links: GUN dials these itself. */
  url?: string;
  pid?: string;
  /** The socket; GUN sets it to null when the peer leaves (its `bye`). */
  wire?: PeerWire | null;
  /** When present, GUN's mesh sends through this instead of wire.send. */
  say?: (raw: string) => void;
  /** Inbound sockets only (relay/wsServer.ts): sends one text frame already encoded (relay/pushFanout.ts). */
  sendFrame?: (frame: Buffer) => void;
  /** GUN's pending redial of a link (relay/gunInternals.ts only). */
  defer?: ReturnType<typeof setTimeout>;
  /** GUN's redial budget of a link (relay/gunInternals.ts only). */
  retry?: number;
}
