/**
 * A new app version never reloads the app by itself: when a changed worker
 * is waiting, the page shows "Update ready"; Later hides it, open tabs stay
 * as they are, and only "Reload now" activates the new worker and reloads.
 * The relay serves a copy of dist/ whose sw.js the test changes.
 */
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/browser';
import { openPeer, WAIT_MS } from '../fixtures/e2ePeer';
import { waitForWorkerControl } from '../fixtures/e2eServiceWorker';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';

const appDir = mkdtempSync(join(tmpdir(), 'vada-app-'));
let relay: RelayProcess;
let browser: Browser;

beforeAll(async () => {
  cpSync(resolve(import.meta.dirname, '..', '..', 'dist'), appDir, { recursive: true });
  [relay, browser] = await Promise.all([
    startRelayProcess({ app: true, env: { VADA_APP_DIR: appDir } }),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await relay?.kill();
  rmSync(appDir, { recursive: true, force: true });
});

/** Marks the page's JS realm: the mark disappears when the page reloads. */
const mark = (page: Page) => page.evaluate(() => void ((window as unknown as { vadaMark: number }).vadaMark = 1));
const marked = (page: Page) => page.evaluate(() => (window as unknown as { vadaMark?: number }).vadaMark === 1);
const workers = (page: Page) =>
  page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    return { waiting: Boolean(reg?.waiting), active: Boolean(reg?.active) };
  });

describe('update prompt', () => {
  it('waits for the user before activating a new version', async () => {
    const peer = await openPeer(browser, 'U', relay.url);
    const first = peer.page;
    await waitForWorkerControl(first);
    await mark(first);
    expect(await first.getByTestId('update-banner').count()).toBe(0);

    appendFileSync(join(appDir, 'sw.js'), '\n// next version\n');
    await first.evaluate(async () => void (await (await navigator.serviceWorker.getRegistration())?.update()));
    const banner = first.getByTestId('update-banner');
    await banner.waitFor({ timeout: WAIT_MS });
    expect(await banner.textContent()).toContain('Update ready');
    expect(await workers(first)).toEqual({ waiting: true, active: true });

    // Nothing happens without the user: no reload, the new version keeps waiting.
    await first.waitForTimeout(1500);
    expect(await marked(first)).toBe(true);
    await first.getByTestId('update-later').click();
    await banner.waitFor({ state: 'hidden', timeout: WAIT_MS });
    expect(await workers(first)).toEqual({ waiting: true, active: true });

    // A new tab finds the waiting version and offers it again; Reload now applies it there.
    const second = await peer.open();
    await second.getByTestId('update-banner').waitFor({ timeout: WAIT_MS });
    await mark(second);
    await Promise.all([second.waitForEvent('load', { timeout: WAIT_MS }), second.getByTestId('update-reload').click()]);
    await second.getByTestId('connection-status').waitFor({ timeout: WAIT_MS });
    expect(await marked(second)).toBe(false);
    expect(await workers(second)).toEqual({ waiting: false, active: true });
    expect(await second.getByTestId('update-banner').count()).toBe(0);

    // The other tab was not reloaded under the user's feet.
    expect(await marked(first)).toBe(true);
    expect(peer.errors).toEqual([]);
    await peer.context.close();
  });
});
