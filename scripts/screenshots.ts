/**
 * Review screenshots of Vada's main screens in Persian (right to left) and
 * Belarusian (Cyrillic), issue 11: what a translator or designer checks
 * without running the app. For each language a fresh relay (serving the
 * built app, with map tiles from a local fixture so nothing leaves
 * 127.0.0.1) gets a few points titled in that language from another key;
 * an organizer phone and a follower phone (headless Chromium, 360×640 at
 * scale 1 so the committed PNGs stay small) walk through the screens and
 * save them to docs/screenshots/<locale>/<screen>.png, and the list is
 * written to docs/screenshots/README.md.
 *
 *   npm run screenshots                                   build, then shoot
 *   VADA_APP_DIR=/tmp/dist npx tsx scripts/screenshots.ts  shoot another build
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { format, resolveConfig } from 'prettier';
import type { PointPayload } from '../src/domain/records';
import { openCircle } from '../src/protocol/circle';
import { generateIdentity } from '../src/protocol/identity';
import { sealRecord } from '../src/protocol/sealRecord';
import { DEFAULT_VIEW } from '../src/state/createUiState';
import { launchChromium } from '../tests/fixtures/browser';
import { closeSheet, openDetails } from '../tests/fixtures/e2eActions';
import { followPoint, raiseQuick, waitForBanner } from '../tests/fixtures/e2eAlerts';
import { createCircle } from '../tests/fixtures/e2eCircles';
import { eventually, openPeer, WAIT_MS } from '../tests/fixtures/e2ePeer';
import { waitForTitle } from '../tests/fixtures/e2ePoints';
import { blast } from '../tests/fixtures/floodPeer';
import { startRelayProcess } from '../tests/fixtures/relayProcess';
import { startTileServer, type TileServer } from '../tests/fixtures/tileServer';

const OUT = new URL('../docs/screenshots/', import.meta.url);

/** Peer text in each language: other people's points, the organizer's own, a circle. */
const LANGUAGES = {
  fa: {
    browser: 'fa-IR',
    name: 'Persian (right to left)',
    others: ['تجمع میدان آزادی', 'پل کریم‌خان', 'پارک لاله'],
    own: 'دیدار کنار فواره',
    circle: 'همسایه‌ها',
  },
  be: {
    browser: 'be-BY',
    name: 'Belarusian (Cyrillic)',
    others: ['Плошча Незалежнасці', 'Каля Стэлы', 'Парк Горкага'],
    own: 'Збор каля фантана',
    circle: 'Суседзі',
  },
} as const;

/** The screens, in the order they are taken: file name → what it shows. */
const SCREENS = {
  'first-run-hint': 'First start: the first-run hint over the map',
  home: 'Home: the map with points, and the bar',
  propose: 'Propose sheet, filled in',
  'disperse-form': 'Details of the organizer’s own point with the dispersal form open',
  'alert-banner': 'A follower’s alert banners (dispersal expanded, the earlier caution on one line)',
  settings: 'Settings (top: language, jump links, first group)',
  circles: 'Circles, with one private circle',
} as const;
type Screen = keyof typeof SCREENS;

/** Waits until every map tile on screen has loaded, then saves the viewport. */
async function shoot(page: Page, locale: string, screen: Screen): Promise<void> {
  await eventually(
    () =>
      page.evaluate(() =>
        [...document.querySelectorAll<HTMLImageElement>('img.leaflet-tile')].every((img) => img.complete),
      ),
    `map tiles of ${screen}`,
  );
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: new URL(`${locale}/${screen}.png`, OUT).pathname });
  console.log(`${locale}/${screen}.png`);
}

/** Points by another key around the first view's centre, titled in this language. */
async function seed(gunUrl: string, titles: readonly string[]): Promise<void> {
  const [who, circle] = await Promise.all([generateIdentity(), openCircle()]);
  const now = Date.now();
  const spots = [
    [0.006, -0.012],
    [-0.008, 0.01],
    [0.011, 0.014],
  ] as const;
  const sealed = await Promise.all(
    titles.map((title, i) => {
      const [dLat, dLon] = spots[i % spots.length] ?? [0, 0];
      const payload: PointPayload = {
        title,
        note: '',
        lat: DEFAULT_VIEW.lat + dLat,
        lon: DEFAULT_VIEW.lon + dLon,
        start: now - 60_000,
        end: now + 2 * 3_600_000,
      };
      return sealRecord(who, circle, 'point', payload, now);
    }),
  );
  const shot = await blast(gunUrl, sealed);
  const acks = await shot.done;
  shot.close();
  if ([...acks.values()].some((a) => a !== 'ok')) throw new Error(`seeding refused: ${[...acks.values()].join(', ')}`);
}

async function shootLanguage(browser: Browser, tiles: TileServer, locale: keyof typeof LANGUAGES): Promise<void> {
  const text = LANGUAGES[locale];
  mkdirSync(new URL(`${locale}/`, OUT), { recursive: true });
  const relay = await startRelayProcess({ app: true, env: { VADA_TILE_URL: tiles.template } });
  try {
    await seed(relay.gunUrl, text.others);
    const [org, follower] = await Promise.all([
      openPeer(browser, 'organizer', relay.url, { locale: text.browser, firstRunHint: true }),
      openPeer(browser, 'follower', relay.url, { locale: text.browser }),
    ]);
    const page = org.page;
    for (const title of text.others) await waitForTitle(page, title);

    await page.getByTestId('first-run-hint').waitFor({ timeout: WAIT_MS });
    await shoot(page, locale, 'first-run-hint');
    await page.getByTestId('first-run-hint-dismiss').click();
    await page.getByTestId('first-run-hint').waitFor({ state: 'detached', timeout: WAIT_MS });
    await shoot(page, locale, 'home');

    await page.getByTestId('propose-button').click();
    await page.getByTestId('propose-sheet').waitFor({ timeout: WAIT_MS });
    await page.getByTestId('field-title').fill(text.own);
    await page.getByTestId('field-start-now').check();
    await page.getByTestId('field-title').blur();
    await shoot(page, locale, 'propose');
    await page.getByTestId('propose-submit').click();
    await page.getByTestId('propose-sheet').waitFor({ state: 'detached', timeout: WAIT_MS });
    const own = await waitForTitle(page, text.own);

    await waitForTitle(follower.page, text.own);
    await followPoint(follower.page, own.id);
    await raiseQuick(page, own.id, 'caution');
    await waitForBanner(follower.page, own.id, { kind: 'caution' });

    await openDetails(page, own.id);
    await page.getByTestId('raise-disperse').click();
    const form = page.getByTestId('disperse-alert-form');
    await form.waitFor({ timeout: WAIT_MS });
    await form.locator('input[name=reason][value=police]').check();
    await form.scrollIntoViewIfNeeded();
    await shoot(page, locale, 'disperse-form');
    await page.getByTestId('alert-confirm').click();
    await page.getByTestId('raise-sent').waitFor({ timeout: WAIT_MS });
    await closeSheet(page);

    await waitForBanner(follower.page, own.id, { kind: 'disperse' });
    await shoot(follower.page, locale, 'alert-banner');

    await page.getByTestId('settings-button').click();
    await page.getByTestId('settings-sheet').waitFor({ timeout: WAIT_MS });
    await shoot(page, locale, 'settings');
    await closeSheet(page);

    await createCircle(page, text.circle);
    await page.getByTestId('circle-create-name').blur();
    await shoot(page, locale, 'circles');

    await Promise.all([org.context.close(), follower.context.close()]);
  } finally {
    await relay.kill();
  }
}

function readme(): string {
  const rows = Object.entries(SCREENS).map(
    ([file, what]) =>
      `| ${what} | ${Object.keys(LANGUAGES)
        .map((l) => `[${l}/${file}.png](${l}/${file}.png)`)
        .join(' | ')} |`,
  );
  const languages = Object.entries(LANGUAGES).map(([l, v]) => `\`${l}\` ${v.name}`);
  return [
    '# Screenshots for review',
    '',
    `Vada's main screens in ${languages.join(' and ')}, on a 360 × 640 phone (scale 1), for`,
    'translators and reviewers who want to see the layout without running the app. The points and the',
    'circle are sample peer text in each language; the map tiles are a local test fixture (coloured',
    'squares), not a real map.',
    '',
    `| screen | ${Object.keys(LANGUAGES).join(' | ')} |`,
    `|---|${Object.keys(LANGUAGES)
      .map(() => '---')
      .join('|')}|`,
    ...rows,
    '',
    '## Regenerate',
    '',
    '```sh',
    'npm run screenshots   # builds the app, then runs scripts/screenshots.ts',
    '```',
    '',
    'It needs Chromium (as the browser tests do), starts its own relay and tile server on 127.0.0.1 and',
    'overwrites the files here and this README. Times in the pictures are the time of the run.',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const tiles = await startTileServer();
  const browser = await launchChromium();
  try {
    for (const locale of Object.keys(LANGUAGES) as (keyof typeof LANGUAGES)[])
      await shootLanguage(browser, tiles, locale);
    // Formatted as the repository formats Markdown, so a regenerated README passes `prettier --check`.
    const file = new URL('README.md', OUT).pathname;
    const options = (await resolveConfig(file)) ?? {};
    writeFileSync(file, await format(readme(), { ...options, filepath: file }));
  } finally {
    await browser.close();
    await tiles.stop();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
