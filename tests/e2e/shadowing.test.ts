/**
 * A hostile relay cannot hide a genuine point by shadowing it. B is connected
 * to the Vada relay and to a stock GUN relay that forwards anything. The stock
 * relay plants garbage under a genuine record's id with a GUN HAM state newer
 * than the genuine write's (its author's phone clock runs 10 s behind); then the
 * genuine record arrives through the Vada relay. Had peer data entered B's GUN
 * graph, HAM would keep the garbage and silently drop the genuine value; B's
 * intake (src/sync/gunIntake.ts) routes peer values straight to verification.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { bucketOf } from '../../src/domain/bucket';
import type { Sealed } from '../../src/protocol/sealRecord';
import { soulOf } from '../../src/protocol/souls';
import { launchChromium } from '../fixtures/browser';
import { quietGun } from '../fixtures/e2eForgeries';
import { eventually, openPeer, recordFrames, type Peer } from '../fixtures/e2ePeer';
import { mapPoints } from '../fixtures/e2ePoints';
import { openRawSocket, type RawSocket } from '../fixtures/rawGunClient';
import { makeFixture, sealPoint, type Fixture } from '../fixtures/records';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';
import { startStockGunRelay, type StockRelay } from '../fixtures/stockGunRelay';

// Before any import loads GUN: drop the banners it and the stock relay print on load.
vi.hoisted(() => {
  const log = console.log;
  console.log = (...args: unknown[]) => {
    if (!/^(Hello wonderful person|Warning: reusing same fs store)/.test(String(args[0]))) log(...args);
  };
});

const TITLE = 'Genuine behind a shadow';
const GARBAGE = 'SHADOW garbage planted by a hostile relay';

let relay: RelayProcess;
let stock: StockRelay;
let browser: Browser;
let fixture: Fixture;
let genuine: Sealed;
let b: Peer;
/** Frames B received from each relay since it loaded. */
const frames = { vada: [] as string[], stock: [] as string[] };
const sockets: RawSocket[] = [];

beforeAll(async () => {
  quietGun();
  [relay, stock, browser, fixture] = await Promise.all([
    startRelayProcess({ app: true }),
    startStockGunRelay(),
    launchChromium(),
    makeFixture(),
  ]);
  genuine = await sealPoint(fixture, TITLE);
  b = await openPeer(browser, 'B', relay.url, {
    relays: [stock.gunUrl],
    beforeLoad: (page) => {
      frames.vada = recordFrames(page, new URL(relay.gunUrl).host);
      frames.stock = recordFrames(page, new URL(stock.gunUrl).host);
    },
  });
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await browser?.close();
  await stock?.close();
  await relay?.kill();
});

/** A GUN PUT frame: `value` under the genuine id in its hour node, with HAM state `state`. */
function putFrame(state: number, value: string): string {
  const soul = soulOf(fixture.circle.id, bucketOf(genuine.envelope.t));
  const id = genuine.id;
  const msgId = `shadow-${crypto.randomUUID()}`;
  return JSON.stringify({ '#': msgId, put: { [soul]: { _: { '#': soul, '>': { [id]: state } }, [id]: value } } });
}

it('garbage planted with a newer HAM state by a hostile relay does not hide the genuine point', async () => {
  const status = b.page.getByTestId('connection-status');
  await eventually(
    async () => (await status.getAttribute('data-connected')) === '2',
    'B connected to 2 relays',
    () => status.textContent(),
  );

  const hostile = await openRawSocket(stock.gunUrl);
  const author = await openRawSocket(relay.gunUrl);
  sockets.push(hostile, author);
  hostile.send(putFrame(Date.now(), GARBAGE));
  await eventually(
    async () => frames.stock.some((f) => f.includes(GARBAGE) && f.includes(genuine.id)),
    'the planted garbage to reach B',
  );
  expect(await mapPoints(b.page)).toEqual([]);

  // The genuine write, stamped by a phone whose clock is 10 s behind: older than the plant.
  author.send(putFrame(Date.now() - 10_000, genuine.wire));
  await eventually(
    async () => author.received.some((f) => f.includes('"ok"')),
    'the Vada relay to accept the genuine record',
    async () => author.received,
  );
  await eventually(
    // Inside a frame the wire text is itself JSON-escaped.
    async () => frames.vada.some((f) => f.includes(JSON.stringify(genuine.wire).slice(1, -1))),
    'the genuine record to reach B through the Vada relay',
  );
  await eventually(
    async () => (await b.page.locator(`[data-testid=map-index] [data-point-id="${genuine.id}"]`).count()) === 1,
    'B to show the genuine point despite the planted garbage',
    () => mapPoints(b.page),
  );

  // Give a late straggler a moment: B shows the genuine point and nothing else.
  await b.page.waitForTimeout(500);
  const shown = await mapPoints(b.page);
  expect(shown.map((p) => [p.id, p.title, p.state])).toEqual([[genuine.id, TITLE, 'active']]);
  expect(shown.filter((p) => /SHADOW/.test(p.title + p.label))).toEqual([]);
  expect(b.errors).toEqual([]);
});
