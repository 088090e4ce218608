/**
 * What the browser benches watch inside the app's pages, as init scripts
 * (plain JavaScript text: tsx compiles functions with helpers such as
 * __name that do not exist in the page) and the readers of their logs.
 * Everything is stamped with the page's Date.now(): one machine clock for
 * every browser process of a bench.
 */
import type { Page } from 'playwright-core';

/** Logs each alert banner that appears (or changes identity), with Date.now(), in `window.__bannerLog`. */
export const WATCH_BANNERS = `(() => {
  const log = [];
  Object.defineProperty(window, '__bannerLog', { value: log });
  const seen = new WeakMap();
  const note = (el) => {
    const d = el.dataset;
    const identity = [d.kind, d.trust, d.pointId, d.reports].join('|');
    if (seen.get(el) === identity) return;
    seen.set(el, identity);
    log.push({ at: Date.now(), kind: d.kind || '', trust: d.trust || '', point: d.pointId || '' });
  };
  const SEL = '[data-testid=alert-banner]';
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes' && r.target instanceof Element && r.target.matches(SEL)) note(r.target);
      for (const n of r.addedNodes)
        if (n instanceof Element) for (const el of [n, ...n.querySelectorAll(SEL)]) if (el.matches(SEL)) note(el);
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-kind', 'data-trust'] });
})();`;

/** One banner as WATCH_BANNERS logged it. */
export interface BannerEntry {
  at: number;
  kind: string;
  trust: string;
  point: string;
}

export const bannerLog = (page: Page): Promise<BannerEntry[]> =>
  page.evaluate(() => (window as unknown as { __bannerLog: BannerEntry[] }).__bannerLog);

/** Logs every change of the link sheet's state (`link-state` data-state; null when closed) in `window.__linkStates`. */
export const WATCH_LINK_STATE = `(() => {
  const log = [];
  Object.defineProperty(window, '__linkStates', { value: log });
  let last = null;
  const look = () => {
    const el = document.querySelector('[data-testid=link-state]');
    const state = el ? el.dataset.state || '' : null;
    if (state !== last) { last = state; log.push({ at: Date.now(), state }); }
  };
  new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
})();`;

export interface LinkStateEntry {
  at: number;
  state: string | null;
}

export const linkStateLog = (page: Page): Promise<LinkStateEntry[]> =>
  page.evaluate(() => (window as unknown as { __linkStates: LinkStateEntry[] }).__linkStates);

/**
 * Keeps every RTCPeerConnection the page makes (window.__rtc.pcs) and logs
 * every text frame its data channels send or receive (window.__rtc.frames:
 * direction, Date.now(), connection index, text). The receive listener is
 * added when the channel is made, so it runs before the app's own.
 */
export const WATCH_RTC = `(() => {
  const pcs = [];
  const frames = [];
  Object.defineProperty(window, '__rtc', { value: { pcs, frames } });
  const Native = window.RTCPeerConnection;
  if (!Native) return;
  class Watched extends Native {
    constructor(config) {
      super(config);
      pcs.push(this);
    }
    createDataChannel(label, init) {
      const channel = super.createDataChannel(label, init);
      const index = pcs.indexOf(this);
      channel.addEventListener('message', (e) => {
        if (typeof e.data === 'string') frames.push(['in', Date.now(), index, e.data]);
      });
      const send = channel.send.bind(channel);
      channel.send = (data) => {
        if (typeof data === 'string') frames.push(['out', Date.now(), index, data]);
        send(data);
      };
      return channel;
    }
  }
  window.RTCPeerConnection = Watched;
})();`;

/** One data-channel frame WATCH_RTC logged. */
export type RtcFrame = [dir: 'in' | 'out', at: number, pc: number, text: string];

/** Frames logged since index `from`. */
export const rtcFrames = (page: Page, from = 0): Promise<RtcFrame[]> =>
  page.evaluate((n) => (window as unknown as { __rtc: { frames: RtcFrame[] } }).__rtc.frames.slice(n), from);

/** Bytes of one connected peer connection, from getStats(). */
export interface RtcBytes {
  /** Connection index in window.__rtc.pcs. */
  pc: number;
  /** Everything on the wire (the transport: ICE consent checks, DTLS, SCTP, data). */
  transportSent: number;
  transportReceived: number;
  /** The data channel's own messages. */
  channelSent: number;
  channelReceived: number;
  messagesSent: number;
  messagesReceived: number;
  /** STUN packets of the selected candidate pair (connectivity and consent checks, RFC 7675): not in the byte counts. */
  stunSent: number;
  stunReceived: number;
}

/** getStats() of each connected peer connection WATCH_RTC kept. */
export const rtcBytes = (page: Page): Promise<RtcBytes[]> =>
  page.evaluate(async () => {
    const { pcs } = (window as unknown as { __rtc: { pcs: RTCPeerConnection[] } }).__rtc;
    const out = [];
    for (const [pc, conn] of pcs.entries()) {
      if (conn.connectionState !== 'connected') continue;
      const row = {
        pc,
        transportSent: 0,
        transportReceived: 0,
        channelSent: 0,
        channelReceived: 0,
        messagesSent: 0,
        messagesReceived: 0,
        stunSent: 0,
        stunReceived: 0,
      };
      // No named helpers in here: tsx would wrap them in __name, which the page does not have.
      (await conn.getStats()).forEach((s: Record<string, unknown>) => {
        const v = s as { type: string; nominated?: boolean; bytesSent?: number } & Record<string, number>;
        if (v.type === 'candidate-pair' && v.nominated) {
          row.stunSent += (v.requestsSent ?? 0) + (v.responsesSent ?? 0) + (v.consentRequestsSent ?? 0);
          row.stunReceived += (v.requestsReceived ?? 0) + (v.responsesReceived ?? 0);
        }
        if (v.type === 'transport') {
          row.transportSent += v.bytesSent ?? 0;
          row.transportReceived += v.bytesReceived ?? 0;
        }
        if (v.type === 'data-channel') {
          row.channelSent += v.bytesSent ?? 0;
          row.channelReceived += v.bytesReceived ?? 0;
          row.messagesSent += v.messagesSent ?? 0;
          row.messagesReceived += v.messagesReceived ?? 0;
        }
      });
      out.push(row);
    }
    return out;
  });
