/**
 * Issue 11, item 9: axe-core finds no violation on any screen or dialog of
 * Vada, in English, in a right-to-left language (Persian) and in a Cyrillic
 * one (Belarusian). Real peers on one real relay serving this build: an
 * organizer phone proposes, shares, disperses and makes a circle; a follower
 * phone sees the alert banners, the invite's join question, the import
 * preview and the PIN lock screen; a third page opens the app over plain
 * http at a LAN-like name (the secure-address help). Every rule axe runs by
 * default is on, the map included: an exclusion would hide exactly the kind
 * of gap the issue found (a map screen with no top heading).
 *
 * Each screen is one soft assertion whose message names the screen and lists
 * the findings, so one run reports every screen; the per-screen counts are
 * printed as a table at the end (the figures for the note).
 *
 * The relay serves dist/ (`npm run build`), or the build the environment's
 * VADA_APP_DIR names (the relay process inherits it).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PointPayload } from '../../src/domain/records';
import { openCircle } from '../../src/protocol/circle';
import { generateIdentity } from '../../src/protocol/identity';
import { sealRecord } from '../../src/protocol/sealRecord';
import { DEFAULT_VIEW } from '../../src/state/createUiState';
import { axeViolations, describeFindings } from '../fixtures/axe';
import { launchChromium } from '../fixtures/browser';
import { closeSheet, openDetails, openList } from '../fixtures/e2eActions';
import { followPoint, raiseQuick, waitForBanner } from '../fixtures/e2eAlerts';
import { createCircle, inviteLinkOf, openCircles, openInviteTab } from '../fixtures/e2eCircles';
import { openShare, pasteBundle } from '../fixtures/e2eHandover';
import { eventually, openPeer, PHONE, WAIT_MS, type Peer } from '../fixtures/e2ePeer';
import { waitForTitle } from '../fixtures/e2ePoints';
import { blast } from '../fixtures/floodPeer';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';
import { startTileServer, type TileServer } from '../fixtures/tileServer';

/** A LAN-like name Chromium resolves to 127.0.0.1: plain http there is not a secure context. */
const LAN_HOST = 'vada.test';
const PIN = '27182818';

/** The centre of the app's first view: the seeded stack sits exactly there. */
const SPOT = { lat: DEFAULT_VIEW.lat, lon: DEFAULT_VIEW.lon };

/** Browser locale → peer titles in that language (peer text, not the app's). */
const LOCALES = {
  'en-US': { short: 'en', stacked: ['Square', 'Bridge', 'Park'], own: 'Meet at the fountain' },
  'fa-IR': { short: 'fa', stacked: ['میدان', 'پل', 'پارک'], own: 'دیدار کنار فواره' },
  'be-BY': { short: 'be', stacked: ['Плошча', 'Мост', 'Парк'], own: 'Збор каля фантана' },
} as const;
type BrowserLocale = keyof typeof LOCALES;

let tiles: TileServer;
let relay: RelayProcess;
let browser: Browser;

/** screen → locale → violation count (undefined: not reached), for the table printed at the end. */
const results = new Map<string, Map<string, number>>();

beforeAll(async () => {
  tiles = await startTileServer();
  [relay, browser] = await Promise.all([
    startRelayProcess({ app: true, env: { VADA_TILE_URL: tiles.template } }),
    launchChromium({ args: [`--host-resolver-rules=MAP ${LAN_HOST} 127.0.0.1`] }),
  ]);
  // Another key's points, three per language on the very same spot: the stacked-points chooser.
  const [who, circle] = await Promise.all([generateIdentity(), openCircle()]);
  const now = Date.now();
  const payload = (title: string): PointPayload => ({
    title,
    note: '',
    ...SPOT,
    start: now - 60_000,
    end: now + 7_200_000,
  });
  const titles = Object.values(LOCALES).flatMap((l) => l.stacked);
  const sealed = await Promise.all(titles.map((t) => sealRecord(who, circle, 'point', payload(t), now)));
  const shot = await blast(relay.gunUrl, sealed);
  const acks = await shot.done;
  shot.close();
  expect([...acks.values()], 'the relay took every seeded point').toEqual(titles.map(() => 'ok'));
});

afterAll(async () => {
  await browser?.close();
  await relay?.kill();
  await tiles?.stop();
  const locales = Object.values(LOCALES).map((l) => l.short);
  const rows = [...results].map(
    ([screen, by]) => `| ${screen} | ${locales.map((l) => by.get(l) ?? '—').join(' | ')} |`,
  );
  console.log(
    ['| screen | ' + locales.join(' | ') + ' |', `|---|${locales.map(() => '---').join('|')}|`, ...rows].join('\n'),
  );
});

/** Runs axe on the whole page; a soft assertion naming the screen and listing what axe found. */
async function expectNoViolations(page: Page, locale: string, screen: string): Promise<void> {
  const found = await violationsThroughSheet(page);
  const row = results.get(screen) ?? new Map<string, number>();
  row.set(locale, found.length);
  results.set(screen, row);
  expect.soft(found, `axe on "${screen}" (${locale}):\n${found.join('\n')}`).toEqual([]);
}

/**
 * axe's colour-contrast rule only judges text it can see, and a sheet's
 * content below its fold is clipped by the sheet's own scrolling: so the
 * open sheet is scrolled through, a screenful at a time, with axe run at
 * each stop (findings merged, the scroll put back).
 */
async function violationsThroughSheet(page: Page): Promise<string[]> {
  const sheet = page.locator('.sheet').first();
  const stops =
    (await sheet.count()) === 0
      ? [0]
      : await sheet.evaluate((el) => {
          const out = [el.scrollTop];
          for (let y = 0; y < el.scrollHeight - el.clientHeight;) {
            y = Math.min(y + Math.floor(el.clientHeight * 0.8), el.scrollHeight - el.clientHeight);
            out.push(y);
          }
          return out;
        });
  const found = new Set<string>();
  for (const top of stops.length > 1 ? stops.slice(1).concat(stops[0] ?? 0) : stops) {
    if (stops.length > 1) await sheet.evaluate((el, y) => void (el.scrollTop = y), top);
    for (const line of describeFindings(await axeViolations(page))) found.add(line);
  }
  return [...found];
}

/** The centre of the map on screen: where the app's first view puts SPOT. */
async function mapCentre(page: Page): Promise<{ x: number; y: number }> {
  const box = await page.getByTestId('map').boundingBox();
  if (!box) throw new Error('no map on screen');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

for (const [browserLocale, text] of Object.entries(LOCALES) as [BrowserLocale, (typeof LOCALES)[BrowserLocale]][]) {
  const locale = text.short;
  const check = (page: Page, screen: string) => expectNoViolations(page, locale, screen);

  describe(`every screen in ${locale} (${browserLocale})`, () => {
    /** The organizer's phone and the follower's. */
    let org: Peer;
    let follower: Peer;
    let ownId = '';
    let shared = '';
    const extra: BrowserContext[] = [];

    beforeAll(async () => {
      // The organizer's phone starts as new (the first-run hint shows); the follower's saw Vada before.
      [org, follower] = await Promise.all([
        openPeer(browser, 'organizer', relay.url, { locale: browserLocale, firstRunHint: true }),
        openPeer(browser, 'follower', relay.url, { locale: browserLocale }),
      ]);
      for (const p of [org, follower]) {
        expect(await p.page.evaluate(() => document.documentElement.lang), `${p.name}'s page language`).toBe(locale);
        // The seeded points arrived: the map is in use, not empty.
        for (const title of text.stacked) await waitForTitle(p.page, title);
      }
    });

    afterAll(async () => {
      for (const c of [org?.context, follower?.context, ...extra]) await c?.close().catch(() => undefined);
    });

    it('home: the first-run hint, the map and its bar, the stacked-points chooser', async () => {
      const { page } = org;
      const hint = page.getByTestId('first-run-hint');
      await hint.waitFor({ timeout: WAIT_MS });
      await check(page, 'first-run hint');
      await page.getByTestId('first-run-hint-dismiss').click();
      await hint.waitFor({ state: 'detached', timeout: WAIT_MS });
      await check(page, 'home: map + bar');

      await page.touchscreen.tap(...(Object.values(await mapCentre(page)) as [number, number]));
      const chooser = page.getByTestId('stack-sheet');
      await chooser.waitFor({ timeout: WAIT_MS });
      await check(page, 'stacked-points chooser');
      await closeSheet(page);
    });

    it('propose: the sheet with its optional parts unfolded, and picking a place', async () => {
      const { page } = org;
      await page.getByTestId('propose-button').click();
      await page.getByTestId('propose-sheet').waitFor({ timeout: WAIT_MS });
      const options = page.getByTestId('propose-options-toggle');
      if ((await options.count()) > 0 && (await page.getByTestId('propose-options').getAttribute('open')) === null)
        await options.click();
      await page.getByTestId('fallback-add').click();
      await page.getByTestId('fallback-row').first().waitFor({ timeout: WAIT_MS });
      await check(page, 'propose sheet (unfolded)');

      await page.getByTestId('field-title').fill(text.own);
      await page.getByTestId('field-start-now').check();
      // Submitting with a fallback place left unnamed shows the form's errors.
      await page.getByTestId('propose-submit').click();
      await page.locator('[data-testid=propose-form] .field-error').first().waitFor({ timeout: WAIT_MS });
      await check(page, 'propose sheet with errors');
      await page.getByTestId('fallback-remove').first().click();

      await page.getByTestId('pick-on-map').click();
      await page.getByTestId('pick-banner').waitFor({ timeout: WAIT_MS });
      await check(page, 'pick-place mode');
      await page.getByTestId('pick-centre').click();
      await page.getByTestId('pick-banner').waitFor({ state: 'detached', timeout: WAIT_MS });

      await page.getByTestId('propose-submit').click();
      await page.getByTestId('propose-sheet').waitFor({ state: 'detached', timeout: WAIT_MS });
      ownId = (await waitForTitle(page, text.own)).id;
      await openList(page);
      await check(page, 'list');
      await closeSheet(page);
    });

    it("the organizer's own point, another's point, and a follower's alert banner", async () => {
      await openDetails(org.page, ownId);
      await check(org.page, 'details: own point (organizer controls)');
      await org.page.getByTestId('cancel-button').click();
      await org.page.getByTestId('cancel-confirm').waitFor({ timeout: WAIT_MS });
      await check(org.page, 'details: cancel confirmation');
      await org.page.getByTestId('cancel-back').click();
      await closeSheet(org.page);

      const page = follower.page;
      await waitForTitle(page, text.own);
      await openDetails(page, ownId);
      await check(page, "details: another's point");
      await page.getByTestId('protest-start').click();
      await page.getByTestId('protest-bar').waitFor({ timeout: WAIT_MS });
      await check(page, 'protest mode bar');
      await page.getByTestId('protest-stop').click();
      await page.getByTestId('protest-bar').waitFor({ state: 'detached', timeout: WAIT_MS });
      await followPoint(page, ownId);

      await raiseQuick(org.page, ownId, 'caution');
      await waitForBanner(page, ownId, { kind: 'caution' });
      await check(page, 'alert banner (caution) on a follower');
    });

    it('the dispersal form, "Dispersal sent", and the follower’s disperse banner', async () => {
      const { page } = org;
      await openDetails(page, ownId);
      await page.getByTestId('raise-disperse').click();
      const form = page.getByTestId('disperse-alert-form');
      await form.waitFor({ timeout: WAIT_MS });
      await form.locator('input[name=reason][value=police]').check();
      await page.getByTestId('reappear-choice').selectOption('new');
      await page.getByTestId('reappear-field-title').waitFor({ timeout: WAIT_MS });
      await check(page, 'details: dispersal form open');
      await page.getByTestId('reappear-choice').selectOption('none');
      await page.getByTestId('alert-confirm').click();
      await eventually(
        async () =>
          (await page.locator('[data-testid=raise-sent][data-kind=disperse]').getAttribute('data-send-state')) ===
          'sent',
        'the dispersal to be sent',
        () => page.getByTestId('raise-sent').textContent(),
      );
      await check(page, 'details: "Dispersal sent"');
      await closeSheet(page);

      await waitForBanner(follower.page, ownId, { kind: 'disperse' });
      await check(follower.page, 'alert banners (disperse over caution) on a follower');
    });

    it('hand-over: the share sheet (text, QR, file) and the import preview', async () => {
      const { page } = org;
      await openShare(page, ownId, 'text');
      await eventually(
        async () => (await page.getByTestId('share-text').inputValue()).startsWith('vada1:'),
        'the bundle text',
      );
      shared = await page.getByTestId('share-text').inputValue();
      await check(page, 'share sheet: text');
      await page.getByTestId('share-form-qr').click();
      await page.locator('[data-testid=share-sheet] svg').first().waitFor({ timeout: WAIT_MS });
      await check(page, 'share sheet: QR code');
      await page.getByTestId('share-form-file').click();
      await page.getByTestId('share-file-save').waitFor({ timeout: WAIT_MS });
      await check(page, 'share sheet: file');
      await closeSheet(page);

      await closeSheet(follower.page);
      await pasteBundle(follower.page, shared);
      await check(follower.page, 'import sheet with a preview');
      await closeSheet(follower.page);
    });

    it('circles: the sheet, the create form, the invite, and the join question', async () => {
      const { page } = org;
      await openCircles(page);
      await check(page, 'circles sheet');
      await page.getByTestId('circle-create').click();
      await page.getByTestId('circle-create-error').waitFor({ timeout: WAIT_MS });
      await check(page, 'create-circle form with its error');
      const circle = await createCircle(page, text.stacked[0]);
      const link = await inviteLinkOf(page, circle.id);
      await check(page, 'invite (QR and link)');
      await closeSheet(page);

      const tab = await openInviteTab(follower.context, `${relay.url}/manifest.webmanifest`, link);
      await check(tab, 'join dialog');
      await tab.getByTestId('join-decline').click();
      await tab.getByTestId('join-dialog').waitFor({ state: 'detached', timeout: WAIT_MS });
      await tab.close();
    });

    it('settings (every group) and the panic-wipe confirmation', async () => {
      const { page } = org;
      await closeSheet(page);
      await page.getByTestId('settings-button').click();
      await page.getByTestId('settings-sheet').waitFor({ timeout: WAIT_MS });
      await check(page, 'settings');
      await page.getByTestId('panic-wipe').click();
      await page.getByTestId('panic-dialog').waitFor({ timeout: WAIT_MS });
      await check(page, 'panic-wipe confirmation');
      await page.getByTestId('panic-cancel').click();
      await page.getByTestId('panic-dialog').waitFor({ state: 'detached', timeout: WAIT_MS });
      await closeSheet(page);
    });

    it('the PIN lock screen, and its wrong-PIN answer', async () => {
      const { page } = follower;
      await closeSheet(page);
      await page.getByTestId('settings-button').click();
      await page.getByTestId('settings-sheet').waitFor({ timeout: WAIT_MS });
      await page.getByTestId('pin-new').fill(PIN);
      await page.getByTestId('pin-confirm').fill(PIN);
      await page.getByTestId('pin-save').click();
      await page.getByTestId('pin-lock').waitFor({ timeout: WAIT_MS });
      expect(await page.evaluate(() => document.documentElement.lang), 'the lock screen keeps the language').toBe(
        locale,
      );
      await check(page, 'PIN lock screen');
      await page.getByTestId('pin-input').fill('0000');
      await page.getByTestId('pin-unlock').click();
      await page.getByTestId('pin-error').waitFor({ timeout: WAIT_MS });
      await check(page, 'PIN lock screen: wrong PIN');
    });

    it('the secure-address help page (plain http at a LAN name)', async () => {
      const context = await browser.newContext({ ...PHONE, locale: browserLocale });
      extra.push(context);
      const page = await context.newPage();
      await page.goto(`http://${LAN_HOST}:${relay.port}/`, { waitUntil: 'load' });
      await page.getByTestId('secure-context-help').waitFor({ timeout: WAIT_MS });
      expect(await page.evaluate(() => [isSecureContext, document.documentElement.lang])).toEqual([false, locale]);
      await check(page, 'secure-address help');
    });
  });
}
