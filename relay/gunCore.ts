/**
 * The relay's GUN instance: core build only, an in-memory graph, no storage
 * adapter, no AXE, multicast, stats or WebRTC. GUN creates no server of its own
 * (no `web` option); our WebSocket server feeds its mesh. `mesh.hear` is
 * replaced by the ingress filter, which is also what GUN's own federation
 * links call, and only DAM `?` keeps a handler (no `opt`, no `mob`).
 */
import type WebSocket from 'ws';
import { Gun, type GunMesh, type GunMsg, type GunPeer, type GunRoot, type HearFn } from './gunTypes';
import type { StoredRecord } from './recordStore';

export interface GunCore {
  readonly root: GunRoot;
  readonly mesh: GunMesh;
  /** GUN's original hear: takes an already parsed, filtered message. */
  readonly deliver: (msg: GunMsg, peer: GunPeer) => void;
  /** Routes every incoming frame (sockets and federation links) through `filter`. */
  installIngress(filter: (raw: unknown, peer: GunPeer) => void): void;
  /** Puts stored records into the in-memory graph (start-up replay). */
  load(records: Iterable<StoredRecord>): void;
  /** Drops souls from the in-memory graph (expiry). */
  forget(souls: readonly string[]): void;
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
  const mesh = root.opt.mesh;
  const original = mesh.hear;
  const deliver = (msg: GunMsg, peer: GunPeer) => original.call(mesh, msg, peer);

  // GETs the graph cannot answer get an explicit "not found", as a storage adapter would give.
  root.on('get', function (msg) {
    this.to.next(msg);
    const get = msg.get as { '#': string; '.'?: string };
    const node = root.graph[get['#']];
    if (!node || (get['.'] !== undefined && !Object.prototype.hasOwnProperty.call(node, get['.']))) Gun.on.get.ack(msg);
  });

  return {
    root,
    mesh,
    deliver,
    installIngress(filter) {
      const hear = ((raw: unknown, peer: GunPeer) => filter(raw, peer)) as HearFn;
      hear['?'] = original['?'];
      mesh.hear = hear;
    },
    load(records) {
      for (const r of records) root.graph[r.soul] = Gun.state.ify(root.graph[r.soul], r.id, r.state, r.wire, r.soul);
    },
    forget(souls) {
      for (const s of souls) delete root.graph[s];
    },
  };
}
