/**
 * A laptop relay on a hotspot, as phones see it: a real relay process with
 * --tls serves the app; Chromium resolves vada.test to 127.0.0.1, so the page
 * is on a LAN-like name (not localhost, which browsers treat as secure even
 * over http). Over https (the certificate accepted, as after comparing the
 * fingerprint) the app starts and two phones sync through wss; over plain
 * http on the same port it shows the explanation with the https link
 * instead of an error. With no service worker there (Chromium refuses it for
 * a self-signed certificate), the sheets fetched ahead after the first paint
 * still open once the relay is out of reach.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/browser';
import { closeSheet, proposePoint } from '../fixtures/e2eActions';
import { openImport, sharedText } from '../fixtures/e2eHandover';
import { eventually, openPeer, PHONE, WAIT_MS, type Peer } from '../fixtures/e2ePeer';
import { waitForTitle } from '../fixtures/e2ePoints';
import { setOffline } from '../fixtures/offlineContext';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';

const HOST = 'vada.test';
/** The sheets' chunk names (src/ui/shell/lazySheets.ts). */
const SHEETS = [
  'ProposeSheet',
  'DetailsSheet',
  'StackChooser',
  'ListSheet',
  'CirclesSheet',
  'SettingsSheet',
  'LinkSheet',
  'ShareSheet',
  'ImportSheet',
];

let relay: RelayProcess;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [relay, browser] = await Promise.all([
    // Tiles from a closed local port: nothing leaves 127.0.0.1.
    startRelayProcess({ app: true, tls: true, env: { VADA_TILE_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png' } }),
    launchChromium({ args: [`--host-resolver-rules=MAP ${HOST} 127.0.0.1`] }),
  ]);
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await relay?.kill();
});

describe('a relay started with --tls, opened on a LAN name', () => {
  it('over https: the app starts and a point reaches the second phone through wss', async () => {
    expect(relay.url).toMatch(/^https:\/\//);
    const base = `https://${HOST}:${relay.port}/`;
    const sockets: string[] = [];
    const [a, b]: Peer[] = await Promise.all(
      ['A', 'B'].map((name) =>
        openPeer(browser, name, base, {
          ignoreHTTPSErrors: true,
          beforeLoad: (page) => void page.on('websocket', (ws) => sockets.push(ws.url())),
        }),
      ),
    );
    contexts.push(a!.context, b!.context);
    for (const p of [a!, b!]) {
      expect(await p.page.evaluate(() => [location.protocol, isSecureContext])).toEqual(['https:', true]);
      const status = p.page.getByTestId('connection-status');
      await eventually(
        async () => (await status.getAttribute('data-connected')) === '1',
        `${p.name} connected`,
        () => status.textContent(),
      );
    }
    expect(new Set(sockets)).toEqual(new Set([`wss://${HOST}:${relay.port}/gun`]));

    const proposed = await proposePoint(a!.page, { title: 'Hotspot square' });
    const seen = await waitForTitle(b!.page, 'Hotspot square', 'active');
    expect(seen.id).toBe(proposed.id);
    expect([...a!.errors, ...b!.errors]).toEqual([]);
  });

  it('over https with a self-signed certificate: Settings says offline start is not available here, and why', async () => {
    const base = `https://${HOST}:${relay.port}/`;
    const logged: string[] = [];
    const c = await openPeer(browser, 'C', base, {
      ignoreHTTPSErrors: true,
      beforeLoad: (page) => void page.on('console', (m) => logged.push(m.text())),
    });
    contexts.push(c.context);
    await c.page.getByTestId('settings-button').click();
    const note = c.page.getByTestId('offline-start-note');
    // Chromium refuses the worker even though the certificate error is ignored for the page.
    await note.waitFor({ timeout: WAIT_MS });
    // A registration that failed for another reason is retried once (after 5 s), so wait for the last word.
    await eventually(
      async () => (await note.getAttribute('data-state')) === 'certificate',
      'the note to name the certificate',
      async () => ({ state: await note.getAttribute('data-state'), console: logged.filter((l) => /worker/i.test(l)) }),
      2 * WAIT_MS,
    );
    expect(await note.textContent()).toMatch(/^Offline start is not available at this address: .*certificate/);
    expect(await c.page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
  });

  it('with no service worker (self-signed): the sheets, fetched after the first paint, still open once the relay is gone', async () => {
    const base = `https://${HOST}:${relay.port}/`;
    const d = await openPeer(browser, 'D', base, { ignoreHTTPSErrors: true });
    contexts.push(d.context);
    const point = await proposePoint(d.page, { title: 'Out of reach' });
    // Every sheet is a chunk of its own (src/ui/shell/lazySheets.ts), fetched once the page is idle.
    await eventually(
      async () =>
        (
          await d.page.evaluate(() =>
            performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname.replace(/^\/assets\//, '')),
          )
        ).filter((f) => SHEETS.some((s) => f.startsWith(`${s}-`))).length >= SHEETS.length,
      'every sheet fetched ahead',
    );
    expect(await d.page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
    await setOffline(d.context, true);
    for (const [button, sheet] of [
      ['list-button', 'list-sheet'],
      ['circles-button', 'circles-sheet'],
      ['settings-button', 'settings-sheet'],
      ['propose-button', 'propose-sheet'],
    ] as const) {
      await d.page.getByTestId(button).click();
      await d.page.getByTestId(sheet).waitFor({ timeout: WAIT_MS });
      await closeSheet(d.page);
    }
    // The hand-over the relay's absence is for: the share sheet with the bundle code it loads with.
    expect(await sharedText(d.page, point.id)).toMatch(/^vada1:/);
    await openImport(d.page);
    expect(await d.page.getByTestId('sheet-load-failed').count()).toBe(0);
    expect(d.errors).toEqual([]);
  });

  it('over plain http on the same port: the explanation with the https address, no error details', async () => {
    const context = await browser.newContext({ ...PHONE });
    contexts.push(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://${HOST}:${relay.port}/#join=not-a-real-key`, { waitUntil: 'load' });
    const help = page.getByTestId('secure-context-help');
    await help.waitFor({ timeout: WAIT_MS });
    expect(await page.evaluate(() => isSecureContext)).toBe(false);

    const secure = `https://${HOST}:${relay.port}/`;
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Open Vada’s secure address');
    expect(await page.getByTestId('secure-why').textContent()).toMatch(/only on secure pages/);
    expect(await page.getByTestId('secure-link').getAttribute('href')).toBe(secure);
    expect(await page.getByTestId('secure-link').textContent()).toBe(secure);
    expect(await page.getByTestId('secure-address').textContent()).toBe(secure);
    expect(await page.getByText('Open this address instead:').count()).toBe(1);
    expect(await page.getByTestId('secure-no-tls').count()).toBe(0);
    const steps = await page.getByTestId('secure-steps').locator('li').allTextContents();
    expect(steps).toHaveLength(3);
    expect(steps[1]).toMatch(/SHA-256 fingerprint with the one shown on the relay’s screen/);

    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).not.toMatch(/Details:|could not start|importKey|TypeError|at \w+ \(/);
    expect(await page.getByTestId('startup-error').count()).toBe(0);
    // The invite fragment left the address bar here too, and is not in the https link.
    expect(new URL(page.url()).hash).toBe('');
    expect(errors).toEqual([]);
  });
});
