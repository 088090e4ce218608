/**
 * The QR decode worker's work, in Node with the real jsQR: frames drawn by
 * the fake-camera fixture decode to exactly the text encoded (alphanumeric
 * and UTF-8 byte mode), frames without a code or malformed requests answer
 * null, never an exception, and jsQR is asked not to try inverted images.
 */
import jsQRModule from 'jsqr';
import { describe, expect, it, vi } from 'vitest';
import type { JsQr, QrDecodeReply, QrDecodeRequest } from '../../../src/workers/qrDecodeMessages';
import { makeQrDecodeService } from '../../../src/workers/qrDecodeService';
import { qrCodeMatrix, qrLuma } from '../../fixtures/fakeCamera';

const jsQR = jsQRModule as unknown as JsQr;

/** A grey luma plane as the RGBA pixels a canvas would give. */
function request(id: number, luma: Uint8Array, width: number, height: number): QrDecodeRequest {
  const data = new Uint8ClampedArray(width * height * 4);
  luma.forEach((y, i) => data.set([y, y, y, 255], i * 4));
  return { id, width, height, pixels: data.buffer };
}

function service(decoder: JsQr = jsQR) {
  const replies: QrDecodeReply[] = [];
  return { handle: makeQrDecodeService(decoder, (r) => replies.push(r)), replies };
}

describe('makeQrDecodeService with the real jsQR', () => {
  it.each([
    ['alphanumeric', 'VADA:PART 1/3 $%*+-.'],
    ['byte, UTF-8', 'Вада — be water, 水になれ'],
    ['byte, a long signed-record-like text', 'v1.' + 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_'.repeat(10)],
  ])('decodes %s text exactly', (mode, text) => {
    expect(qrCodeMatrix(text).mode).toBe(mode.startsWith('alpha') ? 'Alphanumeric' : 'Byte');
    const s = service();
    s.handle(request(7, qrLuma(text, 640, 480), 640, 480));
    expect(s.replies).toEqual([{ type: 'result', id: 7, text }]);
  });

  it('answers null for a frame without a code', () => {
    const s = service();
    s.handle(request(1, new Uint8Array(320 * 240).fill(128), 320, 240));
    expect(s.replies).toEqual([{ type: 'result', id: 1, text: null }]);
  });

  it('answers null, without calling jsQR, when the pixels do not match the size', () => {
    const spy = vi.fn(jsQR);
    const s = service(spy);
    s.handle({ id: 2, width: 640, height: 480, pixels: new ArrayBuffer(16) });
    expect(s.replies).toEqual([{ type: 'result', id: 2, text: null }]);
    expect(spy).not.toHaveBeenCalled();
  });

  it('answers null when jsQR throws or finds an empty code, and asks it not to invert', () => {
    const throwing = vi.fn<JsQr>(() => {
      throw new RangeError('bad frame');
    });
    const s = service(throwing);
    s.handle(request(3, new Uint8Array(4), 2, 2));
    expect(throwing).toHaveBeenCalledWith(expect.any(Uint8ClampedArray), 2, 2, { inversionAttempts: 'dontInvert' });
    const empty = service(() => ({ data: '' }));
    empty.handle(request(4, new Uint8Array(4), 2, 2));
    expect([...s.replies, ...empty.replies]).toEqual([
      { type: 'result', id: 3, text: null },
      { type: 'result', id: 4, text: null },
    ]);
  });
});
