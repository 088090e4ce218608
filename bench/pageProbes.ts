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

/** The page's clock in ms with sub-millisecond precision, comparable across pages of one machine. */
const HI_RES_NOW = 'const now = () => performance.timeOrigin + performance.now();';

/**
 * Logs PUT frames sent and received on every WebSocket in `window.__wsLog` as
 * [direction, time, frame text]. Registered before the app's own handler, so
 * arrival is stamped before any app work.
 */
export const LOG_SOCKETS = `(() => {
  ${HI_RES_NOW}
  const log = [];
  Object.defineProperty(window, '__wsLog', { value: log });
  const Native = window.WebSocket;
  class Logged extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener('message', (e) => {
        if (typeof e.data === 'string' && e.data.includes('"put"')) log.push(['in', now(), e.data]);
      });
    }
    send(data) {
      if (typeof data === 'string' && data.includes('"put"')) log.push(['out', now(), data]);
      super.send(data);
    }
  }
  window.WebSocket = Logged;
})();`;

/** One frame as LOG_SOCKETS logged it. */
export type SocketLog = [dir: 'in' | 'out', at: number, frame: string][];

export const socketLog = (page: Page): Promise<SocketLog> =>
  page.evaluate(() => (window as unknown as { __wsLog: SocketLog }).__wsLog);

/**
 * Logs the first time each point id appears in the map's accessible index
 * (`[data-testid=map-index] [data-point-id]`) in `window.__pointLog` as
 * { at, id } — the moment the follower's screen lists the point (the index
 * pages: a point on another page is not rendered, so also see the counts) —
 * and each change of the app's point count (the connection indicator's
 * data-points, read from the store) in `window.__pointCounts` as { at, n },
 * also handed to `window.__pointCountChanged(n)` when the bench exposed one
 * (it then waits without polling the page, which ran in the measured page).
 */
export const WATCH_POINTS = `(() => {
  ${HI_RES_NOW}
  const log = [];
  const seen = new Set();
  const counts = [];
  Object.defineProperty(window, '__pointLog', { value: log });
  Object.defineProperty(window, '__pointCounts', { value: counts });
  const look = (el) => {
    const id = el.dataset.pointId;
    if (!id || seen.has(id) || !el.closest('[data-testid=map-index]')) return;
    seen.add(id);
    log.push({ at: now(), id });
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes' && r.target instanceof Element && r.attributeName === 'data-points') {
        const n = Number(r.target.getAttribute('data-points'));
        if (counts.at(-1)?.n !== n) {
          counts.push({ at: now(), n });
          window.__pointCountChanged?.(n);
        }
      }
      for (const n of r.addedNodes)
        if (n instanceof Element) {
          if (n.matches('[data-point-id]')) look(n);
          for (const el of n.querySelectorAll('[data-point-id]')) look(el);
        }
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-points'] });
})();`;

export interface PointEntry {
  at: number;
  id: string;
}

export const pointLog = (page: Page): Promise<PointEntry[]> =>
  page.evaluate(() => (window as unknown as { __pointLog: PointEntry[] }).__pointLog);

/** The app's point count over time, as WATCH_POINTS logged it. */
export const pointCounts = (page: Page): Promise<{ at: number; n: number }[]> =>
  page.evaluate(() => (window as unknown as { __pointCounts: { at: number; n: number }[] }).__pointCounts);

/**
 * The sender's own steps, seen from outside the app: calls of WebCrypto's
 * encrypt, sign and digest (start and end) and IndexedDB puts (call and
 * success), with the object store's name, in `window.__senderLog` as
 * [step, time]. Proof of work runs between the click and the first encrypt.
 */
export const LOG_SENDER = `(() => {
  ${HI_RES_NOW}
  const log = [];
  Object.defineProperty(window, '__senderLog', { value: log });
  const subtle = crypto.subtle;
  for (const name of ['encrypt', 'sign', 'digest']) {
    const native = subtle[name].bind(subtle);
    subtle[name] = (...args) => {
      log.push([name + ' start', now()]);
      const p = native(...args);
      p.then(() => log.push([name + ' end', now()]), () => undefined);
      return p;
    };
  }
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (...args) {
    const store = this.name;
    log.push(['idb put ' + store, now()]);
    const req = put.apply(this, args);
    req.addEventListener('success', () => log.push(['idb done ' + store, now()]));
    return req;
  };
})();`;

export type SenderLog = [step: string, at: number][];

export const senderLog = (page: Page): Promise<SenderLog> =>
  page.evaluate(() => (window as unknown as { __senderLog: SenderLog }).__senderLog);

// The RTCPeerConnection probe moved to tests/fixtures/rtcProbe.ts (the phone-link tests use it too).
export { rtcBytes, rtcFrames, WATCH_RTC, type RtcBytes, type RtcFrame } from '../tests/fixtures/rtcProbe';
