/**
 * One open phone link, as the link adapter drives it (protocol §15): the
 * hello/circles handshake and the tokens of shared circles, the frame reader
 * (rate limits, then parseLinkFrame, then frame order; any fault cuts the
 * link), and the paced sender (frames merged per tick, held back while the
 * channel's buffer is full or the sender's own buckets are empty). Keep-alive:
 * one timer per link that sends `ping` after 30 s without sending and drops
 * the link after 90 s without hearing. What the frames mean for records is the
 * adapter's business (LinkHost). Everything about the peer lives in this
 * closure and is dropped when the link ends.
 */
import type { CircleId, RecordId } from '../domain/brand';
import type { RejectionCode } from '../domain/result';
import type { Circle } from '../protocol/circle';
import { LIMITS } from '../domain/limits';
import {
  encodeLinkFrame,
  LINK_FRAME_REFUSALS,
  LINK_WIRE,
  linkRecordBytes,
  parseLinkFrame,
  type LinkFrame,
  type LinkRecord,
} from '../protocol/linkWire';
import { linkToken, randomLinkToken } from '../protocol/linkToken';
import { utf8Bytes } from '../protocol/utf8Bytes';
import type { LinkChannel } from './LinkChannel';
import { createTokenBucket } from './linkRateLimit';
import type { LinkTimers } from './linkTimers';

/** The link's own reasons to cut it (protocol §15.7): a frame refused, or a peer too fast. */
export const LINK_CUT_CODES = [...LINK_FRAME_REFUSALS, 'rate-limited'] as const;

/** Why a link was cut: one of LINK_CUT_CODES, or the code of a record that failed verification. */
export type LinkCutCode = (typeof LINK_CUT_CODES)[number] | RejectionCode;

/** A link cut for misbehaviour: the code (protocol §15.7) and a detail for logs, never shown as content. */
export interface LinkCutReason {
  readonly code: LinkCutCode;
  readonly detail: string;
}

/** What a session asks of the adapter that owns it. */
export interface LinkHost {
  /** Resolves once the adapter holds its first circles (the session answers a hello after it). */
  readonly ready: Promise<unknown>;
  /** The circles this phone holds now (their tokens are offered). */
  circles(): Iterable<Circle>;
  /** The peer proved it holds `circle` too (the link's first catch-up for it starts here). */
  shared(session: LinkSession, circle: Circle): void;
  have(session: LinkSession, circle: Circle, ids: readonly string[]): void;
  want(session: LinkSession, circle: Circle, ids: readonly string[]): void;
  records(session: LinkSession, circle: Circle, records: readonly LinkRecord[]): void;
  ack(session: LinkSession, ids: readonly string[]): void;
  no(session: LinkSession, id: string, code: string): void;
  /** The link ended: closed by either side, silent too long, or cut (`cut` says why). */
  ended(session: LinkSession, cut: LinkCutReason | undefined): void;
}

export interface LinkSession {
  /** Record ids this peer holds or was sent on this link (so nothing is pushed twice). */
  readonly known: Set<string>;
  /** False once the link ended. */
  isOpen(): boolean;
  /** True once the peer proved it holds the circle. */
  shares(circle: CircleId): boolean;
  sendRecords(circle: CircleId, records: readonly LinkRecord[]): void;
  sendHave(circle: CircleId, ids: readonly string[]): void;
  sendWant(circle: CircleId, ids: readonly string[]): void;
  sendAck(id: string): void;
  sendNo(id: string, code: string): void;
  /** The held circles changed: send a new `circles` list and re-match. */
  refreshCircles(): void;
  /** Closes the link for misbehaviour. */
  cut(reason: LinkCutReason): void;
  /** Closes the link (no misbehaviour). */
  close(): void;
}

const SHARE = LINK_WIRE.senderSharePercent / 100;

/** Opens a session over `channel`: sends `hello` at once and starts listening. */
export function openLinkSession(channel: LinkChannel, host: LinkHost, timers: LinkTimers): LinkSession {
  let ended = false;
  const myNonce = randomLinkToken(LINK_WIRE.nonceBytes);
  let peerNonce: string | undefined;
  /** circle → the token this phone sends / the token the peer must send for it. */
  const mine = new Map<CircleId, string>();
  const theirs = new Map<CircleId, string>();
  let peerList: ReadonlySet<string> | undefined;
  const shared = new Map<CircleId, Circle>();
  const byPeerToken = new Map<string, Circle>();
  /** Padding tokens, kept for the link's life so a re-sent list does not show which tokens are real. */
  const pads: string[] = [];
  const known = new Set<string>();
  let chain: Promise<void> = Promise.resolve();

  // Sending: control frames in order, then acknowledgements, then records, merged per tick.
  const control: string[] = [];
  let acks: string[] = [];
  const recs = new Map<CircleId, LinkRecord[]>();
  const sendFrames = createTokenBucket(LINK_WIRE.frameBurst / 2, LINK_WIRE.framesPerSecond * SHARE, timers.now);
  const sendBytes = createTokenBucket(LINK_WIRE.byteBurst / 2, LINK_WIRE.bytesPerSecond * SHARE, timers.now);
  const inFrames = createTokenBucket(LINK_WIRE.frameBurst, LINK_WIRE.framesPerSecond, timers.now);
  const inBytes = createTokenBucket(LINK_WIRE.byteBurst, LINK_WIRE.bytesPerSecond, timers.now);
  let pumpTimer: unknown;
  let lastSent = timers.now();
  let lastHeard = timers.now();
  let aliveTimer: unknown;

  const end = (cut: LinkCutReason | undefined) => {
    if (ended) return;
    ended = true;
    if (pumpTimer !== undefined) timers.clear(pumpTimer);
    if (aliveTimer !== undefined) timers.clear(aliveTimer);
    control.length = 0;
    acks = [];
    recs.clear();
    mine.clear();
    theirs.clear();
    shared.clear();
    byPeerToken.clear();
    known.clear();
    pads.length = 0;
    channel.close();
    host.ended(session, cut);
  };

  const nextFrame = (): { text: string; commit: () => void } | undefined => {
    const head = control[0];
    if (head !== undefined) return { text: head, commit: () => control.shift() };
    if (acks.length > 0) {
      const ids = acks.slice(0, LINK_WIRE.idsMax);
      return { text: encodeLinkFrame({ t: 'ack', ids: ids as RecordId[] }), commit: () => acks.splice(0, ids.length) };
    }
    for (const [circle, list] of recs) {
      const c = mine.get(circle);
      if (list.length === 0 || c === undefined || !shared.has(circle)) {
        recs.delete(circle);
        continue;
      }
      let size = utf8Bytes(encodeLinkFrame({ t: 'rec', c, r: [] }));
      let n = 0;
      for (const e of list) {
        const add = linkRecordBytes(e);
        if (n >= LINK_WIRE.recordsMax || size + add > LIMITS.frameBytes) break;
        size += add;
        n++;
      }
      const r = list.slice(0, n);
      return { text: encodeLinkFrame({ t: 'rec', c, r }), commit: () => list.splice(0, n) };
    }
    return undefined;
  };

  const pump = () => {
    pumpTimer = undefined;
    while (!ended) {
      const next = nextFrame();
      if (!next) return;
      const bytes = utf8Bytes(next.text);
      const wait =
        channel.bufferedAmount() > LINK_WIRE.bufferedHighBytes
          ? 50
          : Math.max(sendFrames.waitMs(1), sendBytes.waitMs(bytes));
      if (wait > 0) {
        pumpTimer = timers.set(pump, wait);
        return;
      }
      sendFrames.take(1);
      sendBytes.take(bytes);
      next.commit();
      lastSent = timers.now();
      channel.send(next.text);
    }
  };
  const soon = () => {
    if (!ended && pumpTimer === undefined) pumpTimer = timers.set(pump, 0);
  };
  const queue = (frame: LinkFrame) => {
    if (ended) return;
    control.push(encodeLinkFrame(frame));
    soon();
  };

  const alive = () => {
    aliveTimer = undefined;
    if (ended) return;
    const now = timers.now();
    if (now - lastHeard >= LINK_WIRE.silenceMs) {
      end(undefined);
      return;
    }
    const ping = now - lastSent >= LINK_WIRE.keepAliveMs;
    if (ping && control.length === 0) queue({ t: 'ping' });
    const sent = ping ? now : lastSent;
    const wake = Math.min(sent + LINK_WIRE.keepAliveMs, lastHeard + LINK_WIRE.silenceMs) - now;
    aliveTimer = timers.set(alive, Math.max(wake, 1000));
  };

  /** Tokens for the circles held now; `changed` when the list to send is not the one sent last. */
  const computeTokens = async () => {
    const nonce = peerNonce as string;
    const held = new Map<CircleId, Circle>();
    for (const c of host.circles()) if (held.size < LINK_WIRE.tokensMax) held.set(c.id, c);
    let changed = false;
    for (const id of [...mine.keys()])
      if (!held.has(id)) {
        mine.delete(id);
        theirs.delete(id);
        changed = true;
      }
    for (const [id, c] of held) {
      if (mine.has(id)) continue;
      const [m, t] = await Promise.all([linkToken(c, myNonce, nonce), linkToken(c, nonce, myNonce)]);
      mine.set(id, m);
      theirs.set(id, t);
      changed = true;
    }
    return { held, changed };
  };
  const sendCircles = () => {
    const real = [...mine.values()];
    const size = Math.max(LINK_WIRE.tokensPad, Math.ceil(real.length / LINK_WIRE.tokensPad) * LINK_WIRE.tokensPad);
    while (pads.length < size - real.length) pads.push(randomLinkToken());
    const k = [...real, ...pads.slice(0, size - real.length)];
    // Fisher–Yates with WebCrypto randomness: a token's place says nothing.
    const rnd = crypto.getRandomValues(new Uint32Array(k.length));
    for (let i = k.length - 1; i > 0; i--) {
      const j = (rnd[i] as number) % (i + 1);
      [k[i], k[j]] = [k[j] as string, k[i] as string];
    }
    queue({ t: 'circles', k });
  };
  const match = (held: Map<CircleId, Circle>) => {
    if (!peerList) return;
    for (const [id, circle] of held) {
      const t = theirs.get(id);
      const now = t !== undefined && peerList.has(t);
      if (now && !shared.has(id)) {
        shared.set(id, circle);
        byPeerToken.set(t, circle);
        host.shared(session, circle);
      } else if (!now && shared.has(id)) unshare(id);
    }
    for (const id of [...shared.keys()]) if (!held.has(id)) unshare(id);
  };
  const unshare = (id: CircleId) => {
    shared.delete(id);
    for (const [t, c] of byPeerToken) if (c.id === id) byPeerToken.delete(t);
    recs.delete(id);
  };

  const handle = async (f: LinkFrame) => {
    if (ended) return;
    if (peerNonce === undefined && f.t !== 'hello')
      return session.cut({ code: 'bad-shape', detail: `${f.t} before hello` });
    switch (f.t) {
      case 'hello': {
        if (peerNonce !== undefined) return session.cut({ code: 'bad-shape', detail: 'second hello' });
        if (f.n === myNonce) return session.cut({ code: 'bad-field', detail: 'hello echoes our nonce' });
        peerNonce = f.n;
        await host.ready;
        await computeTokens();
        sendCircles();
        return;
      }
      case 'circles':
        peerList = new Set(f.k);
        match((await computeTokens()).held);
        return;
      case 'ping':
        return;
      case 'ack':
        return host.ack(session, f.ids);
      case 'no':
        return host.no(session, f.id, f.code);
      default: {
        // have / want / rec name a circle by the peer's token; one not shared (any more) is ignored.
        const circle = byPeerToken.get(f.c);
        if (!circle) return;
        if (f.t === 'have') return host.have(session, circle, f.ids);
        if (f.t === 'want') return host.want(session, circle, f.ids);
        return host.records(session, circle, f.r);
      }
    }
  };

  const hear = (data: unknown) => {
    if (ended) return;
    lastHeard = timers.now();
    const weight = typeof data === 'string' ? utf8Bytes(data, LIMITS.frameBytes) : 0;
    if (!inFrames.take(1) || !inBytes.take(Math.min(weight, LINK_WIRE.byteBurst)))
      return session.cut({ code: 'rate-limited', detail: 'peer sent faster than the link allows' });
    const parsed = parseLinkFrame(data);
    if (!parsed.ok) return session.cut({ code: parsed.code, detail: parsed.detail });
    chain = chain.then(() => handle(parsed.frame)).catch(() => session.cut({ code: 'bad-shape', detail: 'fault' }));
  };

  const session: LinkSession = {
    known,
    isOpen: () => !ended,
    shares: (circle) => shared.has(circle),
    sendRecords(circle, records) {
      if (ended || !shared.has(circle) || records.length === 0) return;
      const list = recs.get(circle);
      if (list) list.push(...records);
      else recs.set(circle, [...records]);
      soon();
    },
    sendHave(circle, ids) {
      const c = mine.get(circle);
      if (c === undefined) return;
      for (let i = 0; i < ids.length; i += LINK_WIRE.idsMax)
        queue({ t: 'have', c, ids: ids.slice(i, i + LINK_WIRE.idsMax) as RecordId[] });
    },
    sendWant(circle, ids) {
      const c = mine.get(circle);
      if (c === undefined) return;
      for (let i = 0; i < ids.length; i += LINK_WIRE.idsMax)
        queue({ t: 'want', c, ids: ids.slice(i, i + LINK_WIRE.idsMax) as RecordId[] });
    },
    sendAck(id) {
      if (ended) return;
      acks.push(id);
      soon();
    },
    sendNo(id, code) {
      queue({ t: 'no', id: id as RecordId, code });
    },
    refreshCircles() {
      if (ended || peerNonce === undefined) return;
      chain = chain.then(async () => {
        if (ended) return;
        const { held, changed } = await computeTokens();
        if (changed) sendCircles();
        match(held);
      });
    },
    cut: (reason) => end(reason),
    close: () => end(undefined),
  };

  queue({ t: 'hello', v: LINK_WIRE.version, n: myNonce });
  aliveTimer = timers.set(alive, LINK_WIRE.keepAliveMs);
  channel.listen(hear, () => end(undefined));
  return session;
}
