/**
 * A forged alert in the organizer's name (their key in the envelope, a
 * signature made by another key) is never shown. The Vada relay refuses it;
 * a hostile stock GUN relay that B is also connected to serves it to B anyway,
 * so B's own verification is what keeps it off the screen. A genuine alert
 * the organizer raises afterwards does show, as confirmed.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RecordId } from '../../src/domain/brand';
import { authorOf, forgeAlertAs, putRecord } from '../fixtures/alertPeer';
import { launchChromium } from '../fixtures/browser';
import { proposePoint } from '../fixtures/e2eActions';
import { followPoint, mapAlert, raiseQuick, shownBanners, waitForBanner } from '../fixtures/e2eAlerts';
import { quietGun, type Forgery } from '../fixtures/e2eForgeries';
import { eventually, openPeer, recordFrames, type Peer } from '../fixtures/e2ePeer';
import { mapPoints, waitForTitle } from '../fixtures/e2ePoints';
import { makeGunClient, type GunClient } from '../fixtures/rawGunClient';
import { makeFixture, type Fixture } from '../fixtures/records';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';
import { startStockGunRelay, type StockRelay } from '../fixtures/stockGunRelay';

// Before any import loads GUN: drop the banners it and the stock relay print on load.
vi.hoisted(() => {
  const log = console.log;
  console.log = (...args: unknown[]) => {
    if (!/^(Hello wonderful person|Warning: reusing same fs store)/.test(String(args[0]))) log(...args);
  };
});

let relay: RelayProcess;
let stock: StockRelay;
let browser: Browser;
let fixture: Fixture;
let a: Peer;
let b: Peer;
let hostile: GunClient | undefined;
/** Frames B received from each relay since it loaded. */
const frames = { vada: [] as string[], stock: [] as string[] };

beforeAll(async () => {
  quietGun();
  [relay, stock, browser, fixture] = await Promise.all([
    startRelayProcess({ app: true }),
    startStockGunRelay(),
    launchChromium(),
    makeFixture(),
  ]);
  [a, b] = await Promise.all([
    openPeer(browser, 'A', relay.url),
    openPeer(browser, 'B', relay.url, {
      relays: [stock.gunUrl],
      beforeLoad: (page) => {
        frames.vada = recordFrames(page, new URL(relay.gunUrl).host);
        frames.stock = recordFrames(page, new URL(stock.gunUrl).host);
      },
    }),
  ]);
});

afterAll(async () => {
  hostile?.close();
  await browser?.close();
  await stock?.close();
  await relay?.kill();
});

describe('a forged alert in the organizer’s name', () => {
  it('is refused by the Vada relay, served by a hostile relay, never shown; a genuine alert after it is', async () => {
    const status = b.page.getByTestId('connection-status');
    await eventually(
      async () => (await status.getAttribute('data-connected')) === '2',
      'B connected to 2 relays',
      () => status.textContent(),
    );
    const point = await proposePoint(a.page, { title: 'Gates' });
    await waitForTitle(b.page, 'Gates', 'active');
    await followPoint(b.page, point.id);

    hostile = makeGunClient(relay.gunUrl);
    const organizer = await authorOf(hostile, fixture, point.id);
    const forged: Forgery[] = [
      await forgeAlertAs(fixture, organizer, { point: point.id as RecordId, alert: 'disperse', reason: 'police' }),
      await forgeAlertAs(fixture, organizer, { point: point.id as RecordId, alert: 'clear' }),
    ];

    // The Vada relay checks the signature and refuses both.
    for (const x of forged) expect(await putRecord(hostile, x.soul, x.key, x.value as string), x.label).not.toBe('ok');
    // The hostile relay takes them and serves them to B.
    for (const x of forged) await stock.put(x.soul, x.key, x.value);
    await eventually(
      async () => forged.every((x) => frames.stock.some((f) => f.includes(x.key))),
      'the forged alerts to reach B through the hostile relay',
      async () => forged.map((x) => [x.label, frames.stock.some((f) => f.includes(x.key))]),
    );
    expect(forged.filter((x) => frames.vada.some((f) => f.includes(x.key))).map((x) => x.label)).toEqual([]);
    // B verifies a record within milliseconds of receiving it: give it ample time, then look.
    await b.page.waitForTimeout(2000);
    expect(await shownBanners(b.page)).toEqual([]);
    expect(await mapAlert(b.page, point.id)).toBeNull();
    expect((await mapPoints(b.page)).find((p) => p.id === point.id)?.state).toBe('active');

    // The organizer's genuine caution, sent after the forgeries, shows as confirmed — and only it.
    await raiseQuick(a.page, point.id, 'caution');
    await waitForBanner(b.page, point.id, { kind: 'caution', trust: 'confirmed' });
    await b.page.waitForTimeout(500);
    expect((await shownBanners(b.page)).map((x) => [x.kind, x.trust, x.pointId])).toEqual([
      ['caution', 'confirmed', point.id],
    ]);
    expect(await mapAlert(b.page, point.id)).toBe('caution:confirmed');
    expect((await mapPoints(b.page)).find((p) => p.id === point.id)?.state).toBe('active');
    expect([...a.errors, ...b.errors]).toEqual([]);
  });
});
