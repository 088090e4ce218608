/**
 * The two ways Vada reads a QR code from a camera frame, and the choice
 * between them by feature detection: the browser's own BarcodeDetector
 * (Chrome on Android, ChromeOS and macOS: native speed, no download) when it
 * exists and lists 'qr_code', otherwise jsQR, a self-hosted JS decoder that
 * runs in a worker started only then (its own chunk, precached by the service
 * worker, never in the initial bundle and never from a CDN).
 */
import type { FrameDecoder } from './jsQrWorker';
import { isQrScannerError, QrScannerError } from '../domain/qrScannerError';
import type { Frame } from './videoFrame';

export type QrDecoderKind = 'barcode-detector' | 'jsqr';

/** Decodes the QR code in the video's current frame, if any. */
export interface QrDecoder {
  readonly kind: QrDecoderKind;
  /** The first code's text, undefined when none was found; rejects only with 'decoder-failed' when the decoder died. */
  decode(video: HTMLVideoElement): Promise<string | undefined>;
  /** Releases the decoder (ends the jsQR worker). */
  close(): void;
}

/** The parts of the Barcode Detection API used here (not yet in TypeScript's DOM types). */
export interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<ReadonlyArray<{ readonly rawValue: string }>>;
}
export interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats?(): Promise<string[]>;
}

/** What choosing and running a decoder needs from the browser (fakes in tests). */
export interface DecoderEnv {
  /** The BarcodeDetector constructor, when the browser has one. */
  readonly barcodeDetector: BarcodeDetectorClass | undefined;
  /** Starts the jsQR worker (loads its chunk); rejects when it cannot. */
  startJsQr(): Promise<FrameDecoder>;
  /** The video's current frame as RGBA pixels, or undefined when it has none yet. */
  grabFrame(video: HTMLVideoElement): Frame | undefined;
}

/** The native detector when the browser has one that reads QR codes; undefined otherwise. */
async function nativeDecoder(ctor: BarcodeDetectorClass | undefined): Promise<QrDecoder | undefined> {
  if (typeof ctor !== 'function' || typeof ctor.getSupportedFormats !== 'function') return undefined;
  let detector: BarcodeDetectorLike;
  try {
    // A browser may expose the class and still support no format at all.
    if (!(await ctor.getSupportedFormats()).includes('qr_code')) return undefined;
    detector = new ctor({ formats: ['qr_code'] });
  } catch {
    return undefined;
  }
  return {
    kind: 'barcode-detector',
    async decode(video) {
      try {
        const found = await detector.detect(video);
        return found.find((b) => b.rawValue !== '')?.rawValue;
      } catch {
        return undefined;
      }
    },
    close: () => undefined,
  };
}

function jsQrDecoder(frames: FrameDecoder, grabFrame: DecoderEnv['grabFrame']): QrDecoder {
  return {
    kind: 'jsqr',
    decode(video) {
      let frame: Frame | undefined;
      try {
        frame = grabFrame(video);
      } catch {
        return Promise.resolve(undefined);
      }
      return frame ? frames.decode(frame) : Promise.resolve(undefined);
    },
    close: () => frames.close(),
  };
}

/**
 * The native detector when usable, else jsQR (its worker started now).
 * Rejects with QrScannerError 'decoder-failed' when jsQR is needed and cannot
 * be loaded.
 */
export async function pickQrDecoder(env: DecoderEnv): Promise<QrDecoder> {
  const native = await nativeDecoder(env.barcodeDetector);
  if (native) return native;
  try {
    return jsQrDecoder(await env.startJsQr(), env.grabFrame);
  } catch (e) {
    throw isQrScannerError(e) ? e : new QrScannerError('decoder-failed', { cause: e });
  }
}
