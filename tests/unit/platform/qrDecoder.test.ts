/**
 * Choosing the QR decoder by feature detection (native BarcodeDetector when it
 * reads QR codes, else jsQR loaded then), the typed failure when jsQR cannot
 * be loaded, and the real jsQR reading frames drawn by the fake-camera fixture.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  jsQrFromModule,
  pickQrDecoder,
  type BarcodeDetectorClass,
  type DecoderEnv,
  type JsQr,
} from '../../../src/platform/qrDecoder';
import type { Frame } from '../../../src/platform/videoFrame';
import { isQrScannerError } from '../../../src/platform/qrScannerError';
import { qrCodeMatrix, qrLuma } from '../../fixtures/fakeCamera';

const video = {} as HTMLVideoElement;
const FRAME: Frame = { data: new Uint8ClampedArray(4 * 4 * 4), width: 4, height: 4 };

function fakeDetectorClass(formats: string[] | Error, found: string[] | Error = []) {
  const made: Array<{ formats: string[] }> = [];
  const detect = vi.fn(async () => {
    if (found instanceof Error) throw found;
    return found.map((rawValue) => ({ rawValue }));
  });
  class FakeDetector {
    constructor(options: { formats: string[] }) {
      made.push(options);
    }
    detect = detect;
    static getSupportedFormats = async () => {
      if (formats instanceof Error) throw formats;
      return formats;
    };
  }
  return { ctor: FakeDetector as unknown as BarcodeDetectorClass, made, detect };
}

function env(over: Partial<DecoderEnv> = {}) {
  const jsQr = vi.fn<JsQr>(() => ({ data: 'from jsQR' }));
  const loadJsQr = vi.fn(async () => jsQr);
  const grabFrame = vi.fn((_v: HTMLVideoElement): Frame | undefined => FRAME);
  return { env: { barcodeDetector: undefined, loadJsQr, grabFrame, ...over } satisfies DecoderEnv, jsQr, loadJsQr, grabFrame };
}

describe('pickQrDecoder', () => {
  it('uses the native BarcodeDetector for QR codes when it lists qr_code, and never loads jsQR', async () => {
    const native = fakeDetectorClass(['ean_13', 'qr_code'], ['', 'VADA:1']);
    const e = env({ barcodeDetector: native.ctor });
    const decoder = await pickQrDecoder(e.env);
    expect(decoder.kind).toBe('barcode-detector');
    expect(native.made).toEqual([{ formats: ['qr_code'] }]);
    expect(await decoder.decode(video)).toBe('VADA:1');
    expect(native.detect).toHaveBeenCalledWith(video);
    expect(e.loadJsQr).not.toHaveBeenCalled();
  });

  it('answers undefined, not an error, when the native detector finds nothing or throws', async () => {
    const none = await pickQrDecoder(env({ barcodeDetector: fakeDetectorClass(['qr_code'], []).ctor }).env);
    expect(await none.decode(video)).toBeUndefined();
    const failing = fakeDetectorClass(['qr_code'], new DOMException('not ready', 'InvalidStateError'));
    const broken = await pickQrDecoder(env({ barcodeDetector: failing.ctor }).env);
    expect(broken.kind).toBe('barcode-detector');
    expect(await broken.decode(video)).toBeUndefined();
  });

  it.each([
    ['no BarcodeDetector at all', undefined],
    ['a BarcodeDetector without qr_code', fakeDetectorClass(['ean_13', 'code_128']).ctor],
    ['a BarcodeDetector that supports no format', fakeDetectorClass([]).ctor],
    ['getSupportedFormats rejecting', fakeDetectorClass(new Error('unavailable')).ctor],
    ['a BarcodeDetector without getSupportedFormats', class {} as unknown as BarcodeDetectorClass],
  ])('falls back to jsQR with %s', async (_name, ctor) => {
    const e = env({ barcodeDetector: ctor });
    const decoder = await pickQrDecoder(e.env);
    expect(decoder.kind).toBe('jsqr');
    expect(e.loadJsQr).toHaveBeenCalledTimes(1);
    expect(await decoder.decode(video)).toBe('from jsQR');
    expect(e.grabFrame).toHaveBeenCalledWith(video);
    expect(e.jsQr).toHaveBeenCalledWith(FRAME.data, 4, 4, { inversionAttempts: 'dontInvert' });
  });

  it("answers undefined when the video has no frame yet, jsQR finds nothing, or finds an empty code", async () => {
    const e = env();
    const decoder = await pickQrDecoder(e.env);
    e.grabFrame.mockReturnValueOnce(undefined);
    expect(await decoder.decode(video)).toBeUndefined();
    expect(e.jsQr).not.toHaveBeenCalled();
    e.jsQr.mockReturnValueOnce(null).mockReturnValueOnce({ data: '' });
    expect(await decoder.decode(video)).toBeUndefined();
    expect(await decoder.decode(video)).toBeUndefined();
    e.jsQr.mockImplementationOnce(() => {
      throw new RangeError('bad frame');
    });
    expect(await decoder.decode(video)).toBeUndefined();
  });

  it("rejects with a typed 'decoder-failed' when jsQR cannot be loaded", async () => {
    const offline = env({ loadJsQr: () => Promise.reject(new TypeError('Failed to fetch dynamically imported module')) });
    const err = await pickQrDecoder(offline.env).catch((e: unknown) => e);
    expect(isQrScannerError(err) && err.code).toBe('decoder-failed');
    expect((err as Error).cause).toBeInstanceOf(TypeError);
    const junk = env({ loadJsQr: async () => 'not a function' as unknown as JsQr });
    const err2 = await pickQrDecoder(junk.env).catch((e: unknown) => e);
    expect(isQrScannerError(err2) && err2.code).toBe('decoder-failed');
  });
});

describe('jsQrFromModule', () => {
  it('finds the function whether the bundler exposes it as default or default.default', () => {
    const fn: JsQr = () => null;
    expect(jsQrFromModule({ default: fn })).toBe(fn);
    expect(jsQrFromModule({ default: { default: fn } })).toBe(fn);
    expect(() => jsQrFromModule({ default: {} })).toThrow();
  });

  it('finds it in the real jsqr package', async () => {
    expect(typeof jsQrFromModule(await import('jsqr'))).toBe('function');
  });
});

describe('the real jsQR on frames drawn by the fake-camera fixture', () => {
  /** A grey luma plane as the RGBA pixels a canvas would give. */
  function rgba(luma: Uint8Array, width: number, height: number): Frame {
    const data = new Uint8ClampedArray(width * height * 4);
    luma.forEach((y, i) => data.set([y, y, y, 255], i * 4));
    return { data, width, height };
  }

  it.each([
    ['alphanumeric', 'VADA:PART 1/3 $%*+-.'],
    ['byte, UTF-8', 'Вада — be water, 水になれ'],
    ['byte, a long signed-record-like text', 'v1.' + 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_'.repeat(10)],
  ])('decodes %s text exactly', async (mode, text) => {
    expect(qrCodeMatrix(text).mode).toBe(mode.startsWith('alpha') ? 'Alphanumeric' : 'Byte');
    const frame = rgba(qrLuma(text, 640, 480), 640, 480);
    const decoder = await pickQrDecoder({
      barcodeDetector: undefined,
      loadJsQr: async () => jsQrFromModule(await import('jsqr')),
      grabFrame: () => frame,
    });
    expect(await decoder.decode(video)).toBe(text);
  });

  it('finds nothing in a frame without a code', async () => {
    const blank = rgba(new Uint8Array(320 * 240).fill(128), 320, 240);
    const decoder = await pickQrDecoder({
      barcodeDetector: undefined,
      loadJsQr: async () => jsQrFromModule(await import('jsqr')),
      grabFrame: () => blank,
    });
    expect(await decoder.decode(video)).toBeUndefined();
  });
});
