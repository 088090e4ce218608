/**
 * A locked phone's storage dump (issue 10). Phone B runs in a persistent
 * Chromium profile against a real relay: it receives a point from phone A,
 * publishes one, follows one, adds a relay and moves the map; sets an app PIN
 * (start fresh), unlocks, does it all again under the PIN, and is reloaded to
 * its lock screen. Then every storage the browser exposes to the origin is
 * read, and no title, coordinate, record id a relay knows, relay URL or author
 * key may appear in it. Last, the closed profile's files are searched for the
 * same strings and what the browser itself keeps is REPORTED (printed), not
 * failed on: Vada cannot reach those files (docs/threat-model.md).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_FLAGS, findChromium, launchChromium } from '../fixtures/browser';
import { closeSheet, dismissFirstRunHint, proposePoint } from '../fixtures/e2eActions';
import { followPoint } from '../fixtures/e2eAlerts';
import { envelopeOf, tryOpen } from '../fixtures/e2eLeaks';
import { OPEN_CIRCLE_KEY_HEX } from '../../src/protocol/circle';
import { toB64url } from '../../src/protocol/base64url';
import { eventually, openPeer, PHONE, WAIT_MS, type Peer } from '../fixtures/e2ePeer';
import { waitForTitle } from '../fixtures/e2ePoints';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';
import { dumpStorage, found, grepProfile, type DumpedStore } from '../fixtures/storageDump';

const PIN = '48291375';
/** Added in Settings, one per round; nothing listens there (closed ports on this machine). */
const ADDED_RELAYS = ['ws://127.0.0.1:9/gun', 'ws://127.0.0.1:7/gun'];
/** The relay URLs as the phone's settings list them (it may normalize what was typed). */
const listedRelays: string[] = [];

let relay: RelayProcess;
let browser: Browser;
let a: Peer;
let profile: string;
let phone: BrowserContext;

beforeAll(async () => {
  profile = mkdtempSync(join(tmpdir(), 'vada-locked-phone-'));
  [relay, browser] = await Promise.all([startRelayProcess({ app: true }), launchChromium()]);
  a = await openPeer(browser, 'A', relay.url);
  phone = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    args: CHROMIUM_FLAGS,
    headless: true,
    ...PHONE,
  });
});

afterAll(async () => {
  await phone?.close().catch(() => undefined);
  await browser?.close();
  await relay?.kill();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function openApp(): Promise<Page> {
  const page = await phone.newPage();
  await page.goto(relay.url, { waitUntil: 'load' });
  // A fresh profile shows the first-run hint over the bottom of the map, where a point is proposed below.
  await dismissFirstRunHint(page);
  return page;
}

async function openSettings(page: Page): Promise<void> {
  await closeSheet(page);
  await page.getByTestId('settings-button').click();
  await page.getByTestId('settings-sheet').waitFor({ timeout: WAIT_MS });
}

/** One round of use: receive, publish, follow, add the relay, move the map. */
async function use(page: Page, round: string, relayUrl: string, recordsAfter: number): Promise<void> {
  await page.getByTestId('connection-status').waitFor({ timeout: WAIT_MS });
  // Off the map's centre, so the coordinates differ from the default view written in the app's code.
  const received = await proposePoint(a.page, { title: `Received ${round}`, mapSpot: { x: 90, y: 160 } });
  await closeSheet(a.page);
  await waitForTitle(page, `Received ${round}`);
  await proposePoint(page, { title: `Published ${round}`, mapSpot: { x: 260, y: 420 } });
  await followPoint(page, received.id);
  await openSettings(page);
  const listed = () =>
    page
      .locator('[data-testid=relay-list] [data-relay-url]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-relay-url') ?? ''));
  const was = await listed();
  await page.getByTestId('relay-input').fill(relayUrl);
  await page.getByTestId('relay-add').click();
  await eventually(async () => (await listed()).length > was.length, `${relayUrl} to be listed`, listed);
  listedRelays.push(...(await listed()).filter((u) => !was.includes(u)));
  await closeSheet(page);
  await page.getByTestId('map').dblclick({ position: { x: 120, y: 200 } });
  // Both points are on the relay (the outbox row is marked sent); saved view and follows have had time.
  await eventually(async () => journalLines().length >= recordsAfter, `the relay to hold ${recordsAfter} records`);
  await page.waitForTimeout(500);
}

/** Latitudes and longitudes around the default view, as written in text. */
const COORD = /\b(53\.9\d{2,}|27\.5\d{2,})/g;

/** The coordinates the records carry, as written in their (open circle) payloads. */
async function pointCoordinates(wires: readonly string[]): Promise<string[]> {
  const key = toB64url(Uint8Array.from(Buffer.from(OPEN_CIRCLE_KEY_HEX, 'hex')));
  const texts = await Promise.all(wires.map((w) => tryOpen(envelopeOf(w), key)));
  return texts.flatMap((t) => t?.match(COORD) ?? []);
}

function journalLines(): string[] {
  try {
    return readFileSync(join(relay.dataDir, 'records.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '');
  } catch {
    return [];
  }
}

/** Readable categories per store, as a table for the report. */
function table(label: string, dump: readonly DumpedStore[], needles: Map<string, string[]>): string[] {
  return dump.map((d) => `${label} | ${d.store} | ${d.entries} | ${found(d.text, needles).join(', ') || '—'}`);
}

describe('a locked phone', () => {
  it('keeps nothing readable that names its points, places, relays or keys', async () => {
    const page = await openApp();
    await use(page, 'before PIN', ADDED_RELAYS[0] ?? '', 2);
    const before = await dumpStorage(page);
    const all = before.map((d) => d.text).join('\n');
    // The map view as the settings wrote it.
    const coords = (before.find((d) => d.store === 'localStorage')?.text ?? '').match(COORD) ?? [];
    expect(coords.length, 'the map view is stored in the clear without a PIN').toBeGreaterThan(0);

    await openSettings(page);
    await page.getByTestId('pin-new').fill(PIN);
    await page.getByTestId('pin-confirm').fill(PIN);
    await page.getByTestId('pin-save').click();
    await page.getByTestId('pin-lock').waitFor({ timeout: WAIT_MS });
    await page.getByTestId('pin-input').fill(PIN);
    await page.getByTestId('pin-unlock').click();
    await use(page, 'under PIN', ADDED_RELAYS[1] ?? '', 4);
    await page.reload({ waitUntil: 'load' });
    await page.getByTestId('pin-lock').waitFor({ timeout: WAIT_MS });

    const lines = journalLines().map((l) => JSON.parse(l) as { i: string; w: string });
    const needles = new Map<string, string[]>([
      ['title', ['Received before PIN', 'Published before PIN', 'Received under PIN', 'Published under PIN']],
      ['coordinate', [...new Set([...coords, ...(await pointCoordinates(lines.map((l) => l.w)))])]],
      ['record id', lines.map((l) => l.i)],
      ['relay url', [...ADDED_RELAYS, ...listedRelays].map((u) => u.replace(/^\w+:\/\//, ''))],
      ['author key', [...new Set(lines.map((l) => envelopeOf(l.w).a))]],
    ]);
    expect(needles.get('record id')?.length).toBeGreaterThanOrEqual(4);
    expect(needles.get('coordinate')?.length, 'the points carry coordinates').toBeGreaterThan(coords.length);
    expect(needles.get('author key')?.length).toBeGreaterThanOrEqual(3);
    const locked = await dumpStorage(page);
    const rows = [
      'phase | store | entries | readable',
      ...table('no PIN', before, needles),
      ...table('locked', locked, needles),
    ];
    console.info(`locked phone dump:\n${rows.join('\n')}`);
    // The dump sees the data: before the PIN it names ids, keys, places and relays (titles and the points'
    // places travel encrypted for the open circle, so they are not in the clear even without a PIN).
    expect(found(all, needles).sort()).toEqual(['author key', 'coordinate', 'record id', 'relay url']);
    expect(locked.find((d) => d.store === 'idb vada/records')?.entries).toBeGreaterThan(0);
    const leaks = locked.flatMap((d) => found(d.text, needles).map((what) => `${d.store}: ${what}`));
    expect(leaks).toEqual([]);
    // Any place near the map's area, not only the ones the test knows (the last map view, moved under the
    // PIN, included), in every store the app writes (Cache Storage holds the app's own code, which names
    // the default view).
    const places = locked
      .filter((d) => !d.store.startsWith('cache'))
      .flatMap((d) => (d.text.match(COORD) ?? []).map((c) => `${d.store}: ${c}`));
    expect(places).toEqual([]);
    const clearSettings = locked.find((d) => d.store === 'localStorage')?.text ?? '';
    expect(Object.keys(JSON.parse(clearSettings) as object).sort()).toEqual([
      'vada.pin.v1',
      'vada.settings.sealed.v1',
      'vada.settings.v1',
    ]);

    await phone.close();
    const files = grepProfile(profile, needles);
    console.info(
      `profile files still holding strings (browser's own, not reachable by Vada):\n${
        [...files].map(([f, what]) => `${f}: ${what.join(', ')}`).join('\n') || '(none)'
      }`,
    );
  });
});
