/**
 * Every place the relay reaches into GUN's internals, in one module (gun
 * 0.2020.1241, src/mesh.js, src/websocket.js, src/root.js, src/state.js; GUN
 * ships no types for any of it). The rest of the relay sees `GunCore`:
 * deliver / say / hi / bye, the ingress hook, the broadcast hook, peer events
 * and the federation links. docs/decisions/gun-internals.md lists each
 * internal with why it is used; tests/unit/relay/gunInternals.test.ts checks
 * each against the installed GUN and names the one that changed.
 *
 * The instance: core build only (`gun/gun.js`: no radisk, AXE, multicast,
 * stats or WebRTC code is even loaded), an in-memory graph, no storage adapter.
 * GUN creates no server of its own (no `web` option); our WebSocket server
 * feeds its mesh. `mesh.hear` is replaced by the ingress filter, which is also
 * what GUN's own federation links call, and only DAM `?` keeps a handler (no
 * `opt`, no `mob`).
 */
import GunImport from 'gun/gun.js';
import type WebSocket from 'ws';
import type { GunMsg, GunPeer } from './gunTypes';
import type { StoredRecord } from './recordStore';

/** GUN's frame intake; DAM handlers hang off it by name (`hear['?']`), looked up per message. */
type HearFn = ((raw: unknown, peer: GunPeer) => void) & { [dam: string]: unknown };

/** GUN's mesh (src/mesh.js). */
interface GunMesh {
  hear: HearFn;
  say(msg: GunMsg, peer?: GunPeer): unknown;
  hi(peer: GunPeer): void;
  bye(peer: GunPeer): void;
  /** GUN's WebSocket adapter's `open`: dials a peer that has a url. */
  wire?(peer: GunPeer): void;
  /** When set, say() hands it every message it would otherwise flood to all peers. */
  way?: (msg: GunMsg) => void;
  /** Serialises a message once into its meta (`msg._.raw`), then calls say(msg, peer) again. */
  raw(msg: GunMsg, peer?: GunPeer): unknown;
}

/** What GUN keeps on a message's meta function (`msg._`). */
interface GunMeta {
  /** The peer it came from. */
  via?: GunPeer;
  /** The wire text, once serialised. */
  raw?: string;
  /** Peers its sender listed in `><` as already sent to (by url, pid or id). */
  yo?: Record<string, unknown>;
}
const metaOf = (msg: GunMsg) => msg._ as GunMeta | undefined;

/** A graph node: `_` holds the soul and the HAM state of every key. */
type GunNode = { _: { '#': string; '>': Record<string, number> } } & Record<string, unknown>;

/** The root context, `gun._` (src/root.js). */
interface GunRoot {
  opt: { mesh: GunMesh; peers: Record<string, GunPeer>; pid: string };
  graph: Record<string, GunNode | undefined>;
  on(tag: string, fn: (this: { to: { next(msg: unknown): void } }, msg: GunMsg) => void): void;
}

/** The Gun function and the statics used: HAM state (src/state.js) and GET answers (src/root.js). */
interface GunStatic {
  (opts: Record<string, unknown>): { _: GunRoot };
  state: {
    ify(node: GunNode | undefined, key: string, state: number, value: string, soul: string): GunNode;
  };
  on: { get: { ack(msg: GunMsg, node?: GunNode): void } };
}

/** GUN's core build. */
export const Gun = GunImport as unknown as GunStatic;

/** Where to read about a change in GUN's internals. */
export const GUN_INTERNALS_DOC = 'docs/decisions/gun-internals.md';

const OPEN = 1;
const CONNECTING = 0;

export interface GunCore {
  /** GUN's original hear: takes an already parsed, filtered message. */
  deliver(msg: GunMsg, peer: GunPeer): void;
  /** GUN's mesh.say to one peer (acks, the relay's own GETs). */
  say(msg: GunMsg, peer: GunPeer): void;
  /** An inbound socket opened: GUN's mesh.hi (registers the peer, sends its `?` handshake). */
  hi(peer: GunPeer): void;
  /** An inbound socket closed: GUN's mesh.bye (its `bye` handler drops the peer and sets `peer.wire` to null). */
  bye(peer: GunPeer): void;
  /** Routes every incoming frame (sockets and federation links) through `filter`. */
  installIngress(filter: (raw: unknown, peer: GunPeer) => void): void;
  /** Takes over GUN's broadcast: `route` gets every message GUN would flood, and the peer it came from. */
  route(route: (msg: GunMsg, via: GunPeer | undefined) => void): void;
  /**
   * The text GUN sends for a message it floods (its mesh.raw: `><` set, JSON),
   * made once and kept on the message, as GUN's own say loop does.
   */
  rawOf(msg: GunMsg): string | undefined;
  /** True when GUN's say would skip `peer` for `msg`: its sender listed the peer in `><`. */
  listedAsSent(msg: GunMsg, peer: GunPeer): boolean;
  /** Runs `listener` on GUN's peer events, after GUN's own handlers. */
  onPeer(event: 'hi' | 'bye', listener: (peer: GunPeer) => void): void;
  /** Every peer in GUN's table: inbound sockets and federation links. */
  peers(): GunPeer[];
  /** The federation links configured at start (GUN dials those: they have a url). */
  links(): GunPeer[];
  /** True while the link's socket is open. */
  isOpen(peer: GunPeer): boolean;
  /** Puts a link back in GUN's table (its `bye` removes it) and dials it, unless its socket is open or opening. */
  redial(peer: GunPeer): void;
  /** Takes a link out of GUN's table, so GUN's own redial skips it, and closes its socket. */
  dropLink(peer: GunPeer): void;
  /** Puts stored records into the in-memory graph (start-up replay). */
  load(records: Iterable<StoredRecord>): void;
  /** Drops souls from the in-memory graph (expiry). */
  forget(souls: readonly string[]): void;
}

/** GUN's mesh, or a clear error naming the doc when this GUN has none where Vada expects it. */
function meshOf(root: GunRoot): GunMesh {
  const mesh = root.opt?.mesh;
  if (typeof mesh?.hear !== 'function')
    throw new Error(`GUN's mesh.hear is missing: GUN changed its internals; see ${GUN_INTERNALS_DOC}`);
  return mesh;
}

export function createGunCore(peers: readonly string[], WebSocketClass: typeof WebSocket): GunCore {
  const gun = Gun({
    peers: [...peers],
    localStorage: false,
    radisk: false,
    file: false,
    axe: false,
    multicast: false,
    stats: false,
    RTCPeerConnection: false,
    WebSocket: WebSocketClass,
  });
  const root = gun._;
  const mesh = meshOf(root);
  const original = mesh.hear;
  const table = root.opt.peers;
  const configured = new Map(
    Object.entries(table).flatMap(([url, p]) => (typeof p.url === 'string' ? [[url, p] as const] : [])),
  );
  const urlOf = (peer: GunPeer) => (typeof peer.url === 'string' ? peer.url : undefined);

  // GETs the graph cannot answer get an explicit "not found", as a storage adapter would give.
  root.on('get', function (msg) {
    this.to.next(msg);
    const get = msg.get as { '#': string; '.'?: string };
    const node = root.graph[get['#']];
    if (!node || (get['.'] !== undefined && !Object.prototype.hasOwnProperty.call(node, get['.']))) Gun.on.get.ack(msg);
  });

  return {
    deliver: (msg, peer) => original.call(mesh, msg, peer),
    say: (msg, peer) => void mesh.say(msg, peer),
    hi: (peer) => mesh.hi(peer),
    bye: (peer) => mesh.bye(peer),
    installIngress(filter) {
      const hear = ((raw: unknown, peer: GunPeer) => filter(raw, peer)) as HearFn;
      hear['?'] = original['?'];
      mesh.hear = hear;
    },
    route(route) {
      // GUN keeps a message's origin on its meta function: `msg._.via`.
      mesh.way = (msg) => route(msg, metaOf(msg)?.via);
    },
    rawOf(msg) {
      const done = metaOf(msg)?.raw;
      if (typeof done === 'string') return done;
      // mesh.raw ends by calling say(msg) again, which hands the message to mesh.way (or, without one,
      // floods it to every peer): a no-op way for that call.
      const way = mesh.way;
      mesh.way = () => {};
      try {
        mesh.raw(msg);
      } finally {
        mesh.way = way;
      }
      const raw = metaOf(msg)?.raw;
      return typeof raw === 'string' ? raw : undefined;
    },
    listedAsSent(msg, peer) {
      const yo = metaOf(msg)?.yo;
      if (!yo) return false;
      return [peer.url, peer.pid, peer.id].some((k) => typeof k === 'string' && Boolean(yo[k]));
    },
    onPeer(event, listener) {
      root.on(event, function (peer) {
        this.to.next(peer);
        listener(peer as GunPeer);
      });
    },
    peers: () => Object.values(table),
    links: () => [...configured.values()],
    isOpen: (peer) => peer.wire?.readyState === OPEN,
    redial(peer) {
      const url = urlOf(peer);
      if (!url) return;
      table[url] ??= peer;
      const state = peer.wire?.readyState;
      if (state === OPEN || state === CONNECTING) return;
      clearTimeout(peer.defer);
      mesh.wire?.(peer);
    },
    dropLink(peer) {
      const url = urlOf(peer);
      if (url) delete table[url];
      clearTimeout(peer.defer);
      try {
        peer.wire?.close();
      } catch {
        // a socket still connecting throws on close; it is dropped either way
      }
    },
    load(records) {
      for (const r of records) root.graph[r.soul] = Gun.state.ify(root.graph[r.soul], r.id, r.state, r.wire, r.soul);
    },
    forget(souls) {
      for (const s of souls) delete root.graph[s];
    },
  };
}
