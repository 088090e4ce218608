/**
 * Live links between nearby phones over WebRTC data channels, with no server
 * of any kind: the one module that touches RTCPeerConnection (a boundary
 * test keeps it so). Phone A makes an offer code, phone B scans it and shows
 * an answer code, A scans that; the codes (src/protocol/linkCode.ts) carry
 * all ICE candidates at once, so there is no trickle and no signalling
 * channel. No ICE servers: only host candidates, so both phones must share a
 * network (a hotspot or Wi-Fi), and no address ever goes to a third party.
 * Every failure is a typed PhoneLinkError. See docs/decisions/phone-links.md.
 */
import { LINK } from '../domain/limits';
import { PhoneLinkError, type PhoneLinkErrorCode } from '../domain/phoneLinkError';
import type { Rejection } from '../domain/result';
import {
  compactDescription,
  decodeLinkCode,
  encodeLinkCode,
  expandDescription,
  type LinkDescription,
  type LinkRole,
} from '../protocol/linkCode';

/**
 * One open link as the sync layer sees it: exactly the shape of
 * src/sync/LinkChannel.ts (a type test keeps the two equal), written out here
 * because src/platform does not import src/sync; TypeScript's structural
 * typing lets the link adapter take these channels as they are.
 */
export interface LinkChannel {
  /** Sends one text frame; does nothing once the channel is closed. */
  send(text: string): void;
  /** Bytes queued but not yet sent (RTCDataChannel.bufferedAmount), so a sender can pace itself. */
  bufferedAmount(): number;
  /** Closes the link; the other side hears it close. */
  close(): void;
  /** Starts delivery (once): every frame as received (a string for a text frame), then one `onClose` when the link ends. */
  listen(onMessage: (data: unknown) => void, onClose: () => void): void;
}

/** A's side between showing its code and the link: accept B's answer, or give up. */
export interface PendingOffer {
  /** The offer code to show as a QR code. */
  readonly code: string;
  /** When the code expires (ms, this device's clock); the pending connection is closed then. */
  readonly expiresAt: number;
  /**
   * Applies B's answer code and resolves with the open link. Rejects with a
   * PhoneLinkError: `not-link-code`, `wrong-role` (an offer), `wrong-session`
   * (an answer to another offer), `expired`, `connect-failed` (no link within
   * the connect time), `closed` (cancelled). A refused code leaves the offer
   * pending, so A can scan the right one.
   */
  accept(answerCode: string): Promise<LinkChannel>;
  /** Closes the pending connection; a pending accept rejects with `closed`. */
  cancel(): void;
}

/** B's side: the answer code to show, and the link once A has scanned it. */
export interface PendingAnswer {
  readonly code: string;
  /** Resolves when the link opens; rejects with `expired` (A never linked within LINK.codeTtlMs), `connect-failed` or `closed`. */
  readonly channel: Promise<LinkChannel>;
  cancel(): void;
}

/** Knobs for tests and the bench; the app uses the defaults. */
export interface PhoneLinkOptions {
  /** How long a code is good for (default LINK.codeTtlMs). */
  readonly ttlMs?: number;
  /** After A applies the answer, how long the link may take to open (default CONNECT_TIMEOUT_MS). */
  readonly connectTimeoutMs?: number;
  /** This device's clock (default Date.now). */
  readonly now?: () => number;
}

/** After A applies an answer, a link on one network opens in well under a second; this allows slow name resolution. */
export const CONNECT_TIMEOUT_MS = 15_000;
/** ICE gathering with no ICE servers ends in milliseconds; a cap in case a browser never says so. */
export const GATHER_TIMEOUT_MS = 5_000;
/** An open link whose connection stays `disconnected` this long (the other phone walked away) is closed. */
export const DISCONNECTED_CLOSE_MS = 10_000;
/** Frames held for a link nobody listens to yet; more closes it (a flood before the adapter attached). */
const EARLY_FRAMES = 256;

const fail = (code: PhoneLinkErrorCode, cause?: unknown) => new PhoneLinkError(code, { cause });

/** The code for a refused scanned code. */
function refusalError(r: Rejection): PhoneLinkError {
  return fail(r.code === 'link-expired' ? 'expired' : 'not-link-code', r);
}

/** A peer connection, its one data channel, and the frames that came before the channel was handed out. */
interface Connection {
  readonly pc: RTCPeerConnection;
  readonly dc: RTCDataChannel;
  /** At most EARLY_FRAMES + 1 frames: one more means a flood, and the link closes once handed out. */
  readonly early: unknown[];
}

function newConnection(): Connection {
  if (typeof RTCPeerConnection !== 'function') throw fail('unsupported');
  try {
    const pc = new RTCPeerConnection({ iceServers: [] });
    // Negotiated: both sides make channel 0 themselves, so nothing about it travels in the codes.
    const dc = pc.createDataChannel('vada', { negotiated: true, id: 0, ordered: true });
    dc.binaryType = 'arraybuffer';
    // Listened to from the start: the other phone sends its hello the moment its side opens, and that
    // frame can reach this page before the promise that would attach a listener settles (seen in Chromium
    // 150 on a loaded machine: the hello was lost and the link cut as "circles before hello").
    const early: unknown[] = [];
    dc.onmessage = (e: MessageEvent<unknown>) => {
      if (early.length <= EARLY_FRAMES) early.push(e.data);
    };
    return { pc, dc, early };
  } catch (e) {
    throw fail('unsupported', e);
  }
}

/** Resolves when ICE gathering is complete (the codes carry every candidate), or after GATHER_TIMEOUT_MS. */
function gathered(pc: RTCPeerConnection): Promise<void> {
  return new Promise((resolve) => {
    if (pc.iceGatheringState === 'complete') return resolve();
    const done = () => {
      if (pc.iceGatheringState !== 'complete') return;
      clearTimeout(timer);
      pc.removeEventListener('icegatheringstatechange', done);
      resolve();
    };
    const timer = setTimeout(() => {
      pc.removeEventListener('icegatheringstatechange', done);
      resolve();
    }, GATHER_TIMEOUT_MS);
    pc.addEventListener('icegatheringstatechange', done);
  });
}

/** The local description as a link code, or a PhoneLinkError (`no-address` when no candidate was gathered). */
function localCode(pc: RTCPeerConnection, role: LinkRole, session: string, expiresAt: number): string {
  const sdp = pc.localDescription?.sdp ?? '';
  const desc = compactDescription(sdp, role, { session, expiresAt });
  if (!desc.ok) throw fail(/candidate/.test(desc.error.detail) ? 'no-address' : 'unsupported', desc.error);
  return encodeLinkCode(desc.value);
}

function randomSession(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Resolves when the channel opens; rejects with `code` after `ms`, or `connect-failed` when the connection fails. */
function opened(pc: RTCPeerConnection, dc: RTCDataChannel, ms: number, code: PhoneLinkErrorCode): Promise<void> {
  return new Promise((resolve, reject) => {
    if (dc.readyState === 'open') return resolve();
    const cleanup = () => {
      clearTimeout(timer);
      dc.removeEventListener('open', onOpen);
      dc.removeEventListener('close', onFail);
      pc.removeEventListener('connectionstatechange', onState);
    };
    const onOpen = () => {
      cleanup();
      resolve();
    };
    const onFail = () => {
      cleanup();
      reject(fail(pc.signalingState === 'closed' ? 'closed' : 'connect-failed'));
    };
    const onState = () => {
      if (pc.connectionState === 'failed' || pc.connectionState === 'closed') onFail();
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(fail(code));
    }, ms);
    dc.addEventListener('open', onOpen);
    dc.addEventListener('close', onFail);
    pc.addEventListener('connectionstatechange', onState);
  });
}

const connections = new WeakMap<LinkChannel, RTCPeerConnection>();

/** The open data channel as a LinkChannel: closes (once, telling the listener) when either side closes or the connection fails. */
function linkChannel({ pc, dc, early: before }: Connection): LinkChannel {
  let closed = false;
  let onMessage: ((data: unknown) => void) | undefined;
  let onClose: (() => void) | undefined;
  let early: unknown[] = before.splice(0);
  let away: ReturnType<typeof setTimeout> | undefined;
  const end = () => {
    if (closed) return;
    closed = true;
    clearTimeout(away);
    early = [];
    dc.onmessage = null;
    dc.close();
    pc.close();
    onClose?.();
  };
  dc.onmessage = (e: MessageEvent<unknown>) => {
    if (onMessage) return onMessage(e.data);
    early.push(e.data);
    if (early.length > EARLY_FRAMES) end();
  };
  dc.addEventListener('close', end);
  pc.addEventListener('connectionstatechange', () => {
    const s = pc.connectionState;
    if (s === 'failed' || s === 'closed') end();
    else if (s === 'disconnected') away ??= setTimeout(end, DISCONNECTED_CLOSE_MS);
    else if (s === 'connected') {
      clearTimeout(away);
      away = undefined;
    }
  });
  const channel: LinkChannel = {
    send(text) {
      if (closed || dc.readyState !== 'open') return;
      try {
        dc.send(text);
      } catch {
        end(); // the browser's send buffer is full or the channel broke: the link is no use any more
      }
    },
    bufferedAmount: () => (closed ? 0 : dc.bufferedAmount),
    close: end,
    listen(message, close) {
      if (onMessage) return;
      onMessage = message;
      onClose = close;
      const held = early;
      early = [];
      for (const data of held) if (!closed) message(data);
      if (closed) close();
    },
  };
  connections.set(channel, pc);
  if (early.length > EARLY_FRAMES) end();
  return channel;
}

/** Phone A: makes the offer code. Rejects with `unsupported` or `no-address`. */
export async function offerLink(opts: PhoneLinkOptions = {}): Promise<PendingOffer> {
  const now = opts.now ?? Date.now;
  const connection = newConnection();
  const { pc, dc } = connection;
  let state: 'pending' | 'connecting' | 'done' | 'closed' | 'expired' = 'pending';
  let abort: ((e: PhoneLinkError) => void) | undefined;
  const shut = (to: 'closed' | 'expired') => {
    if (state === 'done' || state === 'closed' || state === 'expired') return;
    state = to;
    clearTimeout(expiry);
    pc.close();
    abort?.(fail(to));
  };
  const session = randomSession();
  let code: string;
  let expiresAt: number;
  try {
    await pc.setLocalDescription();
    await gathered(pc);
    expiresAt = Math.floor((now() + (opts.ttlMs ?? LINK.codeTtlMs)) / 1000) * 1000;
    code = localCode(pc, 'offer', session, expiresAt);
  } catch (e) {
    pc.close();
    throw e instanceof PhoneLinkError ? e : fail('unsupported', e);
  }
  const expiry = setTimeout(() => shut('expired'), Math.max(0, expiresAt - now()));

  return {
    code,
    expiresAt,
    async accept(answerCode) {
      if (state === 'closed' || state === 'expired') throw fail(state);
      if (now() >= expiresAt) {
        shut('expired');
        throw fail('expired');
      }
      if (state !== 'pending') throw fail('closed'); // one answer per offer
      const read = decodeLinkCode(answerCode, now());
      if (!read.ok) throw refusalError(read.error);
      const answer: LinkDescription = read.value;
      if (answer.role !== 'answer') throw fail('wrong-role');
      if (answer.session !== session) throw fail('wrong-session');
      state = 'connecting';
      clearTimeout(expiry);
      try {
        await Promise.race([
          (async () => {
            await pc.setRemoteDescription({ type: 'answer', sdp: expandDescription(answer) });
            await opened(pc, dc, opts.connectTimeoutMs ?? CONNECT_TIMEOUT_MS, 'connect-failed');
          })(),
          new Promise<never>((_, reject) => (abort = reject)),
        ]);
      } catch (e) {
        if (state === 'connecting') state = 'closed';
        pc.close();
        throw e instanceof PhoneLinkError ? e : fail('connect-failed', e);
      }
      state = 'done';
      return linkChannel(connection);
    },
    cancel: () => shut('closed'),
  };
}

/** Phone B: answers A's offer code. Rejects with `not-link-code`, `wrong-role`, `expired`, `unsupported` or `no-address`. */
export async function answerLink(offerCode: string, opts: PhoneLinkOptions = {}): Promise<PendingAnswer> {
  const now = opts.now ?? Date.now;
  const read = decodeLinkCode(offerCode, now());
  if (!read.ok) throw refusalError(read.error);
  const offer = read.value;
  if (offer.role !== 'offer') throw fail('wrong-role');
  const connection = newConnection();
  const { pc, dc } = connection;
  let code: string;
  let expiresAt: number;
  try {
    await pc.setRemoteDescription({ type: 'offer', sdp: expandDescription(offer) });
    await pc.setLocalDescription();
    await gathered(pc);
    expiresAt = Math.floor((now() + (opts.ttlMs ?? LINK.codeTtlMs)) / 1000) * 1000;
    code = localCode(pc, 'answer', offer.session, expiresAt);
  } catch (e) {
    pc.close();
    throw e instanceof PhoneLinkError ? e : fail('unsupported', e);
  }
  let cancelled: ((e: PhoneLinkError) => void) | undefined;
  const channel = Promise.race([
    opened(pc, dc, Math.max(0, expiresAt - now()), 'expired').then(() => linkChannel(connection)),
    new Promise<never>((_, reject) => (cancelled = reject)),
  ]).catch((e: unknown) => {
    pc.close();
    throw e;
  });
  return {
    code,
    channel,
    cancel() {
      if (dc.readyState === 'open') return;
      cancelled?.(fail('closed'));
    },
  };
}

/**
 * Bytes sent and received on a link's connection so far (DTLS/SCTP included),
 * from the browser's statistics: the idle-traffic figure of a quiet link.
 * Rejects with `closed` for a closed link or one not made here.
 */
export async function linkTraffic(channel: LinkChannel): Promise<{ bytesSent: number; bytesReceived: number }> {
  const pc = connections.get(channel);
  if (!pc || pc.connectionState === 'closed') throw fail('closed');
  const stats = await pc.getStats();
  let bytesSent = 0;
  let bytesReceived = 0;
  stats.forEach((s: { type?: string; bytesSent?: number; bytesReceived?: number }) => {
    if (s.type !== 'transport') return;
    bytesSent += s.bytesSent ?? 0;
    bytesReceived += s.bytesReceived ?? 0;
  });
  return { bytesSent, bytesReceived };
}
