/**
 * Issue 11, item 8 at 360 px: the alert buttons ("▲ Disperse", "! Caution",
 * "✓ All clear") and the disperse form's buttons keep each label on one line
 * (the row wraps between buttons, never inside one), in English and in the
 * longer Russian and Belarusian wording, with nothing wider than the screen;
 * and a long relay address in Settings breaks only after its separators and
 * stays inside the sheet. Measured in real Chromium: lines are counted from
 * the text's own boxes, not guessed from heights.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/browser';
import { openDetails, proposePoint } from '../fixtures/e2eActions';
import { eventually, openPeer, WAIT_MS, type Peer } from '../fixtures/e2ePeer';
import { waitForTitle } from '../fixtures/e2ePoints';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';
import { startTileServer, type TileServer } from '../fixtures/tileServer';

/**
 * A session relay with a long name (the form of a hotspot relay's address).
 * `*.localhost` is loopback in Chromium and nothing listens on port 9, so the
 * app's attempts to reach it stay on this machine and fail at once.
 */
const LONG_RELAY = 'http://relay-near-the-square.hotspot.localhost:9/vada/relays/minsk/gun';

let tiles: TileServer;
let relay: RelayProcess;
let browser: Browser;
let english: Peer;
let pointId: string;

beforeAll(async () => {
  tiles = await startTileServer();
  [relay, browser] = await Promise.all([
    startRelayProcess({ app: true, env: { VADA_TILE_URL: tiles.template } }),
    launchChromium(),
  ]);
  english = await openPeer(browser, 'en', relay.url, { relays: [LONG_RELAY] });
  pointId = (await proposePoint(english.page, { title: 'Square' })).id;
});

afterAll(async () => {
  await browser?.close();
  await relay?.kill();
  await tiles?.stop();
});

interface Measured {
  testId: string;
  label: string;
  /** Lines of text inside, from the text's client rects. */
  lines: number;
  height: number;
  lineHeight: number;
  /** Content wider than the box. */
  overflows: boolean;
  /** Right edge beyond the viewport. */
  offScreen: boolean;
}

/** Measures each element by test id (the first of each), plus whether the open sheet or page scrolls sideways. */
function measure(
  page: Page,
  testIds: readonly string[],
): Promise<{ items: Measured[]; sheetOverflow: boolean; pageOverflow: boolean }> {
  return page.evaluate((ids) => {
    const linesOf = (el: Element, lineHeight: number) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const tops = [...range.getClientRects()]
        .filter((r) => r.width > 0)
        .map((r) => r.top)
        .sort((a, b) => a - b);
      let lines = 0;
      let last = -Infinity;
      // Glyphs from a fallback font sit a pixel or two off the line's other boxes: same line.
      for (const top of tops)
        if (top - last > lineHeight / 2) {
          lines++;
          last = top;
        }
      return lines;
    };
    const items = ids.map((testId) => {
      const el = document.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
      if (!el) throw new Error(`no ${testId}`);
      const r = el.getBoundingClientRect();
      const lineHeight = parseFloat(getComputedStyle(el).lineHeight);
      return {
        testId,
        label: (el.textContent ?? '').trim(),
        lines: linesOf(el, lineHeight),
        height: Math.round(r.height * 10) / 10,
        lineHeight,
        overflows: el.scrollWidth > el.clientWidth + 0.5,
        offScreen: r.right > document.documentElement.clientWidth + 0.5 || r.left < -0.5,
      };
    });
    const sheet = document.querySelector<HTMLElement>('.sheet');
    return {
      items,
      sheetOverflow: sheet ? sheet.scrollWidth > sheet.clientWidth + 0.5 : false,
      pageOverflow: document.documentElement.scrollWidth > document.documentElement.clientWidth + 0.5,
    };
  }, testIds);
}

const RAISE = ['raise-disperse', 'raise-caution', 'raise-clear'] as const;
const FORM = ['alert-confirm', 'alert-cancel'] as const;

/** Each button one line high, nothing sideways. */
function expectOneLineEach(m: Awaited<ReturnType<typeof measure>>): void {
  for (const b of m.items) {
    expect(b, `${b.testId} "${b.label}"`).toMatchObject({ lines: 1, overflows: false, offScreen: false });
    // One line of text fits the 48 px touch target; two lines (2 × 22.4 px + borders) would not.
    expect(b.height).toBeLessThanOrEqual(48);
  }
  expect(m.sheetOverflow).toBe(false);
  expect(m.pageOverflow).toBe(false);
}

async function measureAlertButtons(page: Page): Promise<{ raise: Measured[]; form: Measured[] }> {
  await openDetails(page, pointId);
  await page.getByTestId('raise-disperse').scrollIntoViewIfNeeded();
  const raise = await measure(page, RAISE);
  console.info(`${await page.evaluate(() => document.documentElement.lang)} alert buttons at 360 px:`, raise.items);
  await page.getByTestId('raise-disperse').click();
  await page.getByTestId('alert-confirm').scrollIntoViewIfNeeded();
  const form = await measure(page, FORM);
  console.info('disperse form buttons:', form.items);
  await page.getByTestId('alert-cancel').click();
  expectOneLineEach(raise);
  expectOneLineEach(form);
  return { raise: raise.items, form: form.items };
}

describe('the alert buttons at 360 px', () => {
  it('fit one line each in English', async () => {
    const { page } = english;
    expect(page.viewportSize()?.width).toBe(360);
    await measureAlertButtons(page);
  });

  it.each(['ru', 'be'])('fit one line each in the longer wording of %s', async (locale) => {
    const peer = await openPeer(browser, locale, relay.url, { locale });
    try {
      const { page } = peer;
      await eventually(
        async () => (await page.evaluate(() => document.documentElement.lang)) === locale,
        `the app in ${locale}`,
        () => page.evaluate(() => document.documentElement.lang),
      );
      await waitForTitle(page, 'Square');
      const { raise } = await measureAlertButtons(page);
      // The point of the exercise: these labels are longer than the English ones.
      expect(raise.map((b) => b.label).join('').length).toBeGreaterThan('▲ Disperse! Caution✓ All clear'.length);
      expect(peer.errors).toEqual([]);
    } finally {
      await peer.context.close();
    }
  });
});

describe('a long relay address in Settings', () => {
  it('breaks only after its separators and stays inside the sheet', async () => {
    const { page } = english;
    await page.getByTestId('settings-button').click();
    const row = page.locator(`[data-testid=relay-list] li[data-relay-url="${LONG_RELAY}"]`);
    await row.waitFor({ timeout: WAIT_MS });
    await row.scrollIntoViewIfNeeded();
    const shown = await row.locator('.relay-url').evaluate((el) => {
      const texts = [...el.querySelectorAll('.url-part')];
      const lineOf = (t: Element) => {
        const range = document.createRange();
        range.selectNodeContents(t);
        return [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top));
      };
      const row = el.closest('li')?.getBoundingClientRect();
      const sheet = el.closest('.sheet');
      return {
        text: el.textContent,
        /** Each piece between break points, with the line tops its boxes sit on. */
        pieces: texts.map((t) => ({ text: t.textContent ?? '', tops: [...new Set(lineOf(t))] })),
        overflows: el.scrollWidth > el.clientWidth + 0.5,
        insideRow: row ? el.getBoundingClientRect().right <= row.right + 0.5 : false,
        sheetOverflow: sheet ? sheet.scrollWidth > sheet.clientWidth + 0.5 : true,
      };
    });
    console.info(
      'relay address lines:',
      shown.pieces.map((p) => `${p.tops.join('/')} ${p.text}`),
    );
    expect(shown.text).toBe(LONG_RELAY);
    const lines = new Set(shown.pieces.flatMap((p) => p.tops));
    // Long enough to need more than one line at 360 px (else this would prove nothing)…
    expect(lines.size).toBeGreaterThan(1);
    // …and no piece is cut: every line ends after a separator.
    for (const p of shown.pieces) expect(p.tops, p.text).toHaveLength(1);
    expect(shown).toMatchObject({ overflows: false, insideRow: true, sheetOverflow: false });
  });
});
