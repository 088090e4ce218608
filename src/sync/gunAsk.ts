/**
 * The adapter's reads: one GET of each subscribed node on each relay link
 * (protocol §1.3, §1.4), sent by the adapter itself rather than by GUN's
 * chain. A `get(soul).map().on()` made GUN ask for a node when it was
 * subscribed and again when the link announced itself (`hi`), so a fresh
 * device asked every hour bucket twice or more and received every record as
 * often (issue 15). Here a node is asked once per subscription on the links
 * open at the time, and once on every link that opens later (the first or a
 * reconnect), which is how a reader catches up. The replies' `@` are this
 * asker's own ids, so the intake keeps them from GUN, which never asked.
 */
import type { GunInternals } from './gunInternals';
import { isOpen, sendOnLink } from './gunInternals';
import type { GunPeer } from './gunTypes';

/** Ids of GETs sent that replies may still answer (a reply comes in parts, and late ones from federated relays). */
const OWN_IDS_KEPT = 4096;

export interface Asker {
  /** A subscription wants `soul`: asked now on every open link, and on each link that opens. */
  want(soul: string): void;
  /** One subscription of `soul` ended; the node is no longer asked for when none is left. */
  unwant(soul: string): void;
  /** A link opened: every wanted node is asked for on it, once. */
  linkOpened(peer: GunPeer): void;
  /** True for the `@` of a reply to one of these GETs. */
  isOwn(at: unknown): boolean;
}

const randomId = () => `g${Math.random().toString(36).slice(2, 10)}${Math.random().toString(36).slice(2, 10)}`;

/** The asker of one adapter, sending on the links of `gun` (gunInternals). */
export function makeAsker(gun: Pick<GunInternals, 'links'>): Asker {
  const wanted = new Map<string, number>();
  const own = new Set<string>();
  const ask = (peer: GunPeer, soul: string) => {
    const id = randomId();
    if (!sendOnLink(peer, JSON.stringify({ '#': id, get: { '#': soul } }))) return;
    own.add(id);
    if (own.size > OWN_IDS_KEPT) own.delete(own.values().next().value as string);
  };
  return {
    want(soul) {
      wanted.set(soul, (wanted.get(soul) ?? 0) + 1);
      for (const [, peer] of gun.links()) if (isOpen(peer)) ask(peer, soul);
    },
    unwant(soul) {
      const n = (wanted.get(soul) ?? 1) - 1;
      if (n > 0) wanted.set(soul, n);
      else wanted.delete(soul);
    },
    linkOpened(peer) {
      for (const soul of wanted.keys()) ask(peer, soul);
    },
    isOwn: (at) => typeof at === 'string' && own.has(at),
  };
}
