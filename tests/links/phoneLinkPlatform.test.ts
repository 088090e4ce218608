/**
 * src/platform/phoneLink.ts over real WebRTC between Chromium contexts, inside
 * scripts/isolatedNet.sh's private network namespace (its only address besides
 * loopback is 10.77.0.1 / fd77::1 on a veth pair with no way out, so no packet
 * leaves the machine): offer code → answer code → open channel, text both
 * ways, close heard by the other side, and every typed refusal (wrong role,
 * another session, expired, cancelled, failed to connect). Also measures what
 * the design note needs: the candidates Chromium puts in a code with and
 * without camera permission (mDNS names), whether two browsers still link
 * with mDNS names only, the time from the answer applied to the open channel,
 * and the code sizes. A tiny page importing only the platform module is built
 * with vite and served on 127.0.0.1 (a secure context).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINK } from '../../src/domain/limits';
import { decodeLinkCode, type LinkDescription } from '../../src/protocol/linkCode';
import { launchChromium } from '../fixtures/browser';
import type { LinkProbe, Outcome, ProbeOptions } from './phoneLinkProbe/probe';

const REPO = resolve(import.meta.dirname, '..', '..');
const PAGE = 'tests/links/phoneLinkProbe/index.html';
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };

let outDir: string;
let server: Server;
let origin: string;
let browser: Browser;
let other: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  if (process.env.VADA_ISOLATED_NET !== '1')
    throw new Error(
      'phone-link tests run only inside the private network namespace: npm run test:links ' +
        '(bash scripts/isolatedNet.sh npx vitest run --project links)',
    );
  outDir = mkdtempSync(join(tmpdir(), 'vada-link-probe-'));
  await build({
    configFile: false,
    root: REPO,
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, rolldownOptions: { input: join(REPO, PAGE) } },
  });
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^[/\\]+/, '');
    try {
      const body = readFileSync(join(outDir, path));
      res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  [browser, other] = await Promise.all([launchChromium(), launchChromium()]);
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
  await browser?.close();
  await other?.close();
  await new Promise((r) => server?.close(r));
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

/** A phone: a page of the probe in its own context, with camera permission unless `camera` is false. */
async function phone(opts: { camera?: boolean; in?: Browser } = {}) {
  const context = await (opts.in ?? browser).newContext(opts.camera === false ? {} : { permissions: ['camera'] });
  contexts.push(context);
  const page: Page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${origin}/${PAGE}`);
  await page.waitForFunction(() => 'linkProbe' in window);
  const call = <A extends unknown[], R>(name: keyof LinkProbe, ...args: A): Promise<R> =>
    page.evaluate(
      ([n, a]) =>
        (window as unknown as { linkProbe: Record<string, (...x: unknown[]) => unknown> }).linkProbe[n]!(...a),
      [name, args] as const,
    ) as Promise<R>;
  return {
    errors,
    offer: (o?: ProbeOptions) =>
      call<[ProbeOptions?], Outcome<{ id: number; code: string; expiresAt: number }>>('offer', o),
    accept: (id: number, code: string) =>
      call<[number, string], Outcome<{ link: number; ms: number }>>('accept', id, code),
    cancelOffer: (id: number) => call<[number], void>('cancelOffer', id),
    answer: (code: string, o?: ProbeOptions) =>
      call<[string, ProbeOptions?], Outcome<{ id: number; code: string }>>('answer', code, o),
    answered: (id: number) => call<[number], Outcome<{ link: number; at: number }>>('answered', id),
    cancelAnswer: (id: number) => call<[number], void>('cancelAnswer', id),
    send: (link: number, text: string) => call<[number, string], void>('send', link, text),
    received: (link: number) => call<[number], unknown[]>('received', link),
    closed: (link: number) => call<[number], boolean>('closed', link),
    close: (link: number) => call<[number], void>('close', link),
    traffic: (link: number) => call<[number], Outcome<{ bytesSent: number; bytesReceived: number }>>('traffic', link),
  };
}
type Phone = Awaited<ReturnType<typeof phone>>;

function value<T>(o: Outcome<T>): T {
  if (!o.ok) throw new Error(`expected success, got ${o.code}`);
  return o.value;
}
const code = (o: Outcome<unknown>) => (o.ok ? 'ok' : o.code);

function described(text: string): LinkDescription {
  const r = decodeLinkCode(text, Date.now());
  if (!r.ok) throw new Error(`the page made an unreadable code: ${r.error.code}`);
  return r.value;
}

async function until(check: () => Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A offers, B answers, A accepts: both ends of the open link, the codes and the time from accept to open. */
async function pair(a: Phone, b: Phone) {
  const offer = value(await a.offer());
  const answer = value(await b.answer(offer.code));
  const bSide = b.answered(answer.id);
  const accepted = value(await a.accept(offer.id, answer.code));
  const bLink = value(await bSide);
  return { offer, answer, a: accepted.link, b: bLink.link, acceptMs: accepted.ms };
}

const figures: string[] = [];
afterAll(() => {
  if (figures.length) console.log(`phone-link figures (isolated namespace):\n${figures.join('\n')}`);
});

describe('two phones link through offer and answer codes', () => {
  it('opens a channel that carries text both ways, and one side closing is heard by the other', async () => {
    const [a, b] = await Promise.all([phone(), phone()]);
    const link = await pair(a, b);
    await a.send(link.a, 'hello from A');
    await b.send(link.b, 'привет from B — 水');
    await until(
      async () => (await b.received(link.b)).length === 1 && (await a.received(link.a)).length === 1,
      'frames',
    );
    expect(await b.received(link.b)).toEqual(['hello from A']);
    expect(await a.received(link.a)).toEqual(['привет from B — 水']);

    const traffic = value(await a.traffic(link.a));
    expect(traffic.bytesSent).toBeGreaterThan(0);
    expect(traffic.bytesReceived).toBeGreaterThan(0);

    await a.close(link.a);
    expect(await a.closed(link.a)).toBe(true);
    await until(() => b.closed(link.b), 'B to hear the close');
    expect(code(await a.traffic(link.a))).toBe('closed');
    await a.send(link.a, 'after close'); // a no-op, not an error
    expect([...a.errors, ...b.errors]).toEqual([]);
  });

  it('with camera permission puts the raw host addresses in the codes; links in well under a second (measured)', async () => {
    const times: number[] = [];
    const seen = new Set<string>();
    let sizes = '';
    for (let i = 0; i < 5; i++) {
      const [a, b] = await Promise.all([phone(), phone()]);
      const link = await pair(a, b);
      times.push(link.acceptMs);
      const offer = described(link.offer.code);
      const answer = described(link.answer.code);
      // The namespace's IPv4 address always; its IPv6 one too, unless Chromium enumerated before it was up.
      for (const d of [offer, answer]) {
        const addresses = d.candidates.map((c) => c.address);
        expect(addresses).toContain('10.77.0.1');
        for (const a of addresses) expect(['10.77.0.1', 'fd77::1']).toContain(a);
        seen.add(addresses.join(' + '));
      }
      expect(answer.session).toBe(offer.session);
      expect(link.offer.code.length).toBeLessThanOrEqual(LINK.codeChars);
      sizes = `offer ${link.offer.code.length} / answer ${link.answer.code.length} characters`;
      await a.close(link.a);
    }
    times.sort((x, y) => x - y);
    figures.push(
      `camera permission: candidates ${[...seen].join(' | ')}; codes ${sizes}; ` +
        `answer applied → channel open: ${times.map((t) => Math.round(t)).join(', ')} ms`,
    );
    expect(times[2]).toBeLessThan(2000);
  });

  it('without camera permission hides addresses behind mDNS names, and two browsers still link with names only (measured)', async () => {
    const a = await phone({ camera: false });
    const b = await phone({ camera: false, in: other }); // another browser process: its own mDNS responder
    const link = await pair(a, b);
    const offer = described(link.offer.code);
    const answer = described(link.answer.code);
    for (const d of [offer, answer]) {
      expect(d.candidates.length).toBeGreaterThan(0);
      for (const c of d.candidates) expect(c.kind).toBe('mdns');
    }
    await a.send(link.a, 'over mDNS');
    await until(async () => (await b.received(link.b)).length === 1, 'a frame over the mDNS link');
    figures.push(
      `no camera permission: ${offer.candidates.length} mDNS name(s) per code (${offer.candidates.map((c) => c.address).join(', ')}); ` +
        `codes offer ${link.offer.code.length} / answer ${link.answer.code.length} characters; ` +
        `two browser processes linked with names only, answer applied → open ${Math.round(link.acceptMs)} ms`,
    );
    await a.close(link.a);
    await until(() => b.closed(link.b), 'B to hear the close');
  });

  it('still links when A scans the answer seconds after B made it (measured)', async () => {
    const [a, b] = await Promise.all([phone(), phone()]);
    const offer = value(await a.offer());
    const answer = value(await b.answer(offer.code));
    const bSide = b.answered(answer.id);
    await new Promise((r) => setTimeout(r, 8000));
    const accepted = value(await a.accept(offer.id, answer.code));
    value(await bSide);
    figures.push(`answer scanned 8 s after it was made: linked ${Math.round(accepted.ms)} ms after it was applied`);
    expect(accepted.ms).toBeLessThan(CONNECT_MS);
  });
});

const CONNECT_MS = 15_000;

describe('typed refusals', () => {
  it('refuses a text that is no link code, a code of the wrong role and an answer to another offer; the offer stays usable', async () => {
    const [a, b, c] = await Promise.all([phone(), phone(), phone()]);
    const offer = value(await a.offer());
    const otherOffer = value(await c.offer());
    expect(code(await b.answer('VADA:NOT A LINK'))).toBe('not-link-code');
    expect(code(await b.answer(`${offer.code.slice(0, -3)}`))).toBe('not-link-code');
    const answer = value(await b.answer(offer.code));
    expect(code(await b.answer(answer.code))).toBe('wrong-role'); // B scanned an answer where it wanted an offer
    expect(code(await a.accept(offer.id, otherOffer.code))).toBe('wrong-role'); // A scanned an offer
    const stranger = value(await c.answer(value(await phone().then((p) => p.offer())).code));
    expect(code(await a.accept(offer.id, stranger.code))).toBe('wrong-session');
    expect(code(await a.accept(offer.id, 'hello'))).toBe('not-link-code');
    // After all that the right answer still links.
    const bSide = b.answered(answer.id);
    expect(code(await a.accept(offer.id, answer.code))).toBe('ok');
    expect(code(await bSide)).toBe('ok');
  });

  it('refuses an expired offer code on both phones, and closes the pending connection when it expires', async () => {
    const [a, b] = await Promise.all([phone(), phone()]);
    const offer = value(await a.offer());
    // B's clock says the code ran out more than the allowed skew ago.
    expect(code(await b.answer(offer.code, { clockOffsetMs: LINK.codeTtlMs + 3 * 60_000 }))).toBe('expired');

    const short = value(await a.offer({ ttlMs: 1500 }));
    const answer = value(await b.answer(short.code));
    await new Promise((r) => setTimeout(r, 2000));
    expect(code(await a.accept(short.id, answer.code))).toBe('expired');
  });

  it('a cancelled offer refuses its answer; an answer whose offerer vanished fails to connect in time', async () => {
    const [a, b] = await Promise.all([phone(), phone()]);
    const offer = value(await a.offer());
    const answer = value(await b.answer(offer.code));
    await a.cancelOffer(offer.id);
    expect(code(await a.accept(offer.id, answer.code))).toBe('closed');

    const offer2 = value(await a.offer({ connectTimeoutMs: 3000 }));
    const answer2 = value(await b.answer(offer2.code, { ttlMs: 60_000 }));
    await b.cancelAnswer(answer2.id);
    expect(code(await b.answered(answer2.id))).toBe('closed');
    const t0 = Date.now();
    expect(code(await a.accept(offer2.id, answer2.code))).toBe('connect-failed');
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it("B's pending answer gives up with 'expired' when A never scans it", async () => {
    const [a, b] = await Promise.all([phone(), phone()]);
    const offer = value(await a.offer());
    const answer = value(await b.answer(offer.code, { ttlMs: 1500 }));
    expect(code(await b.answered(answer.id))).toBe('expired');
  });
});
