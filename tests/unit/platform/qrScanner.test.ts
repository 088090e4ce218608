/**
 * startQrScanner through fakes (no camera): the back-camera request, typed
 * failures that leave nothing running, the decoder chosen by feature
 * detection, frames decoded at the loop's rate and reported once per change,
 * and stop() / a camera that ends releasing every track and timer.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FrameDecoder } from '../../../src/platform/jsQrWorker';
import type { BarcodeDetectorClass } from '../../../src/platform/qrDecoder';
import { startQrScanner, type QrScannerEnv, type QrScannerHandle } from '../../../src/platform/qrScanner';
import { isQrScannerError, QrScannerError, type QrScannerErrorCode } from '../../../src/domain/qrScannerError';

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

function fakeTrack() {
  const ended = new Set<() => void>();
  const track = {
    stop: vi.fn(),
    addEventListener: vi.fn((_type: string, l: () => void) => void ended.add(l)),
    /** The browser ends the track by itself (camera unplugged, taken over). */
    end: () => ended.forEach((l) => l()),
  };
  return track;
}

function fakeStream(tracks = [fakeTrack(), fakeTrack()]) {
  return { tracks, stream: { getTracks: () => tracks } as unknown as MediaStream };
}

function fakeVideo(ready = true) {
  return {
    muted: false,
    playsInline: false,
    srcObject: null as unknown,
    readyState: ready ? 4 : 0,
    videoWidth: ready ? 640 : 0,
    videoHeight: ready ? 480 : 0,
    play: vi.fn(async () => undefined),
    pause: vi.fn(),
  };
}

/** A jsQR worker whose decodes answer `texts` in order (undefined: nothing found), the last one repeating. */
function scriptedWorker(texts: ReadonlyArray<string | undefined>) {
  let i = 0;
  return {
    decode: vi.fn(async () => texts[Math.min(i++, texts.length - 1)]),
    close: vi.fn(),
  } satisfies FrameDecoder;
}

function setup(over: Partial<QrScannerEnv> = {}, frames: ReadonlyArray<string | undefined> = []) {
  const cam = fakeStream();
  const getUserMedia = vi.fn(async (_c: MediaStreamConstraints) => cam.stream);
  const jsQr = scriptedWorker(frames);
  const startJsQr = vi.fn(async () => jsQr);
  const env: Partial<QrScannerEnv> = {
    secure: true,
    getUserMedia,
    barcodeDetector: undefined,
    startJsQr,
    grabFrame: () => ({ data: new Uint8ClampedArray(16), width: 2, height: 2 }),
    timers: {
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (id) => clearTimeout(id as never),
      now: () => Date.now(),
    },
    ...over,
  };
  const video = fakeVideo();
  const texts: string[] = [];
  const start = (v = video, options: { intervalMs?: number; onFailure?: (e: unknown) => void } = {}) =>
    startQrScanner(v as unknown as HTMLVideoElement, (t) => texts.push(t), { ...options, env });
  return { env, cam, getUserMedia, jsQr, startJsQr, video, texts, start };
}

async function failure(p: Promise<unknown>): Promise<QrScannerErrorCode | 'no error'> {
  try {
    await p;
    return 'no error';
  } catch (e) {
    if (!isQrScannerError(e)) throw e;
    return e.code;
  }
}

describe('startQrScanner: starting', () => {
  it('asks for the back camera (video only) and plays it muted and inline in the given video', async () => {
    const s = setup();
    const handle = await s.start();
    expect(s.getUserMedia).toHaveBeenCalledWith({ video: { facingMode: 'environment' }, audio: false });
    expect(s.video.srcObject).toBe(s.cam.stream);
    expect([s.video.muted, s.video.playsInline]).toEqual([true, true]);
    expect(s.video.play).toHaveBeenCalledTimes(1);
    expect(handle.decoder).toBe('jsqr');
    handle.stop();
  });

  it('refuses at once outside a secure context, without asking for the camera or loading the decoder', async () => {
    const s = setup({ secure: false });
    expect(await failure(s.start())).toBe('insecure-context');
    expect(s.getUserMedia).not.toHaveBeenCalled();
    expect(s.startJsQr).not.toHaveBeenCalled();
  });

  it("says 'no-camera' when the browser has no camera API", async () => {
    expect(await failure(setup({ getUserMedia: undefined }).start())).toBe('no-camera');
  });

  it.each([
    ['NotAllowedError', 'permission-denied'],
    ['SecurityError', 'permission-denied'],
    ['NotFoundError', 'no-camera'],
    ['OverconstrainedError', 'no-camera'],
    ['NotReadableError', 'camera-failed'],
    ['AbortError', 'camera-failed'],
  ] as const)('types a getUserMedia %s as %s', async (name, code) => {
    const s = setup({ getUserMedia: () => Promise.reject(new DOMException('browser words', name)) });
    expect(await failure(s.start())).toBe(code);
    expect(s.video.srcObject).toBeNull();
    // The decoder started alongside is ended too.
    expect(s.jsQr.close).toHaveBeenCalledTimes(1);
  });

  it("says 'decoder-failed' when jsQR cannot be loaded, and turns the camera it opened off again", async () => {
    const s = setup({ startJsQr: () => Promise.reject(new TypeError('Failed to fetch worker script')) });
    expect(await failure(s.start())).toBe('decoder-failed');
    expect(s.getUserMedia).toHaveBeenCalledTimes(1);
    for (const t of s.cam.tracks) expect(t.stop).toHaveBeenCalledTimes(1);
    expect(s.video.srcObject).toBeNull();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("says 'camera-failed' when the video will not play, and releases the camera", async () => {
    const s = setup();
    s.video.play.mockRejectedValueOnce(new DOMException('no', 'NotAllowedError'));
    expect(await failure(s.start())).toBe('camera-failed');
    for (const t of s.cam.tracks) expect(t.stop).toHaveBeenCalled();
    expect(s.video.srcObject).toBeNull();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('uses the native BarcodeDetector when it reads QR codes, and never loads jsQR then', async () => {
    const detect = vi.fn(async () => [{ rawValue: 'native text' }]);
    const Native = class {
      static getSupportedFormats = async () => ['qr_code'];
      detect = detect;
    } as unknown as BarcodeDetectorClass;
    const s = setup({ barcodeDetector: Native });
    const handle = await s.start();
    expect(handle.decoder).toBe('barcode-detector');
    await vi.advanceTimersByTimeAsync(0);
    expect(s.texts).toEqual(['native text']);
    expect(detect).toHaveBeenCalledWith(s.video);
    expect(s.startJsQr).not.toHaveBeenCalled();
    handle.stop();
  });
});

describe('startQrScanner: scanning', () => {
  it('decodes a frame every interval and reports each text once per change', async () => {
    const frames = ['A', 'A', 'A', undefined, 'A', 'B', 'B', 'C', 'A', 'A'];
    const s = setup({}, frames);
    const handle = await s.start(undefined, { intervalMs: 100 });
    await vi.advanceTimersByTimeAsync(950);
    expect(s.jsQr.decode).toHaveBeenCalledTimes(10);
    expect(s.texts).toEqual(['A', 'B', 'C', 'A']);
    handle.stop();
  });

  it('defaults to about 8 decodes a second', async () => {
    const s = setup({}, ['A']);
    const handle = await s.start();
    await vi.advanceTimersByTimeAsync(1000);
    handle.stop();
    expect(s.jsQr.decode).toHaveBeenCalledTimes(9); // at 0, 120, …, 960 ms
  });

  it('does not decode until the camera delivers a frame', async () => {
    const s = setup({}, ['A']);
    const video = fakeVideo(false);
    const handle = await s.start(video);
    await vi.advanceTimersByTimeAsync(500);
    expect(s.jsQr.decode).not.toHaveBeenCalled();
    Object.assign(video, { readyState: 2, videoWidth: 640, videoHeight: 480 });
    await vi.advanceTimersByTimeAsync(120);
    expect(s.texts).toEqual(['A']);
    handle.stop();
  });

  it('stop() stops every track, the timer and the decoder, detaches the stream, and reports nothing more', async () => {
    const s = setup({}, ['A', 'B', 'C']);
    const handle: QrScannerHandle = await s.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(s.texts).toEqual(['A']);
    handle.stop();
    handle.stop();
    for (const t of s.cam.tracks) expect(t.stop).toHaveBeenCalledTimes(1);
    expect(s.video.srcObject).toBeNull();
    expect(s.video.pause).toHaveBeenCalledTimes(1);
    expect(s.jsQr.close).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(s.texts).toEqual(['A']);
    expect(s.jsQr.decode).toHaveBeenCalledTimes(1);
  });

  it('drops a decode that finishes after stop()', async () => {
    let finish: (v: Array<{ rawValue: string }>) => void = () => undefined;
    const Native = class {
      static getSupportedFormats = async () => ['qr_code'];
      detect = () => new Promise<Array<{ rawValue: string }>>((r) => (finish = r));
    } as unknown as BarcodeDetectorClass;
    const s = setup({ barcodeDetector: Native });
    const handle = await s.start();
    await vi.advanceTimersByTimeAsync(0);
    handle.stop();
    finish([{ rawValue: 'late' }]);
    await vi.advanceTimersByTimeAsync(500);
    expect(s.texts).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("stops and says 'camera-failed' once when the camera ends by itself", async () => {
    const s = setup({}, ['A']);
    const failures: unknown[] = [];
    await s.start(undefined, { onFailure: (e) => failures.push(e) });
    s.cam.tracks[0]?.end();
    s.cam.tracks[1]?.end();
    expect(failures.map((e) => isQrScannerError(e) && e.code)).toEqual(['camera-failed']);
    for (const t of s.cam.tracks) expect(t.stop).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("stops and says 'decoder-failed' when the jsQR worker dies while scanning", async () => {
    const s = setup({}, ['A']);
    const failures: unknown[] = [];
    await s.start(undefined, { onFailure: (e) => failures.push(e) });
    await vi.advanceTimersByTimeAsync(0);
    s.jsQr.decode.mockRejectedValueOnce(new QrScannerError('decoder-failed'));
    await vi.advanceTimersByTimeAsync(120);
    expect(failures.map((e) => isQrScannerError(e) && e.code)).toEqual(['decoder-failed']);
    for (const t of s.cam.tracks) expect(t.stop).toHaveBeenCalledTimes(1);
    expect(s.jsQr.close).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
    expect(s.texts).toEqual(['A']);
  });

  it('reports nothing as a failure when the tracks end because of stop()', async () => {
    const s = setup({}, ['A']);
    const failures: unknown[] = [];
    const handle = await s.start(undefined, { onFailure: (e) => failures.push(e) });
    handle.stop();
    s.cam.tracks[0]?.end();
    expect(failures).toEqual([]);
  });
});
