/**
 * Every place the client reaches into GUN's internals, in one module (gun
 * 0.2020.1241, src/mesh.js, src/websocket.js, src/root.js, src/state.js; GUN
 * ships no types for any of it): the frame intake (`mesh.hear` and the DAM
 * handlers GUN looks up on it), the link events, the peer table with each
 * link's socket and retry state, and the HAM clock's drift. The rest of
 * src/sync uses the chain API (gunTypes.ts) and this facade.
 * docs/decisions/gun-internals.md lists each internal with why it is used;
 * tests/unit/sync/gunInternals.test.ts checks each against the installed GUN.
 */
import GunImport from 'gun/gun.js';
import type { GunChain, GunPeer, GunRoot } from './gunTypes';

/** GUN's frame intake: text frames from the WebSocket adapter, or already parsed messages. */
export type Hear = (raw: unknown, peer: unknown) => void;

/** GUN's mesh (src/mesh.js): the intake, and the `bye` that announces a closed link. */
interface Mesh {
  hear: Hear & Record<string, unknown>;
  bye?: (peer: GunPeer) => void;
}

/** What a GUN instance holds under `_` (src/root.js). */
interface Internal {
  opt: {
    peers: Record<string, GunPeer>;
    mesh?: Mesh;
    /** The WebSocket adapter's `open` (src/websocket.js): dials a peer that has a url. */
    wire?: (peer: GunPeer) => unknown;
  };
  on(event: string, cb: (this: { to: { next(x: unknown): void } }, x: unknown) => void): void;
}

/** Where to read about a change in GUN's internals. */
export const GUN_INTERNALS_DOC = 'docs/decisions/gun-internals.md';

/** The browser build of GUN (no storage adapters loaded), typed to what Vada uses. */
export const Gun = GunImport as unknown as (opts: Record<string, unknown>) => GunRoot;

const OPEN = 1;
const CONNECTING = 0;

type Socket = { readyState?: number; send?: (text: string) => void; close(): void };
const socketOf = (peer: GunPeer) => peer.wire as Socket | null | undefined;

/** A link's relay URL (GUN keys its peer table by it); undefined for anything else. */
export const linkUrl = (peer: GunPeer): string | undefined => (typeof peer.url === 'string' ? peer.url : undefined);

/** True while the link's socket is open. */
export const isOpen = (peer: GunPeer): boolean => socketOf(peer)?.readyState === OPEN;

/** Sends one text frame on the link's socket when it is open; false when it could not. */
export function sendOnLink(peer: GunPeer, text: string): boolean {
  const socket = socketOf(peer);
  if (socket?.readyState !== OPEN || typeof socket.send !== 'function') return false;
  try {
    socket.send(text);
    return true;
  } catch {
    return false;
  }
}

export interface GunInternals {
  /** Puts `wrap(original)` in front of GUN's frame intake; DAM handlers set with onDam stay on it. */
  wrapIntake(wrap: (original: Hear) => Hear): void;
  /** Handles DAM messages `{dam: name}` (GUN looks its handlers up on mesh.hear, by name, per message). */
  onDam(name: string, handler: (msg: unknown, peer: GunPeer) => void): void;
  /** Runs `listener` when a relay link opens (`hi`) or closes (`bye`), before GUN passes the event on. */
  onLink(event: 'hi' | 'bye', listener: (peer: GunPeer) => void): void;
  /** The relay links in GUN's peer table now, by key (their URL). */
  links(): Array<[string, GunPeer]>;
  /** Links whose socket is open now. */
  openLinks(): number;
  /** True while the link's socket is open. */
  isOpen(peer: GunPeer): boolean;
  /** True when GUN's table holds `peer` under `key` (its own `bye` removes a closed link). */
  isListed(key: string, peer: GunPeer): boolean;
  /** Puts the link in GUN's table: GUN retries and re-asks only for listed links. */
  list(key: string, peer: GunPeer): void;
  /** Takes the link out of GUN's table: GUN then schedules no reconnect for it. */
  unlist(key: string): void;
  /** The link's socket is neither open nor opening. */
  isDown(peer: GunPeer): boolean;
  /** GUN will still retry this link by itself (a browser's GUN stops when the budget reaches 0). */
  retriesLeft(peer: GunPeer): boolean;
  /** Dials the link afresh: GUN's pending retry dropped, a full retry budget, a lingering socket closed quietly. */
  redial(peer: GunPeer): void;
  /** Closes the link's socket quietly and says `bye` for it, so its reopening is announced with `hi`. */
  hangUp(peer: GunPeer): void;
  /** Unlists and closes every link for good (the adapter closes). */
  closeAll(): void;
}

/** Closes a socket without GUN hearing it: GUN's late `bye` would otherwise null the socket opened next. */
function closeQuietly(peer: GunPeer): boolean {
  const socket = peer.wire as
    (Socket & { onclose?: unknown; onerror?: unknown; onmessage?: unknown }) | null | undefined;
  peer.wire = null;
  if (!socket) return false;
  socket.onclose = null;
  socket.onerror = null;
  socket.onmessage = null;
  try {
    socket.close();
  } catch {
    /* already closed */
  }
  return true;
}

/** The internals of `gun`, or a clear error naming the doc when this GUN lacks one Vada relies on. */
export function gunInternals(gun: GunChain): GunInternals {
  const root = (gun as GunChain & { _?: Internal })._;
  const opt = root?.opt;
  const mesh = opt?.mesh;
  if (!root || !opt?.peers || typeof mesh?.hear !== 'function')
    throw new Error(`GUN's mesh.hear is missing: GUN changed its internals; see ${GUN_INTERNALS_DOC}`);
  const dams = new Map<string, (msg: unknown, peer: GunPeer) => void>();
  const attachDams = () => dams.forEach((handler, name) => (mesh.hear[name] = handler));
  const links = () =>
    Object.entries(opt.peers).filter((entry): entry is [string, GunPeer] => linkUrl(entry[1]) !== undefined);

  return {
    wrapIntake(wrap) {
      mesh.hear = wrap(mesh.hear.bind(mesh)) as Mesh['hear'];
      attachDams();
    },
    onDam(name, handler) {
      dams.set(name, handler);
      attachDams();
    },
    onLink(event, listener) {
      root.on(event, function (peer) {
        listener(peer as GunPeer);
        this.to.next(peer);
      });
    },
    links,
    openLinks: () => links().filter(([, p]) => isOpen(p)).length,
    isOpen,
    isListed: (key, peer) => opt.peers[key] === peer,
    list(key, peer) {
      opt.peers[key] = peer;
    },
    unlist(key) {
      delete opt.peers[key];
    },
    isDown(peer) {
      const state = socketOf(peer)?.readyState;
      return state !== OPEN && state !== CONNECTING;
    },
    retriesLeft: (peer) => (peer.retry ?? 1) > 0,
    redial(peer) {
      clearTimeout(peer.defer);
      peer.retry = undefined;
      closeQuietly(peer);
      opt.wire?.(peer);
    },
    hangUp(peer) {
      clearTimeout(peer.defer);
      if (closeQuietly(peer)) mesh.bye?.(peer);
    },
    closeAll() {
      for (const [key, peer] of Object.entries(opt.peers)) {
        // Out of the table first: that stops GUN's reconnect timer.
        delete opt.peers[key];
        try {
          socketOf(peer)?.close();
        } catch {
          /* already closed */
        }
      }
    },
  };
}
