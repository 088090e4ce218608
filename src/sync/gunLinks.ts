/**
 * Keeps GUN's relay links honest and alive. A browser's GUN stops retrying a
 * relay for good after about 60 quick failures (two minutes down), which
 * would strand the offline send queue after a long cut; and a socket opened
 * before the network went away may linger half-open, still "connected".
 * So: when the platform says the network is gone, relays are taken out of
 * GUN's peer table (which also stops its retries) and their links closed;
 * when it is back, or every REVIVE_MS while a link is down and GUN has given
 * up on it, they are put
 * back with a fresh retry budget and the link reopened.
 */
import type { GunInternals } from './gunInternals';
import type { GunPeer } from './gunTypes';

/** The browser's network flag as the sync layer sees it (navigator.onLine lives in src/platform). */
export interface NetworkWatch {
  online(): boolean;
  /** Calls `listener` on every change; returns the unsubscribe function. */
  watch(listener: (online: boolean) => void): () => void;
}

const REVIVE_MS = 5_000;

/**
 * Starts watching the links of `gun` (its internals: gunInternals.ts); `changed`
 * runs after links were closed or reopened. Returns the stop function.
 */
export function keepLinks(gun: GunInternals, network: NetworkWatch | undefined, changed: () => void): () => void {
  // Every relay ever configured, so a link GUN dropped from its table (its `bye`
  // deletes the peer) can still be revived.
  const known = new Map<string, GunPeer>();
  const remember = () => gun.links().forEach(([key, p]) => known.set(key, p));
  remember();
  let cutOff = false;
  const revive = (force: boolean) => {
    if (network && !network.online()) return;
    cutOff = false;
    remember();
    for (const [key, p] of known) {
      // GUN retries a link only while the peer is in its table, and its own `bye`
      // removes it: after two quick failures it stops for good.
      const abandoned = !gun.isListed(key, p);
      gun.list(key, p);
      if (gun.isOpen(p)) continue;
      // When the network returns, a socket still "connecting" was opened while offline
      // and may hang: replace it. Otherwise leave GUN's own retries alone while it has any.
      if (!force && !abandoned && (!gun.isDown(p) || gun.retriesLeft(p))) continue;
      gun.redial(p);
    }
    changed();
  };
  const cut = () => {
    if (cutOff) return;
    cutOff = true;
    remember();
    for (const [key, p] of known) {
      // Out of the table first: GUN then schedules no reconnect. Then the socket closes
      // without GUN hearing it (its late `bye` would null the socket opened when the
      // network returns), and a `bye` is said for it now: GUN announces a link (`hi`,
      // which re-asks for subscribed nodes and re-sends the outbox) only after a `bye`.
      gun.unlist(key);
      gun.hangUp(p);
    }
    changed();
  };
  const stopWatch = network?.watch((on) => (on ? revive(true) : cut())) ?? (() => {});
  const timer = setInterval(() => revive(false), REVIVE_MS);
  return () => {
    stopWatch();
    clearInterval(timer);
  };
}
