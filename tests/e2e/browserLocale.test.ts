/**
 * Issue 11, languages: the app opened by a browser set to each supported
 * language speaks it from the first screen — `<html lang>` and `dir`, and
 * the bar's controls in that language's own catalogue (read from the
 * catalogue files, so a changed translation cannot break the test and a
 * missing one cannot pass it). Persian mirrors the layout: a sheet's close
 * button and heading, the bar's order, while the map's zoom control stays
 * top right as maps expect. A language chosen in Settings wins over the
 * browser's and survives a reload.
 *
 * The relay serves dist/ (`npm run build`), or the build the environment's
 * VADA_APP_DIR names (the relay process inherits it).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../src/i18n';
import be from '../../src/i18n/locales/be';
import { en } from '../../src/i18n/locales/en';
import fa from '../../src/i18n/locales/fa';
import ru from '../../src/i18n/locales/ru';
import uk from '../../src/i18n/locales/uk';
import zhHant from '../../src/i18n/locales/zh-Hant';
import { launchChromium } from '../fixtures/browser';
import { closeSheet, openList } from '../fixtures/e2eActions';
import { openPeer, WAIT_MS, type Peer } from '../fixtures/e2ePeer';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';

/** Browser language → what the app must pick, its direction, and its catalogue. */
const CASES: readonly { browser: string; lang: string; dir: 'ltr' | 'rtl'; catalogue: Catalogue }[] = [
  { browser: 'en-US', lang: 'en', dir: 'ltr', catalogue: en },
  { browser: 'be-BY', lang: 'be', dir: 'ltr', catalogue: be },
  { browser: 'ru-RU', lang: 'ru', dir: 'ltr', catalogue: ru },
  { browser: 'uk-UA', lang: 'uk', dir: 'ltr', catalogue: uk },
  { browser: 'zh-HK', lang: 'zh-Hant', dir: 'ltr', catalogue: zhHant },
  { browser: 'zh-TW', lang: 'zh-Hant', dir: 'ltr', catalogue: zhHant },
  { browser: 'fa-IR', lang: 'fa', dir: 'rtl', catalogue: fa },
  // A language Vada does not speak: English, never a blank or half-translated screen.
  { browser: 'de-DE', lang: 'en', dir: 'ltr', catalogue: en },
];

/** The bar's buttons, by test id, and the catalogue key of their label. */
const BAR = [
  ['propose-button', 'bar.propose'],
  ['list-button', 'bar.list'],
  ['circles-button', 'bar.circles'],
  ['settings-button', 'bar.settings'],
] as const;

let relay: RelayProcess;
let browser: Browser;
const peers: Peer[] = [];

beforeAll(async () => {
  [relay, browser] = await Promise.all([
    // Tiles from a closed local port: nothing leaves 127.0.0.1 (the zoom control does not need them).
    startRelayProcess({
      app: true,
      env: { VADA_TILE_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png' },
    }),
    launchChromium(),
  ]);
});

afterAll(async () => {
  for (const p of peers) await p.context.close().catch(() => undefined);
  await browser?.close();
  await relay?.kill();
});

async function open(locale: string): Promise<Peer> {
  const peer = await openPeer(browser, locale, relay.url, { locale });
  peers.push(peer);
  return peer;
}

/** `<html lang>` and `dir`. */
const htmlLangDir = (page: Page) =>
  page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));

/** What the bar says: each button's accessible name (the decorative "+" is aria-hidden) and the bar's label. */
async function barText(page: Page): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [id] of BAR)
    out[id] = await page.getByTestId(id).evaluate((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      for (const hidden of copy.querySelectorAll('[aria-hidden=true]')) hidden.remove();
      return (copy.textContent ?? '').trim();
    });
  out.bar = (await page.locator('nav.bar').getAttribute('aria-label')) ?? '';
  return out;
}

/** The same, as the catalogue says it. */
function catalogueBar(c: Catalogue): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, key] of BAR) out[id] = c[key] as string;
  out.bar = c['bar.label'] as string;
  return out;
}

describe('the language of the browser', () => {
  for (const c of CASES)
    it(`${c.browser}: lang="${c.lang}", dir="${c.dir}", the bar and the map in that language`, async () => {
      const { page } = await open(c.browser);
      expect(await htmlLangDir(page)).toEqual({ lang: c.lang, dir: c.dir });
      expect(await barText(page)).toEqual(catalogueBar(c.catalogue));
      // The accessible name a screen reader announces is the catalogue's word.
      await expect(
        page
          .getByRole('button', { name: c.catalogue['bar.propose'] as string, exact: true })
          .getAttribute('data-testid'),
      ).resolves.toBe('propose-button');
      // At 360 px the four bar buttons share one row in every language (a second row costs the map 60 px).
      const tops = await page.$$eval('.bar-buttons button', (bs) =>
        bs.map((b) => Math.round(b.getBoundingClientRect().top)),
      );
      expect(new Set(tops).size, `bar rows: ${tops.join(', ')}`).toBe(1);
      // The map and its zoom buttons speak the language too (Leaflet's defaults are English).
      const map = page.getByTestId('map');
      expect(await map.getAttribute('aria-label')).toBe(c.catalogue['map.label']);
      expect(await map.locator('.leaflet-control-zoom-in').getAttribute('title')).toBe(c.catalogue['map.zoomIn']);
      expect(await map.locator('.leaflet-control-zoom-out').getAttribute('aria-label')).toBe(
        c.catalogue['map.zoomOut'],
      );
      await page.context().close();
    });
});

/** Physical boxes of the parts that must mirror (and of the one that must not). */
interface Layout {
  width: number;
  sheet: { left: number; right: number };
  close: { left: number; right: number };
  /** The heading's text itself (a Range), not its block box, which may span the row. */
  heading: { left: number; right: number };
  propose: { left: number; right: number };
  list: { left: number; right: number };
  zoom: { top: number; right: number };
}

async function layout(page: Page): Promise<Layout> {
  await openList(page);
  return page.evaluate(() => {
    const box = (el: Element | null) => {
      if (!el) throw new Error('missing element');
      const r = el.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top };
    };
    const sheet = document.querySelector('[data-testid=list-sheet]');
    const heading = sheet?.querySelector('.sheet-head h2');
    if (!heading) throw new Error('no sheet heading');
    const range = document.createRange();
    range.selectNodeContents(heading);
    const text = range.getBoundingClientRect();
    const zoom = box(document.querySelector('.leaflet-control-zoom'));
    return {
      width: document.documentElement.clientWidth,
      sheet: box(sheet),
      close: box(sheet?.querySelector('[data-testid=sheet-close]') ?? null),
      heading: { left: text.left, right: text.right },
      propose: box(document.querySelector('[data-testid=propose-button]')),
      list: box(document.querySelector('[data-testid=list-button]')),
      zoom: { top: zoom.top, right: zoom.right },
    };
  });
}

describe('Persian mirrors the layout', () => {
  it('sheet close button left, heading right, Propose first on the right; the zoom control stays top right', async () => {
    const ltr = await layout((await open('en-US')).page);
    const rtl = await layout((await open('fa-IR')).page);

    // English, for reference: close at the right end of the sheet's head, heading at the left.
    expect(ltr.close.left, 'en: close button on the right').toBeGreaterThan(ltr.heading.right);
    expect(ltr.propose.right, 'en: Propose first, on the left').toBeLessThan(ltr.list.left);

    // Persian: the mirror image.
    expect(rtl.close.right, 'fa: close button on the left of the heading').toBeLessThan(rtl.heading.left);
    expect(rtl.close.left - rtl.sheet.left, 'fa: close button at the physical left').toBeLessThan(rtl.width / 4);
    expect(rtl.sheet.right - rtl.heading.right, 'fa: heading at the physical right').toBeLessThan(rtl.width / 4);
    expect(rtl.propose.left, 'fa: Propose first, on the right').toBeGreaterThan(rtl.list.right);
    expect(rtl.width - rtl.propose.right, 'fa: Propose at the right edge').toBeLessThan(rtl.width / 8);
    // Mirrored to the pixel: the same insets, on the other side.
    expect(rtl.close.left - rtl.sheet.left, 'fa close inset = en close inset, mirrored').toBeCloseTo(
      ltr.sheet.right - ltr.close.right,
      0,
    );
    expect(rtl.sheet.right - rtl.heading.right, 'fa heading inset = en heading inset, mirrored').toBeCloseTo(
      ltr.heading.left - ltr.sheet.left,
      0,
    );

    // The map is not mirrored: its zoom control stays top right in both.
    for (const [name, l] of [
      ['en', ltr],
      ['fa', rtl],
    ] as const) {
      expect(l.width - l.zoom.right, `${name}: zoom control at the right`).toBeLessThan(20);
      expect(l.zoom.top, `${name}: zoom control at the top`).toBeLessThan(20);
    }
  });
});

describe('a language chosen in Settings', () => {
  it('changes the app at once, wins over the browser’s, and survives a reload', async () => {
    const { page } = await open('en-US');
    expect(await htmlLangDir(page)).toEqual({ lang: 'en', dir: 'ltr' });
    await closeSheet(page);
    await page.getByTestId('settings-button').click();
    await page.getByTestId('settings-sheet').waitFor({ timeout: WAIT_MS });
    // Each language is offered under its own name.
    expect(await page.getByTestId('language-picker').locator('option[value=fa]').textContent()).toBe('فارسی');
    await page.getByTestId('language-picker').selectOption('fa');
    await page.locator('html[lang=fa][dir=rtl]').waitFor({ state: 'attached', timeout: WAIT_MS });
    // At once, without a reload: the open sheet and the bar are Persian now.
    expect(await page.locator('[data-testid=settings-sheet] h2').first().textContent()).toBe(fa['settings.heading']);
    expect(await barText(page)).toEqual(catalogueBar(fa));

    await page.reload({ waitUntil: 'load' });
    await page.getByTestId('connection-status').waitFor({ timeout: WAIT_MS });
    expect(await htmlLangDir(page)).toEqual({ lang: 'fa', dir: 'rtl' });
    expect(await barText(page)).toEqual(catalogueBar(fa));
  });
});
