/**
 * Two devices on one real relay: A proposes, B sees it live, with hostile
 * markup in the title rendered as text; A disperses with a reappear point and
 * then cancels that one, and B follows every change. CSP is bypassed here so
 * that the app's own rendering is all that keeps peer text from running.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/browser';
import {
  cancelPoint,
  closeSheet,
  disperseWithReappear,
  openDetails,
  openList,
  proposePoint,
} from '../fixtures/e2eActions';
import { eventually, openPeer, type Peer } from '../fixtures/e2ePeer';
import { listPoints, mapPoints, waitForState, waitForTitle } from '../fixtures/e2ePoints';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';

const HOSTILE_TITLE = '<img src=x onerror="window.__xss=1">Square';

let relay: RelayProcess;
let browser: Browser;
let a: Peer;
let b: Peer;

beforeAll(async () => {
  [relay, browser] = await Promise.all([startRelayProcess({ app: true }), launchChromium()]);
  [a, b] = await Promise.all([
    openPeer(browser, 'A', relay.url, { bypassCSP: true }),
    openPeer(browser, 'B', relay.url, { bypassCSP: true }),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await relay?.kill();
});

describe('two peers on one relay', () => {
  let pointId = '';

  it('B sees the point A proposed, its title as literal text, and only A is its author', async () => {
    for (const p of [a, b]) {
      const status = p.page.getByTestId('connection-status');
      await eventually(
        async () => (await status.getAttribute('data-connected')) === '1',
        `${p.name} connected`,
        () => status.textContent(),
      );
      expect(await status.textContent()).toContain('Connected to 1 relay');
      expect(await status.getAttribute('data-configured')).toBe('1');
    }

    const proposed = await proposePoint(a.page, { title: HOSTILE_TITLE, note: '<b>bold</b> & <script>x()</script>' });
    pointId = proposed.id;
    const seen = await waitForTitle(b.page, HOSTILE_TITLE, 'active');
    expect(seen.id).toBe(pointId);
    expect(seen.label).toContain(`${HOSTILE_TITLE} — Active now,`);
    await openList(b.page);
    expect((await listPoints(b.page)).map((p) => [p.id, p.state, p.title])).toEqual([
      [pointId, 'active', HOSTILE_TITLE],
    ]);
    await closeSheet(b.page);

    await openDetails(a.page, pointId);
    await openDetails(b.page, pointId);
    for (const p of [a, b]) {
      expect(await p.page.locator('[data-testid=details-sheet] h2').textContent()).toBe(HOSTILE_TITLE);
      expect(await p.page.getByTestId('details-note').textContent()).toBe('<b>bold</b> & <script>x()</script>');
      const injected = await p.page.evaluate(() => ({
        xss: (window as { __xss?: unknown }).__xss,
        imgs: document.querySelectorAll('img[src="x"], img:not(.leaflet-tile)').length,
        bold: document.querySelectorAll('.sheet b, .sheet script').length,
      }));
      expect(injected, p.name).toEqual({ xss: undefined, imgs: 0, bold: 0 });
    }
    expect(await a.page.getByTestId('details-author').textContent()).toBe('you');
    expect(await b.page.getByTestId('details-author').textContent()).not.toBe('you');
    // Anyone may raise an alert (issue 4); only the author gets the author's actions.
    expect(await a.page.getByTestId('cancel-button').count()).toBe(1);
    expect(await b.page.getByTestId('author-actions').count()).toBe(0);
    expect(await b.page.getByTestId('cancel-button').count()).toBe(0);
    await closeSheet(a.page);
    await closeSheet(b.page);
    expect([...a.errors, ...b.errors]).toEqual([]);
  });

  it('A disperses with a reappear point, B follows; then A cancels the reappear point', async () => {
    expect(pointId, 'needs the point from the first test').not.toBe('');
    await disperseWithReappear(a.page, pointId, 'Reappear at the fountain');
    await closeSheet(a.page);

    await waitForState(b.page, pointId, 'dispersed');
    const target = await waitForTitle(b.page, 'Reappear at the fountain');
    expect(['upcoming', 'active']).toContain(target.state);
    expect(target.reappearTarget).toBe(true);
    expect((await mapPoints(b.page)).find((p) => p.id === pointId)?.reappearTarget).toBe(false);

    await openDetails(b.page, pointId);
    expect(await b.page.getByTestId('reappear-link').textContent()).toBe('Reappear at: Reappear at the fountain');
    await b.page.getByTestId('reappear-link').click();
    await b.page.locator(`[data-testid=details-state][data-point-id="${target.id}"]`).waitFor();
    expect(await b.page.getByTestId('reappear-from').textContent()).toContain(HOSTILE_TITLE);
    await closeSheet(b.page);

    await cancelPoint(a.page, target.id);
    await waitForState(b.page, target.id, 'cancelled');
    await openList(b.page);
    const ended = await listPoints(b.page);
    expect(ended.map((p) => [p.id, p.state]).sort()).toEqual(
      [
        [pointId, 'dispersed'],
        [target.id, 'cancelled'],
      ].sort(),
    );
    expect([...a.errors, ...b.errors]).toEqual([]);
  });
});
