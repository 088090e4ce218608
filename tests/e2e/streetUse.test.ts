/**
 * Built for the street, on a 360×640 touch phone: every button in the bottom
 * bar and in the propose sheet is a touch target of at least 48×48 CSS px,
 * every form control has an accessible label, and the page declares its
 * language (screen readers pick their voice from it).
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/browser';
import { closeSheet, openDetails, openProposeOptions, proposePoint } from '../fixtures/e2eActions';
import { openPeer, WAIT_MS, type Peer } from '../fixtures/e2ePeer';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';

const MIN_TARGET_PX = 48;

let relay: RelayProcess;
let browser: Browser;
let peer: Peer;

beforeAll(async () => {
  [relay, browser] = await Promise.all([startRelayProcess({ app: true }), launchChromium()]);
  peer = await openPeer(browser, 'phone', relay.url);
});

afterAll(async () => {
  await browser?.close();
  await relay?.kill();
});

/** Buttons inside `scope` smaller than the minimum, described by test id or text. */
async function smallButtons(scope: Locator): Promise<string[]> {
  const buttons = await scope.locator('button').all();
  expect(buttons.length).toBeGreaterThan(0);
  const small: string[] = [];
  for (const button of buttons) {
    const box = await button.boundingBox();
    if (box && box.width >= MIN_TARGET_PX && box.height >= MIN_TARGET_PX) continue;
    const name = (await button.getAttribute('data-testid')) ?? (await button.textContent());
    small.push(`${name}: ${box ? `${box.width.toFixed(1)}×${box.height.toFixed(1)}` : 'not rendered'}`);
  }
  return small;
}

/** Form controls in `scope` with no accessible label (label element, aria-label or aria-labelledby). */
function unlabelled(page: Page, scope: string): Promise<string[]> {
  return page.evaluate(
    (sel) =>
      [...document.querySelectorAll<HTMLInputElement>(`${sel} input, ${sel} select, ${sel} textarea`)]
        .filter(
          (el) =>
            (el.labels?.length ?? 0) === 0 && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'),
        )
        .map((el) => el.dataset.testid ?? el.outerHTML.slice(0, 80)),
    scope,
  );
}

describe('street use at 360×640', () => {
  it('declares the page language', async () => {
    expect(await peer.page.locator('html').getAttribute('lang')).toMatch(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/);
  });

  it('makes every bottom-bar button at least 48×48 px', async () => {
    const bar = peer.page.getByRole('navigation', { name: 'Main actions' });
    expect(await bar.locator('button').count()).toBe(4);
    expect(await smallButtons(bar)).toEqual([]);
    // Four labels share 360 px: none may be cut off or pushed off screen.
    const clipped = await bar
      .locator('button')
      .evaluateAll((bs) =>
        bs
          .filter((b) => b.scrollWidth > b.clientWidth || b.getBoundingClientRect().right > innerWidth)
          .map((b) => b.textContent),
      );
    expect(clipped).toEqual([]);
  });

  it('makes every propose-sheet button at least 48×48 px and labels every field', async () => {
    const { page } = peer;
    await page.getByTestId('propose-button').click();
    const sheet = page.getByTestId('propose-sheet');
    await sheet.waitFor({ timeout: WAIT_MS });
    // Show the conditional time field too.
    await page.getByTestId('field-start-at').check();
    await page.getByTestId('field-start-time').waitFor({ timeout: WAIT_MS });
    // And the folded parts (note, circle, fallback places), with a fallback row's buttons.
    await openProposeOptions(page);
    await page.getByTestId('fallback-add').click();

    expect(await smallButtons(sheet)).toEqual([]);
    expect(await unlabelled(page, '[data-testid=propose-sheet]')).toEqual([]);
    expect(await page.getByLabel('Title', { exact: true }).getAttribute('data-testid')).toBe('field-title');
    expect(await page.getByLabel('Note (optional)').getAttribute('data-testid')).toBe('field-note');
    expect(await page.getByLabel('Duration').getAttribute('data-testid')).toBe('field-duration');
    expect(await page.getByLabel('Start time').getAttribute('data-testid')).toBe('field-start-time');
    expect(await page.getByRole('radio', { name: 'Now' }).getAttribute('data-testid')).toBe('field-start-now');
  });

  it('keeps the same sizes and labels in the author’s one-step dispersal form', async () => {
    const { page } = peer;
    await closeSheet(page);
    const point = await proposePoint(page, { title: 'Touch targets' });
    await openDetails(page, point.id);
    await page.getByTestId('raise-disperse').click();
    await page.getByTestId('reappear-choice').selectOption('new');
    const form = page.getByTestId('disperse-alert-form');
    expect(await smallButtons(form)).toEqual([]);
    expect(await unlabelled(page, '[data-testid=disperse-alert-form]')).toEqual([]);
    expect(await page.getByLabel('Title', { exact: true }).getAttribute('data-testid')).toBe('reappear-field-title');
  });
});
