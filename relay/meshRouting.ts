/**
 * Where the relay forwards what it accepted, replacing GUN's flood-everyone
 * default (through GUN's `mesh.way` hook, which it calls for every broadcast):
 * - a GET goes only to federation links. GUN would also ask every connected
 *   client, and each client holding the node answers with all of it: with 5
 *   subscribers, one newcomer's 1,000-record sync made 12,000 duplicate records
 *   flow into the relay. The relay already holds what its clients wrote.
 * - a PUT goes to the peers that asked (GET) for one of its souls, and to every
 *   federation link (replication to the relays the operator configured). To
 *   the relay's own sockets it goes as GUN's text in frames shared by every
 *   peer that gets the same pushes in one turn (pushFanout), not through
 *   GUN's say once per peer.
 * - anything else (GUN's own `hi`) goes to everyone.
 * Replies and acks are routed by GUN to the one peer that asked, not here.
 * When a federation link (re)opens, the relay asks it again for every soul its
 * peers subscribed to, so a restarted relay upstream keeps feeding us.
 */
import { randomBytes } from 'node:crypto';
import type { GunCore } from './gunInternals';
import type { GunPeer } from './gunTypes';
import { makePushFanout, type FramePeer } from './pushFanout';
import { RELAY_LIMITS } from './relayLimits';

/** Most souls one peer may subscribe to (a day and a half of buckets for ~250 circles). */
const MAX_SUBSCRIPTIONS = RELAY_LIMITS.maxSubscriptions;
/** How long a reply to the relay's own GET is recognised as one. */
const OWN_GET_MS = 60_000;

export interface MeshRouting {
  /** Records that `peer` asked for `soul`: it gets the soul's live PUTs from now on. */
  subscribe(peer: GunPeer, soul: string): void;
  /** True for the id of a GET the relay sent itself: its replies are news for every subscriber. */
  isOwnGet(id: unknown): boolean;
}

export function installRouting(core: GunCore): MeshRouting {
  const subs = new WeakMap<GunPeer, Set<string>>();
  const watchers = new Map<string, number>(); // soul -> peers subscribed
  const ownGets = new Map<string, number>(); // id -> sent at
  const isLink = (peer: GunPeer) => typeof peer.url === 'string';
  const wants = (peer: GunPeer, put: unknown): boolean => {
    const souls = subs.get(peer);
    if (!souls || typeof put !== 'object' || put === null) return false;
    return Object.keys(put).some((soul) => souls.has(soul));
  };

  const fanout = makePushFanout();
  core.route((msg, via) => {
    // A push (a PUT that is no reply) to the relay's own sockets goes out in shared frames (pushFanout).
    const push = msg.put !== undefined && msg['@'] === undefined && msg.dam === undefined;
    const direct: FramePeer[] = [];
    for (const peer of core.peers()) {
      if (peer === via) continue;
      if (msg.get !== undefined && !isLink(peer)) continue;
      if (msg.put !== undefined && !isLink(peer) && !wants(peer, msg.put)) continue;
      if (push && !isLink(peer) && peer.sendFrame) {
        if (!core.listedAsSent(msg, peer)) direct.push(peer as FramePeer);
      } else core.say(msg, peer);
    }
    const raw = direct.length > 0 ? core.rawOf(msg) : undefined;
    if (raw !== undefined) fanout.push(raw, direct);
  });

  core.onPeer('hi', (link) => {
    if (!isLink(link)) return;
    const now = Date.now();
    for (const [id, at] of ownGets) if (now - at > OWN_GET_MS) ownGets.delete(id);
    for (const soul of watchers.keys()) {
      const id = randomBytes(9).toString('base64url');
      ownGets.set(id, now);
      core.say({ '#': id, get: { '#': soul } }, link);
    }
  });
  core.onPeer('bye', (peer) => {
    for (const soul of subs.get(peer) ?? []) {
      const n = (watchers.get(soul) ?? 1) - 1;
      if (n > 0) watchers.set(soul, n);
      else watchers.delete(soul);
    }
    subs.delete(peer);
  });

  return {
    subscribe(peer, soul) {
      let souls = subs.get(peer);
      if (!souls) subs.set(peer, (souls = new Set()));
      if (souls.has(soul) || souls.size >= MAX_SUBSCRIPTIONS) return;
      souls.add(soul);
      watchers.set(soul, (watchers.get(soul) ?? 0) + 1);
    },
    isOwnGet: (id) => typeof id === 'string' && ownGets.has(id),
  };
}
