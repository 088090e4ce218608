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

// The RTCPeerConnection probe moved to tests/fixtures/rtcProbe.ts (the phone-link tests use it too).
export { rtcBytes, rtcFrames, WATCH_RTC, type RtcBytes, type RtcFrame } from '../tests/fixtures/rtcProbe';
