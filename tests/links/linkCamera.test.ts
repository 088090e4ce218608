/**
 * The link tests' fake camera (tests/fixtures/linkCamera.ts) changes its
 * picture while the browser runs: during a running capture (the file is
 * rewritten in place) and at the next capture start. Read in a plain page
 * (no Vada) with jsQR, so this checks the fixture, not the app's scanner.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_CODE } from '../fixtures/fakeCamera';
import { eventually } from '../fixtures/e2ePeer';
import { launchWithCamera, type LinkCamera } from '../fixtures/linkCamera';

const JSQR = readFileSync(createRequire(import.meta.url).resolve('jsqr'), 'utf8');

/** A plain page: capture start/stop, and the text of the code in the current frame (jsQR). */
const PAGE = `<!doctype html><title>camera</title><video muted playsinline></video><script>
  const video = document.querySelector('video');
  window.startCamera = async () => {
    video.srcObject = await navigator.mediaDevices.getUserMedia({ video: true });
    await video.play();
  };
  window.stopCamera = () => { video.srcObject.getTracks().forEach((t) => t.stop()); video.srcObject = null; };
  window.readCode = () => {
    if (!video.videoWidth) return null;
    const c = document.createElement('canvas');
    c.width = video.videoWidth; c.height = video.videoHeight;
    const g = c.getContext('2d');
    g.drawImage(video, 0, 0);
    const found = jsQR(g.getImageData(0, 0, c.width, c.height).data, c.width, c.height);
    return found ? found.data : null;
  };
</script>`;

let server: Server;
let origin: string;
let camera: LinkCamera;
let page: Page;

beforeAll(async () => {
  server = createServer((req, res) => {
    res.setHeader('content-type', req.url === '/jsqr.js' ? 'text/javascript' : 'text/html');
    res.end(req.url === '/jsqr.js' ? JSQR : PAGE.replace('<script>', '<script src="/jsqr.js"></script><script>'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  camera = await launchWithCamera();
  const context = await camera.browser.newContext();
  await context.grantPermissions(['camera'], { origin });
  page = await context.newPage();
  await page.goto(`${origin}/`);
});

afterAll(async () => {
  await camera?.close();
  server?.close();
});

const readCode = () => page.evaluate(() => (window as unknown as { readCode(): string | null }).readCode());

async function waitForCode(text: string | null): Promise<void> {
  let last: string | null = 'nothing read yet';
  await eventually(
    async () => {
      last = await readCode();
      return last === text;
    },
    `the camera to show ${JSON.stringify(text)}`,
    async () => last,
  );
}

describe('link camera', () => {
  it('shows nothing readable at first, then the code it is pointed at', async () => {
    await page.evaluate(() => (window as unknown as { startCamera(): Promise<void> }).startCamera());
    await waitForCode(null);
    expect(camera.showing).toBe(NO_CODE);
    camera.show('VADA-L1:OFFER 1');
    await waitForCode('VADA-L1:OFFER 1');
  });

  it('changes the picture of a running capture when shown another code', async () => {
    camera.show('VADA-L1:ANSWER 2');
    await waitForCode('VADA-L1:ANSWER 2');
    expect(camera.showing).toBe('VADA-L1:ANSWER 2');
  });

  it('shows the latest code at the next capture start', async () => {
    await page.evaluate(() => (window as unknown as { stopCamera(): void }).stopCamera());
    camera.show('VADA-L1:THIRD 3');
    await page.evaluate(() => (window as unknown as { startCamera(): Promise<void> }).startCamera());
    await waitForCode('VADA-L1:THIRD 3');
    camera.show(NO_CODE);
    await waitForCode(null);
  });
});
