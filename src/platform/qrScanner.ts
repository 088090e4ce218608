/**
 * The in-app QR scanner: the only code that opens the camera and runs a QR
 * decoder. With the internet cut, phones pass signed records and circle
 * invites by showing and scanning QR codes, so this must work offline and on
 * plain phones: back camera, decoding at a bounded rate without overlapping,
 * each code reported once per change, everything released by stop().
 * Loaded lazily (see loadQrScanner.ts) so the app's first load does not carry it.
 */
import { BROWSER_TIMERS, startFrameLoop, type LoopTimers } from './frameLoop';
import { startJsQrWorker, type QrWorkerLike } from './jsQrWorker';
import { onTextChange } from './onTextChange';
import { pickQrDecoder, type BarcodeDetectorClass, type DecoderEnv, type QrDecoderKind } from './qrDecoder';
import { cameraErrorCode } from './cameraErrorCode';
import { isQrScannerError, QrScannerError } from '../domain/qrScannerError';
import { createFrameGrabber, hasFrame } from './videoFrame';

/** A running scanner. */
export interface QrScannerHandle {
  /** Which decoder reads the frames. */
  readonly decoder: QrDecoderKind;
  /** Stops every camera track, the frame loop and the decoder, detaches the stream; safe to call twice. */
  stop(): void;
}

/** One decoded frame, for measurements. */
export interface QrFrameReport {
  readonly decodeMs: number;
  readonly text: string | undefined;
}

export interface QrScannerOptions {
  /** Pause between decodes (from the start of one to the start of the next), default 120 ms. */
  readonly intervalMs?: number;
  /**
   * Called once if scanning fails after it started: the camera stopped delivering ('camera-failed':
   * unplugged, taken by another app) or the decoder died ('decoder-failed'); the scanner is stopped.
   */
  readonly onFailure?: (error: QrScannerError) => void;
  /** Called after every decoded frame (measurements, diagnostics). */
  readonly onFrame?: (report: QrFrameReport) => void;
  /** Browser parts to replace (tests). */
  readonly env?: Partial<QrScannerEnv>;
}

/** What the scanner needs from the browser. */
export interface QrScannerEnv extends DecoderEnv {
  /** window.isSecureContext: browsers give the camera to secure pages only. */
  readonly secure: boolean;
  readonly getUserMedia: ((constraints: MediaStreamConstraints) => Promise<MediaStream>) | undefined;
  readonly timers: LoopTimers;
}

export const DEFAULT_INTERVAL_MS = 120;

/** The real browser's parts; safe to call outside a browser (everything missing). */
export function browserQrScannerEnv(): QrScannerEnv {
  const g = globalThis as typeof globalThis & { BarcodeDetector?: BarcodeDetectorClass };
  const media = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
  return {
    secure: g.isSecureContext === true,
    getUserMedia: media && typeof media.getUserMedia === 'function' ? (c) => media.getUserMedia(c) : undefined,
    barcodeDetector: g.BarcodeDetector,
    // Written out in full so vite bundles the worker (and jsQR with it) as its own chunk, fetched only here.
    startJsQr: () =>
      startJsQrWorker(
        () =>
          new Worker(new URL('../workers/qrDecode.worker.ts', import.meta.url), {
            type: 'module',
          }) as unknown as QrWorkerLike,
      ),
    grabFrame: createFrameGrabber(),
    timers: BROWSER_TIMERS,
  };
}

async function openCamera(getUserMedia: NonNullable<QrScannerEnv['getUserMedia']>): Promise<MediaStream> {
  try {
    // Not `exact`: a laptop with only a front camera still scans.
    return await getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  } catch (e) {
    throw new QrScannerError(cameraErrorCode(e), { cause: e });
  }
}

const stopTracks = (stream: MediaStream) => stream.getTracks().forEach((t) => t.stop());

/**
 * Opens the back camera into `video` (muted, inline) and calls `onText` with
 * each QR code's text when it differs from the last one decoded. Rejects with
 * a QrScannerError: 'insecure-context', 'no-camera', 'permission-denied',
 * 'camera-failed' or 'decoder-failed'; nothing is left running then.
 */
export async function startQrScanner(
  video: HTMLVideoElement,
  onText: (text: string) => void,
  options: QrScannerOptions = {},
): Promise<QrScannerHandle> {
  const env: QrScannerEnv = { ...browserQrScannerEnv(), ...options.env };
  if (!env.secure) throw new QrScannerError('insecure-context');
  if (!env.getUserMedia) throw new QrScannerError('no-camera');

  // Camera and decoder in parallel: the permission prompt is not delayed by the download.
  const [camera, decoder] = await Promise.allSettled([openCamera(env.getUserMedia), pickQrDecoder(env)]);
  if (camera.status === 'rejected' || decoder.status === 'rejected') {
    if (camera.status === 'fulfilled') stopTracks(camera.value);
    if (decoder.status === 'fulfilled') decoder.value.close();
    throw camera.status === 'rejected' ? camera.reason : (decoder as PromiseRejectedResult).reason;
  }
  const stream = camera.value;

  let stopped = false;
  let stopLoop = () => {};
  const stop = () => {
    if (stopped) return;
    stopped = true;
    stopLoop();
    decoder.value.close();
    stopTracks(stream);
    video.pause();
    video.srcObject = null;
  };

  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  try {
    await video.play();
  } catch (e) {
    stop();
    throw new QrScannerError('camera-failed', { cause: e });
  }

  const fail = (error: QrScannerError) => {
    if (stopped) return;
    stop();
    options.onFailure?.(error);
  };
  for (const track of stream.getTracks())
    track.addEventListener('ended', () => fail(new QrScannerError('camera-failed')));

  const report = onTextChange(onText);
  const { timers } = env;
  stopLoop = startFrameLoop(
    async () => {
      if (!hasFrame(video)) return;
      const started = timers.now();
      let text: string | undefined;
      try {
        text = await decoder.value.decode(video);
      } catch (e) {
        return fail(isQrScannerError(e) ? e : new QrScannerError('decoder-failed', { cause: e }));
      }
      if (stopped) return;
      options.onFrame?.({ decodeMs: timers.now() - started, text });
      report(text);
    },
    options.intervalMs ?? DEFAULT_INTERVAL_MS,
    timers,
  );
  return { decoder: decoder.value.kind, stop };
}
