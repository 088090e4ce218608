/**
 * The two ways Vada reads a QR code from a camera frame, and the choice
 * between them by feature detection: the browser's own BarcodeDetector
 * (Chrome on Android, ChromeOS and macOS: native speed, no download)
 * when it exists and lists 'qr_code', otherwise jsQR, a self-hosted JS decoder
 * loaded only then (its own chunk, precached by the service worker, never in
 * the initial bundle and never from a CDN).
 */
import { QrScannerError } from './qrScannerError';
import type { Frame } from './videoFrame';

export type QrDecoderKind = 'barcode-detector' | 'jsqr';

/** Decodes the QR code in the video's current frame, if any. */
export interface QrDecoder {
  readonly kind: QrDecoderKind;
  /** The first code's text; undefined when none was found (never rejects). */
  decode(video: HTMLVideoElement): Promise<string | undefined>;
}

/** The parts of the Barcode Detection API used here (not yet in TypeScript's DOM types). */
export interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<ReadonlyArray<{ readonly rawValue: string }>>;
}
export interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats?(): Promise<string[]>;
}

/** jsQR's signature (the library's own types are loaded with it, lazily). */
export type JsQr = (
  data: Uint8ClampedArray,
  width: number,
  height: number,
  options?: { inversionAttempts?: 'dontInvert' | 'onlyInvert' | 'attemptBoth' | 'invertFirst' },
) => { readonly data: string } | null;

/** What choosing and running a decoder needs from the browser (fakes in tests). */
export interface DecoderEnv {
  /** The BarcodeDetector constructor, when the browser has one. */
  readonly barcodeDetector: BarcodeDetectorClass | undefined;
  /** Loads jsQR (a dynamic import: its own chunk). */
  loadJsQr(): Promise<JsQr>;
  /** The video's current frame as RGBA pixels, or undefined when it has none yet. */
  grabFrame(video: HTMLVideoElement): Frame | undefined;
}

/**
 * jsQR's default is to also try the inverted image (light code on dark
 * ground), which doubles the work on every frame without a code. Vada draws
 * its codes dark on light (InviteQr): don't.
 */
const JSQR_OPTIONS = { inversionAttempts: 'dontInvert' } as const;

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
  };
}

function jsQrDecoder(jsQr: JsQr, grabFrame: DecoderEnv['grabFrame']): QrDecoder {
  return {
    kind: 'jsqr',
    decode(video) {
      try {
        const frame = grabFrame(video);
        const code = frame ? jsQr(frame.data, frame.width, frame.height, JSQR_OPTIONS) : null;
        return Promise.resolve(code && code.data !== '' ? code.data : undefined);
      } catch {
        return Promise.resolve(undefined);
      }
    },
  };
}

/**
 * The native detector when usable, else jsQR (loaded now). Rejects with
 * QrScannerError 'decoder-failed' when jsQR is needed and cannot be loaded.
 */
export async function pickQrDecoder(env: DecoderEnv): Promise<QrDecoder> {
  const native = await nativeDecoder(env.barcodeDetector);
  if (native) return native;
  let jsQr: JsQr;
  try {
    jsQr = await env.loadJsQr();
  } catch (e) {
    throw new QrScannerError('decoder-failed', { cause: e });
  }
  if (typeof jsQr !== 'function') throw new QrScannerError('decoder-failed');
  return jsQrDecoder(jsQr, env.grabFrame);
}

/** jsQR's function from its module, whichever way the bundler wrapped the CommonJS export. */
export function jsQrFromModule(mod: unknown): JsQr {
  const outer = (mod as { default?: unknown }).default;
  const fn = typeof outer === 'function' ? outer : (outer as { default?: unknown } | undefined)?.default;
  if (typeof fn !== 'function') throw new Error('jsqr module has no decoder function');
  return fn as JsQr;
}
