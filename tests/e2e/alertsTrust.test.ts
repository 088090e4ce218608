/**
 * Alert trust across devices on one real relay: organizer A and followers B
 * and C are separate browser contexts (separate keys); a fourth key lives in
 * Node. The organizer's disperse-with-reappear reaches both followers as
 * confirmed and ends the point; reports by others are unconfirmed, one key
 * counts once however often it reports, and three distinct keys corroborate.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseEnvelope } from '../../src/protocol/envelope';
import { makeAlertPeer, type AlertPeer } from '../fixtures/alertPeer';
import { launchChromium } from '../fixtures/browser';
import { proposePoint } from '../fixtures/e2eActions';
import {
  dismissBanners,
  followPoint,
  mapAlert,
  newestBanner,
  raiseDisperse,
  raiseQuick,
  recordsIn,
  shownBanners,
  waitForBanner,
} from '../fixtures/e2eAlerts';
import { quietGun } from '../fixtures/e2eForgeries';
import { eventually, openPeer, recordFrames, type Peer } from '../fixtures/e2ePeer';
import { mapPoints, waitForState, waitForTitle } from '../fixtures/e2ePoints';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';
import type { RecordId } from '../../src/domain/brand';

// Before any import loads GUN: drop the banner it prints on load.
vi.hoisted(() => {
  const log = console.log;
  console.log = (...args: unknown[]) => {
    if (!/^Hello wonderful person/.test(String(args[0]))) log(...args);
  };
});

let relay: RelayProcess;
let browser: Browser;
let a: Peer;
let b: Peer;
let c: Peer;
let nodePeer: AlertPeer | undefined;
/** Frames C received from the relay since it loaded. */
let cFrames: string[] = [];

beforeAll(async () => {
  quietGun();
  [relay, browser] = await Promise.all([startRelayProcess({ app: true }), launchChromium()]);
  [a, b, c] = await Promise.all([
    openPeer(browser, 'A', relay.url),
    openPeer(browser, 'B', relay.url),
    openPeer(browser, 'C', relay.url, {
      beforeLoad: (page) => {
        cFrames = recordFrames(page, new URL(relay.gunUrl).host);
      },
    }),
  ]);
});

afterAll(async () => {
  nodePeer?.close();
  await browser?.close();
  await relay?.kill();
});

describe('alert trust on three devices', () => {
  it('the organizer’s disperse with a new reappear point reaches both followers as confirmed', async () => {
    const point = await proposePoint(a.page, { title: 'Square of trust' });
    for (const f of [b, c]) {
      await waitForTitle(f.page, 'Square of trust', 'active');
      await followPoint(f.page, point.id);
    }

    await raiseDisperse(a.page, point.id, {
      reason: 'kettling',
      reappear: { kind: 'new', title: 'Library steps' },
    });

    for (const f of [b, c]) {
      const banner = await waitForBanner(f.page, point.id, { kind: 'disperse', trust: 'confirmed' });
      expect(banner.text, f.name).toContain('Square of trust');
      expect(banner.text, f.name).toContain('Kettling');
      const reappear = f.page.locator(
        `[data-testid=alert-banner][data-point-id="${point.id}"] [data-testid=alert-banner-reappear]`,
      );
      await eventually(
        async () =>
          (await reappear.count()) === 1 && (await reappear.textContent())?.includes('Library steps') === true,
        `${f.name}: the banner to name the reappear point`,
        () => shownBanners(f.page),
      );
      expect(await reappear.textContent(), f.name).toContain('Reappear at Library steps');
      expect((await newestBanner(f.page, point.id))?.go, f.name).toBe(true);

      await waitForState(f.page, point.id, 'dispersed');
      expect(await mapAlert(f.page, point.id), f.name).toBe('disperse:confirmed');
      const target = await waitForTitle(f.page, 'Library steps');
      expect(['upcoming', 'active'], f.name).toContain(target.state);
      expect(target.reappearTarget, f.name).toBe(true);
      expect((await mapPoints(f.page)).find((p) => p.id === point.id)?.reappearTarget, f.name).toBe(false);

      // "Go" works from the banner (flies to the target); "Show" opens the dispersed point.
      await f.page
        .locator(`[data-testid=alert-banner][data-point-id="${point.id}"] [data-testid=alert-banner-go]`)
        .click();
      await f.page
        .locator(`[data-testid=alert-banner][data-point-id="${point.id}"] [data-testid=alert-banner-show]`)
        .click();
      await f.page
        .locator(`[data-testid=details-state][data-point-id="${point.id}"][data-state=dispersed]`)
        .waitFor({ timeout: 5000 });
    }
    expect([...a.errors, ...b.errors, ...c.errors]).toEqual([]);
    for (const p of [a, b, c]) await dismissBanners(p.page);
  });

  it('reports are unconfirmed, one key counts once, and three distinct keys corroborate', async () => {
    const point = await proposePoint(a.page, { title: 'Bridge of reports' });
    for (const p of [a, b, c]) {
      await waitForTitle(p.page, 'Bridge of reports', 'active');
      await followPoint(p.page, point.id);
    }
    const unconfirmed = (reports: number) => ({ kind: 'caution', trust: 'unconfirmed', reports });

    // B reports: one unconfirmed report, on the organizer's device too.
    await raiseQuick(b.page, point.id, 'caution');
    for (const p of [a, c]) {
      await waitForBanner(p.page, point.id, unconfirmed(1));
      expect(await mapAlert(p.page, point.id), p.name).toBe('caution:unconfirmed');
    }

    // B reports again: C provably receives B's second alert, and still counts B once.
    const before = recordsIn(cFrames);
    const bFirst = [...before.values()]
      .map((w) => parseEnvelope(w))
      .filter((e) => e.ok && e.value.k === 'alert')
      .at(-1);
    expect(bFirst?.ok, 'C received B’s first report').toBe(true);
    await raiseQuick(b.page, point.id, 'caution');
    let second: string | undefined;
    await eventually(async () => {
      second = [...recordsIn(cFrames)].find(([id]) => !before.has(id))?.[1];
      return second !== undefined;
    }, 'B’s second report to reach C through the relay');
    const secondEnv = parseEnvelope(second);
    expect(secondEnv.ok && secondEnv.value.k, 'a new alert record').toBe('alert');
    expect(secondEnv.ok && bFirst?.ok && secondEnv.value.a === bFirst.value.a, 'signed by B’s key again').toBe(true);
    // C verifies and folds a received record within milliseconds; give it ample time, then look.
    await c.page.waitForTimeout(2000);
    for (const p of [a, c]) {
      expect(await newestBanner(p.page, point.id), p.name).toMatchObject(unconfirmed(1));
      expect(await mapAlert(p.page, point.id), p.name).toBe('caution:unconfirmed');
    }

    // C reports: two distinct keys, still unconfirmed.
    await raiseQuick(c.page, point.id, 'caution');
    for (const p of [a, b]) await waitForBanner(p.page, point.id, unconfirmed(2));

    // A third key (a Node peer of its own) reports the same kind within the window: corroborated everywhere.
    nodePeer = await makeAlertPeer(relay.gunUrl);
    const sent = await nodePeer.publish({ point: point.id as RecordId, alert: 'caution' });
    expect(sent.ack).toBe('ok');
    for (const p of [a, b, c]) {
      const banner = await waitForBanner(p.page, point.id, { kind: 'caution', trust: 'corroborated' });
      expect(banner.reports, p.name).toBe(3);
      expect(await mapAlert(p.page, point.id), p.name).toBe('caution:corroborated');
    }
    // Reports never end a point.
    for (const p of [a, b, c])
      expect((await mapPoints(p.page)).find((x) => x.id === point.id)?.state, p.name).toBe('active');
    expect([...a.errors, ...b.errors, ...c.errors]).toEqual([]);
  });
});
