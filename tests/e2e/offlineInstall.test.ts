/**
 * Installability: the relay serves the web app manifest with its MIME type,
 * its fields and icons (sizes checked from the PNG headers, one maskable),
 * the service worker script, and Chromium itself reports no installability
 * errors for the page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_FLAGS, findChromium } from '../fixtures/browser';
import { PHONE } from '../fixtures/e2ePeer';
import { waitForWorkerControl } from '../fixtures/e2eServiceWorker';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

let relay: RelayProcess;

beforeAll(async () => {
  relay = await startRelayProcess({ app: true });
});

afterAll(async () => {
  await relay?.kill();
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Uint8Array): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  expect([...bytes.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
  return `${view.getUint32(16)}x${view.getUint32(20)}`;
}

describe('installable PWA', () => {
  it('serves a complete manifest with its icons, linked from the shell', async () => {
    const html = await (await fetch(relay.url)).text();
    expect(html).toMatch(/<link rel="manifest" href="\/manifest\.webmanifest"/);
    const res = await fetch(`${relay.url}/manifest.webmanifest`);
    expect(res.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    const manifest = (await res.json()) as Record<string, unknown> & { icons: ManifestIcon[] };
    expect(manifest).toMatchObject({
      name: 'Vada',
      short_name: 'Vada',
      display: 'standalone',
      start_url: '/',
      scope: '/',
    });
    expect(manifest.description).toEqual(expect.any(String));
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
    const served: string[] = [];
    for (const icon of manifest.icons) {
      const r = await fetch(new URL(icon.src, relay.url));
      expect(r.headers.get('content-type')).toBe('image/png');
      expect(pngSize(new Uint8Array(await r.arrayBuffer()))).toBe(icon.sizes);
      served.push(`${icon.sizes} ${icon.purpose ?? 'any'}`);
    }
    expect(served).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
    const sw = await fetch(`${relay.url}/sw.js`);
    expect(sw.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('passes Chromium installability checks', async () => {
    // Chromium never offers to install from an incognito profile, which plain contexts are.
    const profile = mkdtempSync(join(tmpdir(), 'vada-install-'));
    const context = await chromium.launchPersistentContext(profile, {
      ...PHONE,
      executablePath: findChromium(),
      args: CHROMIUM_FLAGS,
      headless: true,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(relay.url);
    await waitForWorkerControl(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    expect(installabilityErrors.map((e) => e.errorId)).toEqual([]);
    const { url, errors } = (await cdp.send('Page.getAppManifest')) as { url: string; errors: unknown[] };
    expect(url).toBe(`${relay.url}/manifest.webmanifest`);
    expect(errors).toEqual([]);
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  });
});
