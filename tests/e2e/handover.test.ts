/**
 * The network is cut and no relay is reachable: phones still pass signed
 * points and alerts by text (SMS, messengers), by QR codes (the in-app
 * scanner, fed by Chromium's fake camera) and by file. The receiver shows
 * them with the trust it would give relay traffic, refuses a forged record by
 * name while keeping the genuine ones, and — once it reaches a relay —
 * passes on what it carried, so a phone that was never online with the
 * author sees it too. The in-app scanner also joins a circle from an invite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smsSegments } from '../../src/domain/smsSegments';
import { encodeEnvelope, fromB64url, parseEnvelope, toB64url } from '../../src/protocol';
import { packBundle, unpackBundle } from '../../src/protocol/bundle';
import { bundleToQrParts } from '../../src/protocol/bundleQr';
import { bundleToText, textToBundles } from '../../src/protocol/bundleText';
import { launchChromium } from '../fixtures/browser';
import { closeSheet, openList, proposePoint } from '../fixtures/e2eActions';
import { raiseDisperse } from '../fixtures/e2eAlerts';
import { acceptJoin, createCircle, inviteLinkOf, openCircles, waitForCircle } from '../fixtures/e2eCircles';
import {
  carriedLine,
  mergeImport,
  openImport,
  openShare,
  pasteBundle,
  readPreview,
  scanUntilPreview,
  sharedText,
  trustOf,
} from '../fixtures/e2eHandover';
import { eventually, openPeer, WAIT_MS, type Peer } from '../fixtures/e2ePeer';
import { mapPoints, waitForState, waitForTitle } from '../fixtures/e2ePoints';
import { waitForWorkerControl } from '../fixtures/e2eServiceWorker';
import { cameraContext, launchWithFakeCamera, writeQrY4m, type QrVideo } from '../fixtures/fakeCamera';
import { setOffline } from '../fixtures/offlineContext';
import { relayStats, startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';

let relay: RelayProcess;
let browser: Browser;
let a: Peer;
let b: Peer;
const extra: Array<{ close(): Promise<void> }> = [];
const videos: QrVideo[] = [];
const ids = { north: '', east: '' };
const tmp = mkdtempSync(join(tmpdir(), 'vada-handover-'));

beforeAll(async () => {
  [relay, browser] = await Promise.all([startRelayProcess({ app: true }), launchChromium()]);
  [a, b] = await Promise.all([openPeer(browser, 'A', relay.url), openPeer(browser, 'B', relay.url)]);
  // Phones that opened Vada once online: the worker has precached the app, every sheet's chunk included.
  await Promise.all([waitForWorkerControl(a.page), waitForWorkerControl(b.page)]);
  // The cut: from here on neither phone reaches any relay (or anything else).
  await Promise.all([setOffline(a.context, true), setOffline(b.context, true)]);
  for (const p of [a, b])
    await p.page.locator('[data-testid=connection-status][data-mode=offline]').waitFor({ timeout: WAIT_MS });
});

afterAll(async () => {
  for (const x of extra.splice(0)) await x.close().catch(() => undefined);
  for (const v of videos.splice(0)) v.remove();
  rmSync(tmp, { recursive: true, force: true });
  await browser?.close();
  await relay?.kill();
});

/** A phone in a browser with a fake camera: loaded once online, then cut off. */
async function cameraPhone(texts: readonly string[]): Promise<Page> {
  const video = writeQrY4m(texts, { width: 640, height: 480, fps: 10, framesPerCode: 4 });
  videos.push(video);
  const camBrowser = await launchWithFakeCamera(video);
  extra.push(camBrowser);
  const context: BrowserContext = await cameraContext(camBrowser, relay.url);
  const page = await context.newPage();
  await page.goto(relay.url, { waitUntil: 'load' });
  await page.getByTestId('connection-status').waitFor({ timeout: WAIT_MS });
  // As on a phone that opened Vada once online: the worker has precached the app, the scanner's decoder included.
  await waitForWorkerControl(page);
  await setOffline(context, true);
  return page;
}

describe('hand-over with no network', () => {
  it('by text: B pastes what A shared and shows the point dispersed, confirmed by its organizer', async () => {
    const north = await proposePoint(a.page, { title: 'North steps', note: 'Bring water.' });
    ids.north = north.id;
    await raiseDisperse(a.page, north.id, { reason: 'police' });
    const unsent = a.page.getByTestId('unsent-count');
    expect(await unsent.textContent()).toContain('2 not sent yet');

    const text = await sharedText(a.page, north.id);
    expect(text).toMatch(/^[A-Za-z0-9:]+$/);
    console.log(`[handover] point + dispersal as text: ${text.length} characters, ${smsSegments(text)} SMS`);
    expect(smsSegments(text)).toBeLessThanOrEqual(5);

    const preview = await pasteBundle(b.page, `Pass it on:\n${text}\n`);
    expect(preview.summary).toBe('1 point, 1 alert, from 1 sender.');
    expect(preview.titles).toEqual(['North steps']);
    expect(preview.refused).toEqual([]);
    expect(await mergeImport(b.page)).toContain('Added 2 records');
    await waitForState(b.page, north.id, 'dispersed');
    expect(await trustOf(b.page, north.id)).toEqual(['disperse:confirmed']);
    expect(await carriedLine(b.page, north.id)).toEqual({
      state: 'unsent',
      text: 'Received offline · not passed on yet',
    });
  });

  it('by file: B opens the .vada file A saved', async () => {
    const east = await proposePoint(a.page, { title: 'East gate' });
    ids.east = east.id;
    await openShare(a.page, east.id, 'file');
    const [download] = await Promise.all([
      a.page.waitForEvent('download'),
      a.page.getByTestId('share-file-save').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^vada-.*\.vada$/);
    const path = join(tmp, 'east.vada');
    await download.saveAs(path);
    await closeSheet(a.page);

    await openImport(b.page);
    await b.page.getByTestId('import-file').setInputFiles(path);
    const preview = await readPreview(b.page);
    expect(preview.titles).toEqual(['East gate']);
    await mergeImport(b.page);
    await waitForTitle(b.page, 'East gate', 'active');
  });

  it('a tampered bundle: the forged record is refused by name, the genuine one kept', async () => {
    const text = await sharedText(a.page, ids.north);
    const [bytes] = textToBundles(text).bundles;
    const unpacked = unpackBundle(bytes as Uint8Array);
    if (!unpacked.ok) throw new Error('A shared an unreadable bundle');
    const wires = unpacked.value.items.flatMap((i) => (i.ok ? [i.wire] : []));
    expect(wires).toHaveLength(2);
    const alert = parseEnvelope(wires[1]);
    if (!alert.ok) throw new Error('bad wire');
    const sig = fromB64url(alert.value.s);
    sig[10] = (sig[10] ?? 0) ^ 0x40;
    const forged = bundleToText(packBundle([wires[0] as string, encodeEnvelope({ ...alert.value, s: toB64url(sig) })]));

    const d = await openPeer(browser, 'D', relay.url);
    extra.push(d.context);
    // As on a phone that opened Vada once online: the worker has precached the app, every sheet's chunk included.
    await waitForWorkerControl(d.page);
    await setOffline(d.context, true);
    const preview = await pasteBundle(d.page, forged);
    expect(preview.titles).toEqual(['North steps']);
    expect(preview.refused).toEqual([{ code: 'bad-signature', text: 'Record 2: bad signature (forged or altered)' }]);
    await mergeImport(d.page);
    await waitForState(d.page, ids.north, 'active');
  });

  it('by QR codes: a phone scans the sequence A shows, in whatever order its camera sees it', async () => {
    await closeSheet(a.page);
    await openList(a.page);
    await a.page.getByTestId('share-circle').first().click();
    await a.page.getByTestId('share-form-text').click();
    const circleText = await a.page.getByTestId('share-text').inputValue();
    await a.page.getByTestId('share-form-qr').click();
    const shownParts = Number(await a.page.getByTestId('share-qr').getAttribute('data-parts'));
    await closeSheet(a.page);
    const [bytes] = textToBundles(circleText).bundles;
    const parts = bundleToQrParts(bytes as Uint8Array);
    expect(parts.length).toBe(shownParts);
    expect(parts.length).toBeGreaterThan(1);

    // The camera sees the codes last-first, one twice.
    const page = await cameraPhone([...parts].reverse().concat(parts[0] as string));
    await openImport(page);
    const started = Date.now();
    await page.getByTestId('import-scan').click();
    const preview = await scanUntilPreview(page);
    console.log(`[handover] ${parts.length} QR codes scanned to preview in ${Date.now() - started} ms`);
    expect(preview.titles.sort()).toEqual(['East gate', 'North steps']);
    await mergeImport(page);
    await waitForState(page, ids.north, 'dispersed');
    await waitForTitle(page, 'East gate', 'active');
  });

  it('B goes online: the relay gets what B carried, once, and a third phone sees it', async () => {
    const before = await relayStats(relay);
    await setOffline(b.context, false);
    await eventually(
      async () => (await carriedLine(b.page, ids.east))?.state === 'sent',
      'B passed on what it carried',
    );
    expect((await carriedLine(b.page, ids.north))?.text).toMatch(/^Received offline · passed on at /);
    const after = await relayStats(relay);
    expect(after.accepted - before.accepted).toBe(3);

    const c = await openPeer(browser, 'C', relay.url);
    extra.push(c.context);
    await waitForState(c.page, ids.north, 'dispersed');
    await waitForTitle(c.page, 'East gate', 'active');
    expect(await trustOf(c.page, ids.north)).toEqual(['disperse:confirmed']);
    // A never reached a relay: everything C has came through B.
    expect(await a.page.getByTestId('unsent-count').textContent()).toContain('3 not sent yet');
    expect((await mapPoints(c.page)).map((p) => p.title).sort()).toEqual(['East gate', 'North steps']);
  });

  it('an invite scanned in the app joins the circle', async () => {
    const made = await createCircle(a.page, 'Night shift');
    const link = await inviteLinkOf(a.page, made.id);
    await closeSheet(a.page);
    const page = await cameraPhone([link]);
    await openCircles(page);
    await page.getByTestId('circle-scan-invite').click();
    await page.getByTestId('join-dialog').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('join-dialog').textContent()).toContain('Night shift');
    await acceptJoin(page);
    await openCircles(page);
    await waitForCircle(page, (c) => c.id === made.id, 'the scanned circle among the phone’s circles');
  });

  it('nothing a peer wrote ran as code, and no page failed', () => {
    expect([...a.errors, ...b.errors]).toEqual([]);
  });
});
