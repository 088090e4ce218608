/**
 * Asks each relay for its time over the GUN link itself (protocol §1.1): a
 * DAM message `{ '#': id, dam: 'nts', nts: [sent] }` as soon as a link opens
 * (before GUN re-asks for records, so the answer comes back ahead of them)
 * and again every CLOCK_SYNC.askEveryMs; the relay answers `{ '@': id, dam:
 * 'nts', nts: [sent, relayTime] }`. Round trips are measured on this
 * device's uncorrected clock from what was recorded here, never from the
 * echo, so a relay cannot fake a short trip; an answer counts only from the
 * link that was asked, once. Why the link and not an HTTP request: it is
 * the one thing every relay the app uses already has open, it needs no
 * CORS or CSP entry for other origins, and no cached response can replay an
 * old time.
 */
import type { Clock } from '../domain/clock';
import { CLOCK_SYNC, type TimeSample } from '../domain/clockOffset';
import { isOpen, linkUrl, sendOnLink } from './gunInternals';
import type { GunPeer } from './gunTypes';
import { isPlainObject } from '../protocol/walkMessage';

/** Unanswered requests are forgotten after this long. */
const PENDING_MS = 2 * CLOCK_SYNC.maxRoundTripMs;
/** At most this many requests wait for answers (a link that never answers cannot grow the table). */
const MAX_PENDING = 64;

interface Pending {
  readonly relay: string;
  readonly sentAt: number;
}

export interface TimeAsker {
  /** Sends a time request on `peer`'s link if it is open. */
  ask(peer: GunPeer): void;
  /** The DAM handler for `nts` answers (gunInternals onDam). */
  hear(msg: unknown, peer: GunPeer): void;
}

/** A time asker measuring with `local`; each usable answer goes to `onSample`. */
export function makeTimeAsker(local: Clock, onSample: (s: TimeSample) => void): TimeAsker {
  const pending = new Map<string, Pending>();
  const forgetOld = (now: number) => {
    for (const [id, p] of pending) if (now - p.sentAt > PENDING_MS) pending.delete(id);
  };
  return {
    ask(peer) {
      const relay = linkUrl(peer);
      if (!relay || !isOpen(peer)) return;
      const sentAt = local.now();
      forgetOld(sentAt);
      if (pending.size >= MAX_PENDING) return;
      const id = `t${Math.random().toString(36).slice(2, 12)}`;
      pending.set(id, { relay, sentAt });
      if (!sendOnLink(peer, JSON.stringify({ '#': id, dam: 'nts', nts: [sentAt] }))) pending.delete(id);
    },
    hear(msg, peer) {
      if (!isPlainObject(msg)) return;
      const id = msg['@'];
      const p = typeof id === 'string' ? pending.get(id) : undefined;
      if (!p || p.relay !== linkUrl(peer)) return;
      pending.delete(id as string);
      const relayTime: unknown = Array.isArray(msg.nts) ? msg.nts[1] : undefined;
      if (typeof relayTime !== 'number' || !Number.isFinite(relayTime)) return;
      onSample({ relay: p.relay, sentAt: p.sentAt, receivedAt: local.now(), relayTime });
    },
  };
}
