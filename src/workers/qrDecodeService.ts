/**
 * What the QR decode worker does with each frame, apart from the worker
 * plumbing (so it is tested in Node with the real jsQR): run jsQR on the
 * pixels and answer with the text, or null when there is no readable code.
 */
import type { JsQr, QrDecodeReply, QrDecodeRequest } from './qrDecodeMessages';

/**
 * jsQR's default is to also try the inverted image (light code on dark
 * ground), which doubles the work on every frame without a code (measured:
 * 513 → 730 ms per 640×480 frame of sensor-like noise). Vada draws its codes
 * dark on light (InviteQr): don't.
 */
export const JSQR_OPTIONS = { inversionAttempts: 'dontInvert' } as const;

/** Returns the handler for one request; `post` sends the reply. */
export function makeQrDecodeService(jsQr: JsQr, post: (reply: QrDecodeReply) => void): (req: QrDecodeRequest) => void {
  return (req) => {
    let text: string | null = null;
    try {
      const pixels = new Uint8ClampedArray(req.pixels);
      if (pixels.length === req.width * req.height * 4) {
        const code = jsQr(pixels, req.width, req.height, JSQR_OPTIONS);
        text = code && code.data !== '' ? code.data : null;
      }
    } catch {
      // A frame jsQR chokes on is a frame without a code.
    }
    post({ type: 'result', id: req.id, text });
  };
}
