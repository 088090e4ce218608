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
import type { GunPeer, GunRoot } from './gunTypes';

/** The browser's network flag as the sync layer sees it (navigator.onLine lives in src/platform). */
export interface NetworkWatch {
  online(): boolean;
  /** Calls `listener` on every change; returns the unsubscribe function. */
  watch(listener: (online: boolean) => void): () => void;
}

const OPEN = 1;
const CONNECTING = 0;
const REVIVE_MS = 5_000;

/** Counts relay links open now. */
export function countOpenLinks(gun: GunRoot): number {
  return Object.values(gun._.opt.peers).filter((p) => p.url && p.wire && p.wire.readyState === OPEN).length;
}

/** Starts watching; `changed` runs after links were closed or reopened. Returns the stop function. */
export function keepLinks(gun: GunRoot, network: NetworkWatch | undefined, changed: () => void): () => void {
  const opt = gun._.opt;
  // Every relay ever configured, so a link GUN dropped from its table (its `bye`
  // deletes the peer) can still be revived.
  const known = new Map<string, GunPeer & { url: string }>();
  const remember = () => {
    for (const [key, p] of Object.entries(opt.peers)) if (p.url) known.set(key, p as GunPeer & { url: string });
  };
  remember();
  const down = (p: GunPeer) => !p.wire || (p.wire.readyState !== OPEN && p.wire.readyState !== CONNECTING);
  let cutOff = false;
  const revive = (force: boolean) => {
    if (network && !network.online()) return;
    cutOff = false;
    remember();
    for (const [key, p] of known) {
      // GUN retries a link only while the peer is in its table, and its own `bye`
      // removes it: after two quick failures it stops for good.
      const abandoned = opt.peers[key] !== p;
      opt.peers[key] = p;
      if (p.wire?.readyState === OPEN) continue;
      // When the network returns, a socket still "connecting" was opened while offline
      // and may hang: replace it. Otherwise leave GUN's own retries alone while it has any.
      if (!force && !abandoned && (!down(p) || (p.retry ?? 1) > 0)) continue;
      clearTimeout(p.defer);
      p.retry = undefined;
      const stale = p.wire;
      if (stale) {
        (stale as { onclose?: unknown }).onclose = null;
        (stale as { onerror?: unknown }).onerror = null;
        (stale as { onmessage?: unknown }).onmessage = null;
        p.wire = null;
        stale.close();
      }
      opt.wire?.(p);
    }
    changed();
  };
  const cut = () => {
    if (cutOff) return;
    cutOff = true;
    remember();
    for (const [key, p] of known) {
      // Out of the table first: GUN then schedules no reconnect.
      delete opt.peers[key];
      clearTimeout(p.defer);
      const wire = p.wire;
      p.wire = null;
      // Detach GUN's handlers before closing: its late `bye` for this socket would
      // otherwise null the socket opened when the network returns.
      if (wire) {
        (wire as { onclose?: unknown; onerror?: unknown; onmessage?: unknown }).onclose = null;
        (wire as { onerror?: unknown }).onerror = null;
        (wire as { onmessage?: unknown }).onmessage = null;
        wire.close();
        // ...and say `bye` for it now: GUN announces a link (`hi`, which re-asks for
        // subscribed nodes and re-sends the outbox) only after a `bye`.
        opt.mesh?.bye?.(p);
      }
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
