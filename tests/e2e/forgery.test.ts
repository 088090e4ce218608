/**
 * Forged and tampered records never reach the screen, and the app keeps
 * working. First through the Vada relay (which filters, so mostly it is the
 * relay and the fold that stop them), then through a hostile stock GUN relay
 * that forwards anything: there B's own in-browser verification is all that
 * stands between the forgeries, which B provably received, and its map.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchChromium } from '../fixtures/browser';
import { closeSheet, openDetails, proposePoint } from '../fixtures/e2eActions';
import {
  dispersalKey,
  makeForgeries,
  quietGun,
  readWire,
  writeForgeries,
  type Forgery,
} from '../fixtures/e2eForgeries';
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
/** Frames B received from the Vada relay since it first loaded. */
let bFrames: string[] = [];
const clients: GunClient[] = [];

beforeAll(async () => {
  quietGun();
  [relay, stock, browser, fixture] = await Promise.all([
    startRelayProcess({ app: true }),
    startStockGunRelay(),
    launchChromium(),
    makeFixture(),
  ]);
  const recordVada = (page: Peer['page']) => {
    bFrames = recordFrames(page, new URL(relay.gunUrl).host);
  };
  [a, b] = await Promise.all([
    openPeer(browser, 'A', relay.url),
    openPeer(browser, 'B', relay.url, { beforeLoad: recordVada }),
  ]);
});

afterAll(async () => {
  for (const c of clients) c.close();
  await browser?.close();
  await stock?.close();
  await relay?.kill();
});

/** Waits for B to show `honest` (all active) and then checks it shows nothing else. */
async function expectOnlyHonest(page: Peer['page'], honest: ReadonlyMap<string, string>): Promise<void> {
  for (const title of honest.values()) await waitForTitle(page, title, 'active');
  // Forgeries were written before the last honest point: give any straggler a moment to show.
  await page.waitForTimeout(500);
  const shown = await mapPoints(page);
  expect(shown.filter((p) => /FORGED/.test(p.title + p.label))).toEqual([]);
  expect(shown.map((p) => [p.id, p.title, p.state]).sort()).toEqual(
    [...honest].map(([id, title]) => [id, title, 'active']).sort(),
  );
}

describe('forged records', () => {
  const honest = new Map<string, string>();
  let forgeries: Forgery[] = [];

  it('written into the Vada relay by a raw GUN client, are not shown, and both peers keep working', async () => {
    const genuine = await proposePoint(a.page, { title: 'Genuine square' });
    honest.set(genuine.id, genuine.title);
    await waitForTitle(b.page, 'Genuine square', 'active');

    const hostile = makeGunClient(relay.gunUrl);
    clients.push(hostile);
    forgeries = await makeForgeries(fixture, await readWire(hostile, fixture, genuine.id));
    const acks = await writeForgeries(hostile, forgeries);
    // The validly signed dispersal by another key passes the relay and reaches B: B's fold must ignore it.
    expect(acks[forgeries.findIndex((x) => x.key === dispersalKey(forgeries))]).toBe('ok');
    await eventually(
      async () => bFrames.some((f) => f.includes(dispersalKey(forgeries))),
      'the dispersal by another key to reach B',
    );

    const later = await proposePoint(a.page, { title: 'Honest after the flood' });
    honest.set(later.id, later.title);
    await expectOnlyHonest(b.page, honest);

    const fromB = await proposePoint(b.page, { title: 'B still publishes' });
    honest.set(fromB.id, fromB.title);
    await waitForTitle(a.page, 'B still publishes', 'active');
    await expectOnlyHonest(a.page, honest);
    expect([...a.errors, ...b.errors]).toEqual([]);
  });

  it('served by a hostile stock GUN relay are received by B, refused by B itself, and not shown', async () => {
    expect(forgeries.length, 'needs the forgeries of the first test').toBeGreaterThan(0);
    // The stock relay has no storage, so it never acks: its own client sends one by one.
    for (const x of forgeries) await stock.put(x.soul, x.key, x.value);

    await b.page.close();
    let frames: string[] = [];
    await b.open([stock.gunUrl], (page) => {
      frames = recordFrames(page, new URL(stock.gunUrl).host);
    });
    const status = b.page.getByTestId('connection-status');
    await eventually(
      async () => (await status.getAttribute('data-connected')) === '2',
      'B connected to 2 relays',
      () => status.textContent(),
    );
    expect(await status.textContent()).toContain('Connected to 2 relays');
    expect(await status.getAttribute('data-configured')).toBe('2');

    const fresh = await proposePoint(a.page, { title: 'Honest with a hostile relay around' });
    honest.set(fresh.id, fresh.title);
    await expectOnlyHonest(b.page, honest);
    // B really was served every forgery by the hostile relay: its own checks kept them out.
    const received = frames.join('\n');
    expect(forgeries.filter((x) => !received.includes(x.key)).map((x) => x.label)).toEqual([]);

    // The genuine point stays active and authored by A despite the dispersal by another key.
    const [genuineId] = honest.keys();
    await openDetails(b.page, genuineId as string);
    expect(await b.page.getByTestId('details-state').getAttribute('data-state')).toBe('active');
    expect(await b.page.getByTestId('details-author').textContent()).not.toBe('you');
    await closeSheet(b.page);
    expect([...a.errors, ...b.errors]).toEqual([]);
  });

  it('with no Worker, are refused by in-page verification loaded on demand, stored records included', async () => {
    expect(forgeries.length, 'needs the forgeries of the first test').toBeGreaterThan(0);
    await b.page.close();
    let frames: string[] = [];
    await b.open([stock.gunUrl], async (page) => {
      frames = recordFrames(page, new URL(stock.gunUrl).host);
      // A browser without Workers: stored and relayed records are verified on the page itself.
      await page.addInitScript(() => {
        delete (globalThis as { Worker?: unknown }).Worker;
      });
    });
    expect(await b.page.evaluate(() => typeof Worker)).toBe('undefined');

    const fresh = await proposePoint(a.page, { title: 'Honest with no Worker around' });
    honest.set(fresh.id, fresh.title);
    await expectOnlyHonest(b.page, honest);
    const received = frames.join('\n');
    expect(forgeries.filter((x) => !received.includes(x.key)).map((x) => x.label)).toEqual([]);
    // The first load does not carry in-page verification (docs/decisions/code-splitting.md): its chunk came on demand.
    const fetched = await b.page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name));
    expect(fetched.filter((url) => /\/assets\/openEnvelope-[\w-]+\.js/.test(url))).toHaveLength(1);
    expect([...a.errors, ...b.errors]).toEqual([]);
  });
});
