/**
 * No leaks to third parties: a whole session on two devices — the service
 * worker installing and caching tiles, proposing, following, raising an
 * alert, creating a circle, joining it by link and proposing in it — with
 * every request of every page and of the service worker recorded (context
 * 'request' events; Chromium reports the worker's requests there too) and
 * every WebSocket URL. Every URL must be on the app's origin (which is also
 * its one configured relay) or the configured tile host. The page's CSP must
 * be the strict one and nothing may trip it.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/browser';
import { closeSheet, openList, proposePoint } from '../fixtures/e2eActions';
import { followPoint, raiseQuick, waitForBanner } from '../fixtures/e2eAlerts';
import { acceptJoin, createCircle, inviteLinkOf, openInviteTab, proposeIn } from '../fixtures/e2eCircles';
import { appUrl, PHONE, WAIT_MS } from '../fixtures/e2ePeer';
import { waitForTitle } from '../fixtures/e2ePoints';
import { waitForTilesCached, waitForWorkerControl } from '../fixtures/e2eServiceWorker';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';
import { startTileServer, type TileServer } from '../fixtures/tileServer';

interface Logged {
  url: string;
  type: string;
  fromWorker: boolean;
  who: string;
}

let tiles: TileServer;
let relay: RelayProcess;
let browser: Browser;
const requests: Logged[] = [];
const sockets: { url: string; who: string }[] = [];
const violations: string[] = [];
const errors: string[] = [];
const csp: string[] = [];

/** A device whose every request, socket and CSP violation is logged from before its first page. */
async function loggedDevice(who: string): Promise<BrowserContext> {
  const context = await browser.newContext({ ...PHONE });
  context.on('request', (r) =>
    requests.push({ url: r.url(), type: r.resourceType(), fromWorker: r.serviceWorker() !== null, who }),
  );
  context.on('page', (page) => {
    page.on('websocket', (ws) => sockets.push({ url: ws.url(), who }));
    page.on('pageerror', (e) => errors.push(`${who}: ${e.message}`));
    page.on('response', (res) => {
      if (res.request().isNavigationRequest() && res.url().startsWith(relay.url))
        csp.push(res.headers()['content-security-policy'] ?? '');
    });
  });
  await context.exposeBinding('__cspViolation', (_source, text: string) => void violations.push(`${who}: ${text}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      void (window as unknown as { __cspViolation(t: string): Promise<void> }).__cspViolation(
        `${e.violatedDirective} ${e.blockedURI}`,
      );
    });
  });
  return context;
}

async function openApp(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(appUrl(relay.url), { waitUntil: 'load' });
  await page.getByTestId('connection-status').waitFor({ timeout: WAIT_MS });
  return page;
}

/** The origin a URL talks to, with ws/wss written as http/https (a relay's socket is on its http origin). */
function originOf(url: string): string {
  const u = new URL(url);
  const protocol = u.protocol === 'ws:' ? 'http:' : u.protocol === 'wss:' ? 'https:' : u.protocol;
  return `${protocol}//${u.host}`;
}

beforeAll(async () => {
  tiles = await startTileServer();
  [relay, browser] = await Promise.all([
    startRelayProcess({ app: true, env: { VADA_TILE_URL: tiles.template } }),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await relay?.kill();
  await tiles?.stop();
});

describe('the network log of a session', () => {
  it('holds only the app origin (its relay) and the configured tile host', async () => {
    const [aContext, bContext] = await Promise.all([loggedDevice('A'), loggedDevice('B')]);
    const [a, b] = await Promise.all([openApp(aContext), openApp(bContext)]);
    await waitForWorkerControl(a);
    await waitForTilesCached(a);

    const point = await proposePoint(a, { title: 'Logged square' });
    await waitForTitle(b, 'Logged square');
    await followPoint(b, point.id);
    await raiseQuick(a, point.id, 'caution');
    await waitForBanner(b, point.id, { kind: 'caution', trust: 'confirmed' });

    const circle = await createCircle(a, 'Logged circle');
    const link = await inviteLinkOf(a, circle.id);
    await closeSheet(a);
    await proposeIn(a, 'Logged circle point', circle.id);
    const joined = await openInviteTab(bContext, `${relay.url}/manifest.webmanifest`, link);
    await acceptJoin(joined);
    await waitForTitle(joined, 'Logged circle point');
    await openList(joined);
    await a.getByTestId('settings-button').click();
    await a.getByTestId('settings-sheet').waitFor({ timeout: WAIT_MS });
    // A reload served by the worker, and its tiles from the cache or the tile host.
    await a.reload({ waitUntil: 'load' });
    await a.getByTestId('connection-status').waitFor({ timeout: WAIT_MS });
    await waitForTilesCached(a);

    const allowed = new Set([new URL(relay.url).origin, tiles.origin]);
    const network = requests.filter((r) => !/^(data|blob|about):/.test(r.url));
    const outside = [
      ...network.filter((r) => !allowed.has(originOf(r.url))).map((r) => `${r.who} ${r.type} ${r.url}`),
      ...sockets.filter((s) => !allowed.has(originOf(s.url))).map((s) => `${s.who} websocket ${s.url}`),
    ];
    const hosts = [...new Set([...network.map((r) => originOf(r.url)), ...sockets.map((s) => originOf(s.url))])];
    console.info(
      `network log: ${network.length} requests (${network.filter((r) => r.fromWorker).length} by the service worker), ` +
        `${sockets.length} sockets, hosts ${hosts.join(' ')}`,
    );
    expect(outside).toEqual([]);
    // The log really covers what it claims to: the shell, the worker, tiles and relay sockets.
    expect(
      network.some((r) => r.fromWorker),
      'the service worker’s own requests are in the log',
    ).toBe(true);
    expect(network.some((r) => originOf(r.url) === tiles.origin && r.type === 'image')).toBe(true);
    expect(sockets.some((s) => s.who === 'A' && new URL(s.url).pathname === '/gun')).toBe(true);
    expect(sockets.some((s) => s.who === 'B' && new URL(s.url).pathname === '/gun')).toBe(true);

    expect(csp.length).toBeGreaterThan(0);
    for (const policy of csp) {
      expect(policy).toContain("default-src 'self'");
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("object-src 'none'");
      expect(policy).toMatch(new RegExp(`img-src [^;]*${tiles.origin.replace(/[.:/]/g, '\\$&')}`));
      expect(policy).not.toMatch(/(^|[\s;])\*(\s|;|$)/);
    }
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
  });
});
