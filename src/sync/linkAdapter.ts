/**
 * A SyncAdapter over phone links (protocol §15): any number of LinkChannels to
 * nearby phones, no relay. Records travel only in circles both phones hold
 * (proved with tokens, linkSession.ts), are verified like relay traffic
 * (makeReceiver, the same per-key quotas as relays) before anything reaches
 * a subscriber or another link, and every verified record is passed on to the
 * other links that share its circle, within a hop budget, so a chain or a star
 * of phones is a small mesh. The outbox works as with relays: a record counts
 * as sent once a linked phone acknowledged it after verifying it. A peer that
 * misbehaves (a frame over the cap, not JSON, a bad shape, too fast, a record
 * that fails verification for any reason but the clock) is cut at once.
 * Nothing about a peer outlives its link.
 */
import { bucketOf } from '../domain/bucket';
import type { CircleId, RecordId } from '../domain/brand';
import { systemClock, type Clock } from '../domain/clock';
import { LIMITS } from '../domain/limits';
import type { Outbox, OutboxEntry } from '../domain/Outbox';
import { QuotaLedger } from '../domain/quotaLedger';
import type { VerifiedRecord } from '../domain/records';
import type { Rejection, Result } from '../domain/result';
import { openCircle, type Circle } from '../protocol/circle';
import { LINK_WIRE, type LinkRecord } from '../protocol/linkWire';
import { openEnvelope } from '../protocol/openEnvelope';
import type { Sealed } from '../protocol/sealRecord';
import type { LinkChannel } from './LinkChannel';
import { openLinkSession, type LinkCutReason, type LinkHost, type LinkSession } from './linkSession';
import { systemLinkTimers, type LinkTimers } from './linkTimers';
import { makeReceiver, type Receive, type Verifier } from './makeReceiver';
import { createMemoryOutbox } from './memoryOutbox';
import { createSendQueue } from './sendQueue';
import type { CarriedRecord, Subscription, SyncAdapter, SyncStatus } from './SyncAdapter';

export type { LinkCutCode, LinkCutReason } from './linkSession';

export interface LinkAdapter extends SyncAdapter {
  /** Takes a newly opened link and starts its handshake; returns "drop it" (closes the link). */
  attach(channel: LinkChannel): () => void;
  /** A verified record from elsewhere (a relay, storage) to pass to links that lack it; no outbox entry. */
  offer(record: CarriedRecord): void;
  /** Hears each link cut for misbehaviour, with the reason; returns the unsubscribe function. */
  onCut(listener: (reason: LinkCutReason) => void): () => void;
}

export interface LinkAdapterOptions {
  /** Dates verification (default: the system clock). */
  clock?: Clock;
  /** Verifies records (default: openEnvelope in-process; the app passes its Web Worker). */
  verify?: Verifier;
  /** Where published and carried records wait until a linked phone acknowledges them. */
  outbox?: Outbox;
  /** Links a record may cross (default LINK_WIRE.hopLimit). */
  hopLimit?: number;
  /** Keep-alive, silence and pacing time (default: setTimeout and Date.now). */
  timers?: LinkTimers;
}

/** A record this phone holds to offer its links. */
interface Held {
  readonly id: string;
  readonly circle: CircleId;
  readonly wire: string;
  readonly bucket: number;
  readonly created: number;
  /** The hop count it goes out with: 0 for this phone's own and offered records, received + 1 otherwise. */
  readonly next: number;
  /** Verified here (not for records offered from elsewhere): what a late subscriber is given. */
  readonly record?: VerifiedRecord;
}

interface HeldCircle {
  readonly circle: Circle;
  readonly subs: Set<Subscription>;
  /** Held without a subscription: the open circle, or one this phone published in. */
  pinned: boolean;
}

/** What the adapter keeps per link while it is open, and drops when it ends. */
interface Peer {
  readonly receivers: Map<CircleId, Receive>;
  /** Hop counts of records being verified. */
  readonly hops: Map<string, number>;
  /** Outbox entries already sent on this link. */
  readonly offered: Set<string>;
  /** Records already sent on this link: a `want` never gets one twice (no amplification). */
  readonly sent: Set<string>;
}

const CLOCK_CODES: ReadonlySet<string> = new Set(['future-dated', 'expired']);

export function createLinkAdapter(opts: LinkAdapterOptions = {}): LinkAdapter {
  const clock = opts.clock ?? systemClock;
  const verify = opts.verify ?? openEnvelope;
  const timers = opts.timers ?? systemLinkTimers;
  const hopLimit = opts.hopLimit ?? LINK_WIRE.hopLimit;
  const queue = createSendQueue(opts.outbox ?? createMemoryOutbox(), clock);
  const circles = new Map<CircleId, HeldCircle>();
  const held = new Map<string, Held>();
  const peers = new Map<LinkSession, Peer>();
  const selfReceivers = new Map<CircleId, Receive>();
  const ledger = new QuotaLedger();
  const statusListeners = new Set<(s: SyncStatus) => void>();
  const cutListeners = new Set<(r: LinkCutReason) => void>();
  let status: SyncStatus = { connected: 0, configured: 0 };
  let closed = false;

  const setStatus = (next: SyncStatus) => {
    status = next;
    for (const l of statusListeners) l(status);
  };
  const countLinks = () => setStatus({ ...status, connected: peers.size, configured: peers.size });
  const live = (h: Held) => h.created >= clock.now() - LIMITS.retentionMs;
  const toLink = (h: Held): LinkRecord => ({ id: h.id as RecordId, b: h.bucket, w: h.wire, h: h.next });
  const subsOf = (circle: CircleId) => circles.get(circle)?.subs ?? new Set<Subscription>();
  const tellReject = (circle: CircleId, e: Rejection) => {
    for (const s of subsOf(circle)) s.onReject?.(e);
  };

  const hold = (h: Held) => {
    held.set(h.id, h);
    // Quota counts go with the hours they count (expired records are refused anyway).
    ledger.pruneBefore(bucketOf(clock.now() - LIMITS.retentionMs));
    // Oldest first out: the map keeps insertion order.
    if (held.size > LINK_WIRE.heldRecords) held.delete(held.keys().next().value as string);
  };

  /** Sends a held record to every link that shares its circle and lacks it (never back where it came from). */
  const spread = (h: Held, except?: LinkSession) => {
    if (h.next >= hopLimit) return;
    for (const [s, peer] of peers) {
      if (s === except || !s.shares(h.circle) || s.known.has(h.id)) continue;
      s.known.add(h.id);
      peer.sent.add(h.id);
      if (queue.state(h.id)?.state === 'unsent') peer.offered.add(h.id);
      s.sendRecords(h.circle, [toLink(h)]);
    }
  };

  /** Outbox entries still unsent, verified here, that `s` was not given yet. */
  const sendPending = (s: LinkSession, circle: CircleId) => {
    const peer = peers.get(s);
    if (!peer) return;
    const out: LinkRecord[] = [];
    for (const e of queue.pending()) {
      const h = held.get(e.id);
      if (e.circle !== circle || !h || peer.offered.has(e.id)) continue;
      peer.offered.add(e.id);
      peer.sent.add(e.id);
      s.known.add(e.id);
      out.push(toLink(h));
    }
    s.sendRecords(circle, out);
  };

  // This phone's own and carried records go through the same verification before any link sees them.
  const selfReceiver = (hc: HeldCircle): Receive => {
    const existing = selfReceivers.get(hc.circle.id);
    if (existing) return existing;
    const checked: Verifier = async (wire, circle, o) => {
      const r = await verify(wire, circle, o);
      if (!r.ok && o.expectedId !== undefined) {
        tellReject(circle.id, r.error);
        if (!CLOCK_CODES.has(r.error.code)) queue.refused(o.expectedId, `refused: ${r.error.code}`);
      }
      return r;
    };
    const receive = makeReceiver(
      hc.circle,
      {
        onRecord(record, wire) {
          if (closed) return;
          const known = held.get(record.id);
          if (!known) {
            ledger.record(record);
            const h: Held = { ...heldOf(record, wire), next: 0, record };
            hold(h);
            deliver(record, wire);
            spread(h);
          } else if (!known.record) hold({ ...known, record });
          for (const s of peers.keys()) if (s.shares(record.circle)) sendPending(s, record.circle);
        },
      },
      clock,
      undefined,
      checked,
    );
    selfReceivers.set(hc.circle.id, receive);
    return receive;
  };
  const heldOf = (r: VerifiedRecord, wire: string) => ({
    id: r.id,
    circle: r.circle,
    wire,
    bucket: bucketOf(r.created),
    created: r.created,
  });
  const selfIngest = (e: Pick<OutboxEntry, 'id' | 'circle' | 'wire' | 'created'>) => {
    const hc = circles.get(e.circle as CircleId);
    if (hc) selfReceiver(hc)(e.id, bucketOf(e.created), e.wire);
  };
  const deliver = (record: VerifiedRecord, wire: string) => {
    for (const s of subsOf(record.circle)) s.onRecord(record, wire);
  };

  // Records from a link: verified per link (its own dedupe, dropped with it), then held, delivered, passed on.
  const linkReceiver = (s: LinkSession, peer: Peer, circle: Circle): Receive => {
    const existing = peer.receivers.get(circle.id);
    if (existing) return existing;
    const checked: Verifier = async (wire, c, o): Promise<Result<VerifiedRecord>> => {
      const r = await verify(wire, c, o);
      const id = o.expectedId as string;
      if (!r.ok) {
        peer.hops.delete(id);
        tellReject(c.id, r.error);
        if (CLOCK_CODES.has(r.error.code)) s.sendNo(id, r.error.code);
        else s.cut({ code: r.error.code, detail: `record ${id}: ${r.error.detail}` });
      }
      return r;
    };
    const receive = makeReceiver(
      circle,
      { onRecord: (record, wire) => accept(s, peer, record, wire) },
      clock,
      undefined,
      checked,
    );
    peer.receivers.set(circle.id, receive);
    return receive;
  };
  const accept = (s: LinkSession, peer: Peer, record: VerifiedRecord, wire: string) => {
    const hops = peer.hops.get(record.id) ?? 0;
    peer.hops.delete(record.id);
    if (closed || !peers.has(s)) return;
    s.known.add(record.id);
    if (held.has(record.id)) return s.sendAck(record.id);
    if (!ledger.admit(record)) {
      tellReject(record.circle, { code: 'over-quota', detail: 'the author used up this hour' });
      return s.sendNo(record.id, 'over-quota');
    }
    const h: Held = { ...heldOf(record, wire), next: hops + 1, record };
    hold(h);
    s.sendAck(record.id);
    setStatus({ ...status, lastSync: clock.now() });
    deliver(record, wire);
    spread(h, s);
  };

  const host: LinkHost = {
    get ready() {
      return ready;
    },
    *circles() {
      for (const hc of circles.values()) yield hc.circle;
    },
    shared(s, circle) {
      sendPending(s, circle.id);
      const ids: string[] = [];
      for (const h of held.values())
        if (h.circle === circle.id && h.next < hopLimit && live(h) && !s.known.has(h.id)) {
          s.known.add(h.id);
          ids.push(h.id);
        }
      if (ids.length > 0) s.sendHave(circle.id, ids);
    },
    have(s, circle, ids) {
      const wanted = ids.filter((id) => {
        if (!held.has(id)) return true;
        s.known.add(id);
        return false;
      });
      if (wanted.length > 0) s.sendWant(circle.id, wanted);
    },
    want(s, circle, ids) {
      // Only live records of this circle within the hop budget: what a relay of the circle would give anyone.
      const peer = peers.get(s);
      if (!peer) return;
      const out: LinkRecord[] = [];
      for (const id of ids) {
        const h = held.get(id);
        if (!h || h.circle !== circle.id || !live(h) || h.next >= hopLimit || peer.sent.has(id)) continue;
        s.known.add(id);
        peer.sent.add(id);
        out.push(toLink(h));
      }
      s.sendRecords(circle.id, out);
    },
    records(s, circle, records) {
      const peer = peers.get(s);
      if (!peer) return;
      for (const r of records) {
        if (held.has(r.id)) {
          s.known.add(r.id);
          s.sendAck(r.id);
          continue;
        }
        if (!peer.hops.has(r.id)) peer.hops.set(r.id, r.h);
        linkReceiver(s, peer, circle)(r.id, r.b, r.w);
      }
    },
    ack(s, ids) {
      for (const id of ids) {
        if (held.has(id)) s.known.add(id);
        queue.acked(id);
      }
    },
    no() {
      // A phone's refusal is not final (its clock may be off, or it may lie): the outbox waits for an ack.
    },
    ended(s, cut) {
      peers.delete(s);
      countLinks();
      if (cut) for (const l of cutListeners) l(cut);
    },
  };

  const refreshLinks = () => {
    for (const s of peers.keys()) s.refreshCircles();
  };
  const holdCircle = (circle: Circle, pinned: boolean): HeldCircle => {
    const existing = circles.get(circle.id);
    if (existing) {
      if (pinned) existing.pinned = true;
      return existing;
    }
    const hc: HeldCircle = { circle, subs: new Set(), pinned };
    circles.set(circle.id, hc);
    refreshLinks();
    // Records queued in this circle before it was held can go out now.
    void queue.ready.then(() => {
      for (const e of queue.pending()) if (e.circle === circle.id) selfIngest(e);
    });
    return hc;
  };

  // The open circle is always held: anyone may read it, so offering its token tells nothing.
  const ready = Promise.all([openCircle(), queue.ready]).then(([open]) => {
    if (!closed) holdCircle(open, true);
  });

  return {
    attach(channel) {
      if (closed) {
        channel.close();
        return () => {};
      }
      const peer: Peer = { receivers: new Map(), hops: new Map(), offered: new Set(), sent: new Set() };
      const s = openLinkSession(channel, host, timers);
      // A channel that was already closed ends the session at once: count only a live one.
      if (!s.isOpen()) return () => {};
      peers.set(s, peer);
      countLinks();
      return () => s.close();
    },
    offer(record) {
      if (closed || held.has(record.id)) return;
      const h: Held = {
        id: record.id,
        circle: record.circle as CircleId,
        wire: record.wire,
        bucket: bucketOf(record.created),
        created: record.created,
        next: 0,
      };
      if (!live(h)) return;
      hold(h);
      spread(h);
    },
    onCut(listener) {
      cutListeners.add(listener);
      return () => cutListeners.delete(listener);
    },
    async publish(circle: Circle, sealed: Sealed) {
      if (closed) throw new Error('sync adapter is closed');
      await ready;
      holdCircle(circle, true);
      const entry = { id: sealed.id, circle: circle.id, wire: sealed.wire, created: sealed.envelope.t };
      await queue.enqueue(entry, selfIngest);
    },
    async forward(record) {
      if (closed) throw new Error('sync adapter is closed');
      await ready;
      const entry = { ...record, carried: true as const };
      await queue.enqueue(entry, selfIngest);
    },
    sendState: (id) => queue.state(id),
    onSend: (l) => queue.onChange(l),
    subscribe(circle: Circle, sub: Subscription) {
      const hc = holdCircle(circle, false);
      hc.subs.add(sub);
      // History first: what this phone already verified in the circle.
      const history = [...held.values()].filter((h) => h.circle === circle.id && h.record && live(h));
      queueMicrotask(() => {
        for (const h of history) if (hc.subs.has(sub)) sub.onRecord(h.record as VerifiedRecord, h.wire);
      });
      return () => {
        hc.subs.delete(sub);
        if (hc.subs.size > 0 || hc.pinned || circles.get(circle.id) !== hc) return;
        circles.delete(circle.id);
        selfReceivers.delete(circle.id);
        refreshLinks();
      };
    },
    status: () => status,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    async close() {
      closed = true;
      for (const s of [...peers.keys()]) s.close();
      peers.clear();
      statusListeners.clear();
      cutListeners.clear();
      for (const hc of circles.values()) hc.subs.clear();
    },
  };
}
