/**
 * Messages between the page and the QR decode worker (src/workers/qrDecode.worker.ts):
 * one frame at a time, its pixel buffer transferred (not copied) to the worker.
 */

/** jsQR's signature, as far as Vada uses it. */
export type JsQr = (
  data: Uint8ClampedArray,
  width: number,
  height: number,
  options?: { inversionAttempts?: 'dontInvert' | 'onlyInvert' | 'attemptBoth' | 'invertFirst' },
) => { readonly data: string } | null;

/** Page → worker: decode these RGBA pixels. */
export interface QrDecodeRequest {
  readonly id: number;
  readonly width: number;
  readonly height: number;
  readonly pixels: ArrayBuffer;
}

/** Worker → page: 'ready' once jsQR is loaded, then one 'result' per request (text null: no code). */
export type QrDecodeReply =
  { readonly type: 'ready' } | { readonly type: 'result'; readonly id: number; readonly text: string | null };
