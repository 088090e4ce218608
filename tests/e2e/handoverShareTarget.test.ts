/**
 * Text and .vada files shared *to* Vada from another app (the manifest's
 * share target): the browser navigates with a multipart POST, the service
 * worker parks what was shared and sends the page to the import preview; the
 * marker leaves the address bar and the parked copy is read once. The network
 * is off throughout: nothing of it reaches a server.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/browser';
import { proposePoint } from '../fixtures/e2eActions';
import { readPreview, sharedText } from '../fixtures/e2eHandover';
import { openPeer, WAIT_MS, type Peer } from '../fixtures/e2ePeer';
import { waitForWorkerControl } from '../fixtures/e2eServiceWorker';
import { setOffline } from '../fixtures/offlineContext';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';

let relay: RelayProcess;
let browser: Browser;
let a: Peer;
let b: Peer;

beforeAll(async () => {
  [relay, browser] = await Promise.all([startRelayProcess({ app: true }), launchChromium()]);
  [a, b] = await Promise.all([openPeer(browser, 'A', relay.url), openPeer(browser, 'B', relay.url)]);
  // Both opened Vada once online: the worker has precached the app (every sheet is a chunk of its own).
  await Promise.all([waitForWorkerControl(a.page), waitForWorkerControl(b.page)]);
  await Promise.all([setOffline(a.context, true), setOffline(b.context, true)]);
});

afterAll(async () => {
  await browser?.close();
  await relay?.kill();
});

/** What the OS share sheet does: a top-level multipart POST to the share target, as a form submission. */
async function shareToVada(
  page: Page,
  fields: { text?: string; file?: { name: string; content: string } },
): Promise<void> {
  await page.evaluate((f) => {
    const form = document.createElement('form');
    form.method = 'POST';
    form.action = '/share-target';
    form.enctype = 'multipart/form-data';
    if (f.text !== undefined) {
      const text = document.createElement('textarea');
      text.name = 'text';
      text.value = f.text;
      form.append(text);
    }
    if (f.file) {
      const input = document.createElement('input');
      input.type = 'file';
      input.name = 'file';
      const dt = new DataTransfer();
      dt.items.add(new File([f.file.content], f.file.name, { type: 'text/plain' }));
      input.files = dt.files;
      form.append(input);
    }
    document.body.append(form);
    form.submit();
  }, fields);
  await page.waitForURL((url) => url.pathname === '/' && !url.search.includes('shared'), { timeout: WAIT_MS });
}

describe('share target', () => {
  it('text shared from a messenger opens the import preview, offline, and is read only once', async () => {
    const p = await proposePoint(a.page, { title: 'Shared by SMS' });
    const text = await sharedText(a.page, p.id);
    await shareToVada(b.page, { text: `From Lena: ${text}` });
    const preview = await readPreview(b.page);
    expect(preview.titles).toEqual(['Shared by SMS']);
    expect(new URL(b.page.url()).search).toBe('');
    const parked = await b.page.evaluate(async () => {
      const cache = await caches.open('vada-share-inbox');
      return (await cache.keys()).length;
    });
    expect(parked).toBe(0);
  });

  it('a .vada file shared from Files or Bluetooth opens the import preview', async () => {
    const p = await proposePoint(a.page, { title: 'Shared as a file' });
    const text = await sharedText(a.page, p.id);
    await b.page.goto(new URL('/', relay.url).href);
    await shareToVada(b.page, { file: { name: 'vada-2026.vada.txt', content: text } });
    expect((await readPreview(b.page)).titles).toEqual(['Shared as a file']);
  });
});
