/**
 * A follower whose page is hidden gets a system notification through the
 * service worker registration, worded only as the lock-screen privacy setting
 * allows: "discreet" with a custom text shows that text and nothing else (no
 * place name, no alert kind). While the page is visible, the banner alone.
 * The follower runs in a Chromium we attach to without Playwright's focus
 * emulation (tests/fixtures/tabbedBrowser.ts), so its page can really be
 * hidden behind another tab.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/browser';
import { proposePoint } from '../fixtures/e2eActions';
import {
  enableNotifications,
  followPoint,
  notificationCalls,
  raiseDisperse,
  raiseQuick,
  recordNotificationCalls,
  shownNotifications,
  waitForBanner,
} from '../fixtures/e2eAlerts';
import { appUrl, eventually, openPeer, WAIT_MS, type Peer } from '../fixtures/e2ePeer';
import { waitForTitle } from '../fixtures/e2ePoints';
import { waitForWorkerControl } from '../fixtures/e2eServiceWorker';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';
import { launchTabbedChromium, type TabbedBrowser } from '../fixtures/tabbedBrowser';

const DISCREET = 'Weather update';
const TITLE = 'Embassy gates';

let relay: RelayProcess;
let browser: Browser;
let tabbed: TabbedBrowser;
let organizer: Peer;
let follower: Page;
const followerErrors: string[] = [];

beforeAll(async () => {
  [relay, browser, tabbed] = await Promise.all([
    startRelayProcess({ app: true }),
    launchChromium(),
    launchTabbedChromium(),
  ]);
  organizer = await openPeer(browser, 'A', relay.url);
  await tabbed.context.grantPermissions(['notifications'], { origin: new URL(relay.url).origin });
  await recordNotificationCalls(tabbed.context);
  follower = await tabbed.newPage();
  follower.on('pageerror', (e) => followerErrors.push(e.message));
  await follower.goto(appUrl(relay.url), { waitUntil: 'load' });
  await follower.getByTestId('connection-status').waitFor({ timeout: WAIT_MS });
  await waitForWorkerControl(follower);
});

afterAll(async () => {
  await tabbed?.close();
  await browser?.close();
  await relay?.kill();
});

describe('alerts on a hidden page', () => {
  it('become a system notification with the discreet lock-screen text only', async () => {
    await enableNotifications(follower, { text: 'discreet', discreetText: DISCREET });
    expect(await follower.evaluate(() => Notification.permission)).toBe('granted');
    expect(await follower.getByTestId('alerts-degraded').count()).toBe(0);

    const point = await proposePoint(organizer.page, { title: TITLE });
    await waitForTitle(follower, TITLE, 'active');
    await followPoint(follower, point.id);

    // Visible: the banner, no system notification.
    await raiseQuick(organizer.page, point.id, 'caution');
    await waitForBanner(follower, point.id, { kind: 'caution', trust: 'confirmed' });
    await follower.waitForTimeout(1000);
    expect(await notificationCalls(follower)).toEqual([]);

    // Hidden behind another tab (really: the page itself says so), the organizer disperses.
    const cover = await tabbed.hide(follower);
    expect(await follower.evaluate(() => [document.visibilityState, document.hidden])).toEqual(['hidden', true]);
    await raiseDisperse(organizer.page, point.id, { reason: 'police' });
    await eventually(
      async () => (await notificationCalls(follower)).length > 0,
      'the hidden page to show a system notification',
      () => notificationCalls(follower),
    );
    // Anything more would come within the same fold; give it a moment, then look at every call.
    await follower.waitForTimeout(1500);
    const calls = await notificationCalls(follower);
    expect(calls.map((c) => [c.title, c.options.body, c.visibility])).toEqual([[DISCREET, '', 'hidden']]);
    const said = JSON.stringify(calls);
    for (const secret of [TITLE, 'Embassy', 'isperse', 'olice', 'aution', 'onfirmed'])
      expect(said, `the notification must not say ${secret}`).not.toContain(secret);
    // What the registration actually shows: the same, and only it.
    expect(await shownNotifications(follower)).toEqual([{ title: DISCREET, body: '', tag: point.id }]);
    // And as the service worker itself sees its registration.
    const [worker] = tabbed.context.serviceWorkers();
    expect(worker, 'the app’s service worker').toBeDefined();
    expect(
      await worker?.evaluate(async () =>
        (await (self as unknown as { registration: ServiceWorkerRegistration }).registration.getNotifications()).map(
          (n) => ({
            title: n.title,
            body: n.body,
          }),
        ),
      ),
    ).toEqual([{ title: DISCREET, body: '' }]);

    // Back in front: the banner says what happened.
    await cover.close();
    await tabbed.show(follower);
    await waitForBanner(follower, point.id, { kind: 'disperse', trust: 'confirmed' });
    expect([...organizer.errors, ...followerErrors]).toEqual([]);
  });
});
