/**
 * The floor of any page-to-page measurement: one text frame from a sender page
 * to a receiver page through a minimal Node broadcast relay
 * (bench/rawWsRelay.ts) on 127.0.0.1, no app code on either side. Times are
 * the pages' own clocks (performance.timeOrigin + performance.now()), so the
 * two pages may live in different browser contexts (two "phones").
 */
import type { Browser, Page } from 'playwright-core';
import { startRawWsRelay } from './rawWsRelay';

export interface RawOptions {
  /** Characters of padding per frame (a point record's PUT frame is ~700). */
  padChars?: number;
  /** Pause between frames, ms. */
  gapMs?: number;
  /** How long to wait for the last frames after sending, ms. */
  settleMs?: number;
  /**
   * Where each page connects, given the raw relay's ws:// URL (default: to it
   * directly), e.g. through each phone's own throttling proxy.
   */
  urls?: (relayUrl: string) => Promise<{ sender: string; receiver: string }>;
}

const OPEN = `(url) => new Promise((ok, fail) => {
  const now = () => performance.timeOrigin + performance.now();
  const ws = new WebSocket(url);
  window.__raw = { ws, got: [] };
  ws.onmessage = (e) => { const m = JSON.parse(e.data); window.__raw.got.push([m.i, m.at, now()]); };
  ws.onopen = () => ok(true);
  ws.onerror = () => fail(new Error('raw WebSocket did not open'));
})`;

/**
 * Sends `frames` frames from `sender` to `receiver` (both pages stay where
 * they are; each opens its own socket); resolves with each frame's latency in
 * ms (frames never received are left out: compare the length with `frames`).
 */
export async function rawLatencies(
  sender: Page,
  receiver: Page,
  frames: number,
  opts: RawOptions = {},
): Promise<number[]> {
  const relay = await startRawWsRelay('127.0.0.1');
  try {
    const urls = (await opts.urls?.(relay.url)) ?? { sender: relay.url, receiver: relay.url };
    await receiver.evaluate(`(${OPEN})(${JSON.stringify(urls.receiver)})`);
    await sender.evaluate(`(${OPEN})(${JSON.stringify(urls.sender)})`);
    const pad = 'x'.repeat(opts.padChars ?? 700);
    for (let i = 0; i < frames; i++) {
      await sender.evaluate(
        ([k, p]) => {
          const raw = (window as unknown as { __raw: { ws: WebSocket } }).__raw;
          raw.ws.send(JSON.stringify({ i: k, at: performance.timeOrigin + performance.now(), pad: p }));
        },
        [i, pad] as const,
      );
      await new Promise((r) => setTimeout(r, opts.gapMs ?? 50));
    }
    const got = () =>
      receiver.evaluate(() => (window as unknown as { __raw: { got: [number, number, number][] } }).__raw.got);
    const end = Date.now() + (opts.settleMs ?? 3000);
    while ((await got()).length < frames && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    const out = (await got()).map(([, at, seen]) => seen - at);
    for (const page of [receiver, sender])
      await page.evaluate(() => (window as unknown as { __raw: { ws: WebSocket } }).__raw.ws.close());
    return out;
  } finally {
    await relay.close();
  }
}

/** The baseline on two fresh contexts of `browser` (blank pages), closed afterwards. */
export async function rawPageToPage(browser: Browser, frames: number, opts: RawOptions = {}): Promise<number[]> {
  const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
  try {
    const [a, b] = await Promise.all(contexts.map((c) => c.newPage()));
    return await rawLatencies(a as Page, b as Page, frames, opts);
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
}
