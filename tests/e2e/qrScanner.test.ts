/**
 * The in-app QR scanner's real pipeline in Chromium, without the UI: the
 * real app is built with the project's vite config plus one probe page
 * that runs src/platform's scanner as the UI loads it, served by a real relay
 * (its CSP and Permissions-Policy), with Chromium's fake camera playing a
 * video of three QR codes. Debian's Chromium has no BarcodeDetector, so the
 * codes go through jsQR in its lazily started, self-hosted decode worker —
 * online, and offline from the service worker's precache. Prints the sizes,
 * the decode time per frame, the time from the first frame to all codes and
 * the main thread's long tasks while scanning.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cameraContext, launchWithFakeCamera, NO_CODE, writeQrY4m, type QrVideo } from '../fixtures/fakeCamera';
import { eventually } from '../fixtures/e2ePeer';
import { waitForWorkerControl } from '../fixtures/e2eServiceWorker';
import { setOffline } from '../fixtures/offlineContext';
import { buildAppWithPage, chunkOf, initialFiles, type ProbeBuild } from '../fixtures/probeBuild';
import { startRelayProcess, type RelayProcess } from '../fixtures/relayProcess';
import type { QrProbe, QrProbeState } from './qrScannerProbe/probe';

const PAGE = 'tests/e2e/qrScannerProbe/index.html';
/** An alphanumeric-mode part, a UTF-8 byte-mode text, and a long base64url text like a signed record. */
const TEXTS = [
  'VADA:PART 1/3',
  'Вада: be water — 水になれ',
  'v1.' + 'q3Zp7-Xw_Rb9TfLk0aYcHsEuM2nJgVdBo4iW5xN8Q1r6'.repeat(8),
];
const LAN_HOST = 'vada.test';

let build: ProbeBuild;
let video: QrVideo;
let relay: RelayProcess;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  build = await buildAppWithPage(PAGE);
  video = writeQrY4m(TEXTS, { width: 640, height: 480, fps: 10, framesPerCode: 2 });
  [relay, browser] = await Promise.all([
    // Tiles from a closed local port: the app's map must not reach the internet from a test.
    startRelayProcess({
      app: true,
      env: { VADA_APP_DIR: build.dir, VADA_TILE_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png' },
    }),
    launchWithFakeCamera(video, [`--host-resolver-rules=MAP ${LAN_HOST} 127.0.0.1`]),
  ]);
});

// Each test's context (and its camera) ends with the test.
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
  await relay?.kill();
  video?.remove();
  build?.remove();
});

/** A page in a new context; the camera is granted to `origin` unless it is not a secure origin (Chromium refuses). */
async function newPage(origin: string, grant = true): Promise<{ page: Page; requests: string[]; problems: string[] }> {
  const context = grant ? await cameraContext(browser, origin) : await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy|Permissions policy/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  return { page, requests, problems };
}

const probeState = (page: Page) => page.evaluate(() => (window as unknown as { qrProbe: QrProbe }).qrProbe.state);
const startProbe = (page: Page) => page.evaluate(() => (window as unknown as { qrProbe: QrProbe }).qrProbe.start());
const stopProbe = (page: Page) => page.evaluate(() => (window as unknown as { qrProbe: QrProbe }).qrProbe.stop());

async function waitForAllTexts(page: Page): Promise<QrProbeState> {
  await eventually(
    async () => {
      const seen = new Set((await probeState(page)).texts.map((t) => t.text));
      return TEXTS.every((t) => seen.has(t));
    },
    'all three QR texts decoded',
    async () => {
      const s = await probeState(page);
      return { texts: s.texts.map((t) => t.text), frames: s.frames.length, error: s.error };
    },
    30_000,
  );
  return probeState(page);
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Time from the first decoded frame to the moment the last of TEXTS was first reported. */
function timeToAll(s: QrProbeState): number {
  const first = s.frames[0]?.start ?? NaN;
  const reached = TEXTS.map((t) => s.texts.find((x) => x.text === t)?.at ?? NaN);
  return Math.max(...reached) - first;
}

const sizeOf = (file: string) => {
  const bytes = readFileSync(join(build.dir, file));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const text = (file: string) => readFileSync(join(build.dir, file), 'utf8');
/** Strings only jsQR's code contains (its option names and a QR mode it supports). */
const JSQR_MARKERS = /attemptBoth|invertFirst/;

/** The scanner's chunk and the decode worker's file (jsQR inside) in this build. */
function scannerFiles(): { scanner: string; worker: string } {
  const chunk = chunkOf(build.manifest, 'src/platform/qrScanner.ts');
  const worker = chunk?.assets?.find((f) => /qrDecode\.worker-[\w-]+\.js$/.test(f));
  if (!chunk || !worker) throw new Error(`no scanner chunk or decode worker in ${JSON.stringify(build.manifest)}`);
  return { scanner: chunk.file, worker };
}

describe('in-app QR scanner in the built app (Chromium, fake camera)', () => {
  it('keeps the scanner and jsQR out of the initial load, in their own precached files', () => {
    const { scanner, worker } = scannerFiles();
    expect(chunkOf(build.manifest, 'src/platform/qrScanner.ts')?.isDynamicEntry).toBe(true);
    expect(text(worker)).toMatch(JSQR_MARKERS);
    for (const entry of ['index.html', PAGE]) {
      const initial = initialFiles(build.manifest, entry);
      expect(initial.size).toBeGreaterThan(0);
      expect(initial.has(scanner)).toBe(false);
      expect(initial.has(worker)).toBe(false);
      for (const file of initial) expect(text(file), file).not.toMatch(JSQR_MARKERS);
    }
    // Precached: the service worker's manifest names both files (with their revision).
    const sw = text('sw.js');
    expect(sw).toContain(`"${scanner}"`);
    expect(sw).toContain(`"${worker}"`);
    // Self-hosted: nothing in them loads code from another origin.
    for (const file of [scanner, worker]) {
      expect(text(file)).not.toMatch(/import\(["'`]https?:|from\s*["']https?:|importScripts\(/);
    }
    const w = sizeOf(worker);
    const sc = sizeOf(scanner);
    console.log(
      `[qr] decode worker (jsQR) ${worker}: ${w.raw} B raw, ${w.gzip} B gzip; ` +
        `scanner chunk ${scanner}: ${sc.raw} B raw, ${sc.gzip} B gzip`,
    );
    // A budget, so a heavier decoder does not slip in unnoticed (jsQR 1.4.0 is ~130 KB raw, ~46 KB gzip).
    expect(w.gzip).toBeLessThan(60_000);
    expect(sc.raw).toBeLessThan(8_000);
  });

  it('decodes all three codes through jsQR (no BarcodeDetector here), loading the decoder only on start', async () => {
    const { page, requests, problems } = await newPage(relay.url);
    const response = await page.goto(`${relay.url}${build.pagePath}`);
    expect(response?.headers()['permissions-policy']).toContain('camera=(self)');
    expect(response?.headers()['content-security-policy']).toContain("worker-src 'self'");

    const { scanner, worker } = scannerFiles();
    const before = await probeState(page);
    expect(before.secure).toBe(true);
    expect(before.barcodeDetector).toBe(false);
    expect(requests).not.toContain(`/${scanner}`);
    expect(requests).not.toContain(`/${worker}`);

    await startProbe(page);
    const started = await probeState(page);
    expect(started.error).toBeUndefined();
    expect(started.decoder).toBe('jsqr');
    expect(requests).toContain(`/${scanner}`);
    expect(requests).toContain(`/${worker}`);

    const first = await waitForAllTexts(page);
    // Keep scanning while the video loops (0.6 s per loop): enough frames to measure, and the codes come round again.
    await eventually(
      async () => (await probeState(page)).frames.length >= 40,
      '40 decoded frames',
      async () => (await probeState(page)).frames.length,
    );
    const s = await probeState(page);
    // Each code was reported exactly as encoded, never twice in a row, and again when it came back after the others.
    expect(new Set(s.texts.map((t) => t.text))).toEqual(new Set(TEXTS));
    s.texts.forEach((t, i) => expect(t.text).not.toBe(s.texts[i - 1]?.text));
    expect(s.texts.length).toBeGreaterThan(TEXTS.length);
    // Far fewer reports than frames with a code: a code held for several frames is reported once.
    expect(s.texts.length).toBeLessThan(s.frames.filter((f) => f.found).length);
    // Frames are decoded one at a time: each starts after the previous one ended.
    s.frames.forEach((f, i) => {
      const prev = s.frames[i - 1];
      if (prev) expect(f.start).toBeGreaterThanOrEqual(prev.start + prev.decodeMs);
    });

    await stopProbe(page);
    const after = await page.evaluate(() => ({
      src: (document.getElementById('camera') as HTMLVideoElement).srcObject,
      tracks: (window as unknown as { qrProbe: QrProbe }).qrProbe.liveTracks(),
    }));
    expect(after).toEqual({ src: null, tracks: 0 });
    const framesAtStop = (await probeState(page)).frames.length;
    await page.waitForTimeout(500);
    expect((await probeState(page)).frames.length).toBe(framesAtStop);
    expect(problems).toEqual([]);

    const ms = s.frames.map((f) => f.decodeMs).sort((x, y) => x - y);
    const intervals = s.frames.slice(1).map((f, i) => f.start - (s.frames[i]?.start ?? 0));
    const sortedIntervals = [...intervals].sort((x, y) => x - y);
    const longTasks = [...s.longTasks].sort((x, y) => x - y);
    console.log(
      `[qr] video ${video.width}×${video.height} @ ${video.fps} fps, ${video.frames} frames, ${video.bytes} B; ` +
        `decode per frame (grab on the page + jsQR in the worker + reply) over ${ms.length} frames: ` +
        `p50 ${percentile(ms, 50).toFixed(1)} ms, p95 ${percentile(ms, 95).toFixed(1)} ms, max ${(ms.at(-1) ?? NaN).toFixed(1)} ms; ` +
        `frame interval p50 ${percentile(sortedIntervals, 50).toFixed(0)} ms; ` +
        `first frame → all ${TEXTS.length} codes: ${timeToAll(first).toFixed(0)} ms (${first.frames.length} frames); ` +
        `${s.frames.filter((f) => f.found).length} of ${s.frames.length} frames had a code, ${s.texts.length} reports; ` +
        `main-thread long tasks while scanning: ${longTasks.length} (longest ${(longTasks.at(-1) ?? 0).toFixed(0)} ms)`,
    );
  });

  it("refuses with 'insecure-context' on a plain-http LAN address, without opening the camera", async () => {
    const origin = `http://${LAN_HOST}:${relay.port}`;
    const { page, requests } = await newPage(origin, false);
    await page.goto(`${origin}${build.pagePath}`);
    await startProbe(page);
    const s = await probeState(page);
    expect(s.secure).toBe(false);
    expect(s.error).toBe('insecure-context');
    expect(await page.evaluate(() => (document.getElementById('camera') as HTMLVideoElement).srcObject)).toBeNull();
    // Refused before the decoder was fetched.
    expect(requests).not.toContain(`/${scannerFiles().worker}`);
  });

  it('decodes offline with the scanner and jsQR served from the service worker precache', async () => {
    const { page, problems } = await newPage(relay.url);
    // One visit online: the app registers the worker, which precaches the build.
    await page.goto(`${relay.url}/`);
    await waitForWorkerControl(page);
    const { scanner, worker } = scannerFiles();
    await eventually(
      () => page.evaluate(async (url) => (await caches.match(url)) !== undefined, `/${worker}`),
      'the decode worker in the precache',
    );

    await setOffline(page.context(), true);
    const fromWorker: string[] = [];
    page.on('response', (r) => {
      if (r.fromServiceWorker()) fromWorker.push(new URL(r.url()).pathname);
    });
    await page.goto(`${relay.url}${build.pagePath}`);
    await startProbe(page);
    expect((await probeState(page)).error).toBeUndefined();
    await waitForAllTexts(page);
    expect(fromWorker).toContain(`/${scanner}`);
    expect(fromWorker).toContain(`/${worker}`);
    await stopProbe(page);
    expect(problems.filter((p) => /Content Security Policy|Permissions policy/i.test(p))).toEqual([]);
  });

  it('keeps the page responsive while jsQR works on costly frames without a code (dark-scene noise)', async () => {
    // Chromium reads the fake camera's file at launch: this video needs a browser of its own.
    const noise = writeQrY4m([NO_CODE], { width: 640, height: 480, fps: 10, framesPerCode: 2 });
    const noisy = await launchWithFakeCamera(noise);
    try {
      const context = await cameraContext(noisy, relay.url);
      const page = await context.newPage();
      await page.goto(`${relay.url}${build.pagePath}`);
      await startProbe(page);
      expect((await probeState(page)).decoder).toBe('jsqr');
      await eventually(
        async () => (await probeState(page)).frames.length >= 6,
        '6 decoded noise frames',
        async () => (await probeState(page)).frames.length,
        60_000,
      );
      await stopProbe(page);
      const s = await probeState(page);
      expect(s.texts).toEqual([]);
      expect(s.frames.every((f) => !f.found)).toBe(true);
      const ms = s.frames.map((f) => f.decodeMs).sort((x, y) => x - y);
      const p50 = percentile(ms, 50);
      const longest = Math.max(0, ...s.longTasks);
      console.log(
        `[qr] noise frames 640×480: decode p50 ${p50.toFixed(0)} ms, max ${(ms.at(-1) ?? NaN).toFixed(0)} ms over ${ms.length} frames; ` +
          `main-thread long tasks: ${s.longTasks.length} (longest ${longest.toFixed(0)} ms)`,
      );
      // Had jsQR run on the page, half of these frames would each have blocked it for at least p50.
      expect(longest).toBeLessThan(p50);
    } finally {
      await noisy.close();
      noise.remove();
    }
  });

  it('keeps the fake camera video small', () => {
    expect(statSync(video.path).size).toBe(video.bytes);
    expect(video.bytes).toBeLessThan(4 * 1024 * 1024);
  });
});
