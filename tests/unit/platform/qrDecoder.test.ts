/**
 * Choosing the QR decoder by feature detection: the native BarcodeDetector
 * when it reads QR codes, else jsQR (its worker started only then), and the
 * typed failure when jsQR cannot be started.
 */
import { describe, expect, it, vi } from 'vitest';
import type { FrameDecoder } from '../../../src/platform/jsQrWorker';
import { pickQrDecoder, type BarcodeDetectorClass, type DecoderEnv } from '../../../src/platform/qrDecoder';
import { isQrScannerError, QrScannerError } from '../../../src/domain/qrScannerError';
import type { Frame } from '../../../src/platform/videoFrame';

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
  const frames = {
    decode: vi.fn(async (_f: Frame): Promise<string | undefined> => 'from jsQR'),
    close: vi.fn(),
  } satisfies FrameDecoder;
  const startJsQr = vi.fn(async () => frames);
  const grabFrame = vi.fn((_v: HTMLVideoElement): Frame | undefined => FRAME);
  return {
    env: { barcodeDetector: undefined, startJsQr, grabFrame, ...over } satisfies DecoderEnv,
    frames,
    startJsQr,
    grabFrame,
  };
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
    expect(e.startJsQr).not.toHaveBeenCalled();
    decoder.close();
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
    expect(e.startJsQr).toHaveBeenCalledTimes(1);
    expect(await decoder.decode(video)).toBe('from jsQR');
    expect(e.grabFrame).toHaveBeenCalledWith(video);
    expect(e.frames.decode).toHaveBeenCalledWith(FRAME);
    decoder.close();
    expect(e.frames.close).toHaveBeenCalledTimes(1);
  });

  it('sends no frame to jsQR until the video has one, and treats a failing frame grab as no code', async () => {
    const e = env();
    const decoder = await pickQrDecoder(e.env);
    e.grabFrame.mockReturnValueOnce(undefined);
    expect(await decoder.decode(video)).toBeUndefined();
    e.grabFrame.mockImplementationOnce(() => {
      throw new DOMException('tainted', 'SecurityError');
    });
    expect(await decoder.decode(video)).toBeUndefined();
    expect(e.frames.decode).not.toHaveBeenCalled();
  });

  it("lets a dead jsQR worker's 'decoder-failed' through to the scanner", async () => {
    const e = env();
    const decoder = await pickQrDecoder(e.env);
    e.frames.decode.mockRejectedValueOnce(new QrScannerError('decoder-failed'));
    const err = await decoder.decode(video).catch((x: unknown) => x);
    expect(isQrScannerError(err) && err.code).toBe('decoder-failed');
  });

  it("rejects with a typed 'decoder-failed' when jsQR cannot be started", async () => {
    const offline = env({ startJsQr: () => Promise.reject(new TypeError('Failed to fetch worker script')) });
    const err = await pickQrDecoder(offline.env).catch((e: unknown) => e);
    expect(isQrScannerError(err) && err.code).toBe('decoder-failed');
    expect((err as Error).cause).toBeInstanceOf(TypeError);
    const typed = new QrScannerError('decoder-failed');
    const err2 = await pickQrDecoder(env({ startJsQr: () => Promise.reject(typed) }).env).catch((e: unknown) => e);
    expect(err2).toBe(typed);
  });
});
