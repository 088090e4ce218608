/**
 * Every frame from every peer (inbound sockets and federation links) enters
 * here before GUN sees anything: parse (the size is already capped), filter
 * each message (sanitizeMessage), verify PUT keys (verifyCandidates), then
 * accept (acceptPut) or hand the rebuilt message to GUN's mesh. Frames of one
 * peer are handled in order; a peer with too much unverified input is paused
 * (TCP backpressure) so a flood slows only its sender.
 */
import { acceptPut, refuseAck, type AcceptDeps, type EarlyRefusals } from './acceptPut';
import type { GunMsg, GunPeer } from './gunTypes';
import { RELAY_LIMITS } from './relayLimits';
import { sanitizeMessage, type Sanitized } from './sanitizeMessage';
import { TokenBucket } from './tokenBucket';
import { verifyCandidates, type Verdict } from './verifyCandidates';

export interface IngressDeps extends AcceptDeps {
  /** Told about every GET that goes on, so live PUTs reach the peers that asked. */
  readonly subscribe: (peer: GunPeer, soul: string) => void;
  readonly log?: (line: string) => void;
}

interface PeerState {
  chain: Promise<void>;
  pendingBytes: number;
  paused: boolean;
  gets: TokenBucket;
  times: TokenBucket;
}

const PAUSE_BYTES = RELAY_LIMITS.pauseChars;
const RESUME_BYTES = RELAY_LIMITS.resumeChars;
const DROP_BYTES = RELAY_LIMITS.dropChars;
/**
 * GETs a peer may burst, and refill per second: a client subscribes to ~35 hour
 * buckets per circle; a relay linked to us forwards all its clients' GETs.
 */
const GET_BURST = RELAY_LIMITS.getBurst;
const GET_PER_SECOND = RELAY_LIMITS.getsPerSecond;
/** Time requests (protocol §1.1): a client asks on each link and once a minute; a few more are slack. */
const TIME_BURST = RELAY_LIMITS.timeAskBurst;
const TIME_PER_SECOND = 1000 / RELAY_LIMITS.timeAskEveryMs;

/** A message that goes on; a PUT with its verification under way and what the filter refused of it. */
type Item = { s: Sanitized; m: unknown; verdict?: Promise<Verdict>; early?: EarlyRefusals };

/** An answer to a PUT (`ok` or `err`), as opposed to a reply to a GET or a handshake. */
const isPutAnswer = (msg: GunMsg) =>
  msg['@'] !== undefined &&
  msg.put === undefined &&
  msg.dam === undefined &&
  (msg.ok !== undefined || msg.err !== undefined);

export function makeIngress(deps: IngressDeps): (raw: unknown, peer: GunPeer) => void {
  const peers = new WeakMap<GunPeer, PeerState>();
  const { stats } = deps;

  /**
   * Parses and filters a frame as soon as it arrives and starts verifying its
   * PUTs, so a burst of frames from one peer is verified concurrently; only
   * delivery (deliverItems) is kept in arrival order.
   */
  function prepareFrame(text: string, peer: GunPeer, st: PeerState): Item[] {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      stats.refuse('not-json');
      return [];
    }
    const items: Item[] = [];
    for (const m of Array.isArray(parsed) ? parsed : [parsed]) {
      const now = deps.now();
      const r = sanitizeMessage(m, now);
      for (const code of r.refusals) stats.refuse(code);
      const early: EarlyRefusals = { codes: r.refusals, records: r.records ?? [] };
      if (!r.out) {
        refuseAck(deps, m, early, peer);
        continue;
      }
      // The relay asks (GETs) only its federation links, so replies and acks can come only from them:
      // from anyone else they would be forged acks or unasked-for data routed to a third peer.
      if (r.out.msg['@'] !== undefined && r.out.msg.dam === undefined && typeof peer.url !== 'string') {
        stats.refuse('unexpected-reply');
        continue;
      }
      // A linked relay's answer to a PUT this relay passed on goes no further: the sender already has
      // this relay's own answer, with its per-record refusals, and a second, plain `ok` for the same
      // PUT (the other relay saw only the records taken here) would contradict it (protocol §11.1).
      if (isPutAnswer(r.out.msg)) continue;
      if (r.out.kind === 'get' && !st.gets.take(now)) {
        stats.refuse('rate-limited');
        continue;
      }
      if (r.out.kind === 'time') {
        // Answered at once, ahead of the replies to GETs in the same frame, so the client knows
        // the time before the records it must date-check arrive.
        if (!st.times.take(now)) stats.refuse('rate-limited');
        else answerTime(r.out.msg, r.out.echo, now, peer);
        continue;
      }
      // Verification of all PUTs in the frame runs concurrently; delivery stays in order.
      const verdict =
        r.out.kind === 'put' ? verifyCandidates(r.out.candidates, deps.store, now, deps.admission) : undefined;
      // Awaited later, in order; a rejection meanwhile must not count as unhandled (it would end the process).
      verdict?.catch(() => {});
      items.push({ s: r.out, m, verdict, early });
    }
    return items;
  }

  /** `{ dam: 'nts', '@': <request id>, nts: [<echo>, <relay ms>] }`, GUN's own shape for time (gun/nts.js). */
  function answerTime(msg: GunMsg, echo: number | undefined, now: number, peer: GunPeer): void {
    const id = msg['#'];
    if (typeof id !== 'string') return;
    deps.say({ '@': id, dam: 'nts', nts: [echo ?? 0, now] }, peer);
  }

  async function deliverItems(items: Item[], peer: GunPeer): Promise<void> {
    for (const item of items) {
      if (peer.wire === null) return; // the peer left while we verified
      if (item.verdict) acceptPut(deps, item.s.msg, item.m, await item.verdict, peer, item.early);
      else {
        if (item.s.kind === 'get') deps.subscribe(peer, item.s.soul);
        deps.deliver(item.s.msg, peer);
      }
    }
  }

  const stateOf = (peer: GunPeer): PeerState => {
    let st = peers.get(peer);
    if (!st) {
      st = {
        chain: Promise.resolve(),
        pendingBytes: 0,
        paused: false,
        gets: new TokenBucket(GET_BURST, GET_PER_SECOND, deps.now()),
        times: new TokenBucket(TIME_BURST, TIME_PER_SECOND, deps.now()),
      };
      peers.set(peer, st);
    }
    return st;
  };

  return function hear(raw: unknown, peer: GunPeer): void {
    stats.frames++;
    if (typeof raw !== 'string') {
      stats.refuse('binary-frame');
      return;
    }
    const st = stateOf(peer);
    if (st.pendingBytes > DROP_BYTES) {
      stats.refuse('overloaded');
      return;
    }
    st.pendingBytes += raw.length;
    if (!st.paused && st.pendingBytes > PAUSE_BYTES) {
      st.paused = true;
      peer.wire?.pause?.();
    }
    let items: Item[];
    try {
      items = prepareFrame(raw, peer, st);
    } catch (e) {
      stats.refuse('internal-error');
      deps.log?.(`ingress error: ${String(e)}`);
      items = [];
    }
    st.chain = st.chain
      .then(() => deliverItems(items, peer))
      .catch((e: unknown) => {
        stats.refuse('internal-error');
        deps.log?.(`ingress error: ${String(e)}`);
      })
      .finally(() => {
        st.pendingBytes -= raw.length;
        if (st.paused && st.pendingBytes < RESUME_BYTES) {
          st.paused = false;
          peer.wire?.resume?.();
        }
      });
  };
}
