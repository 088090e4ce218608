/**
 * Why the QR scanner could not start (or stopped): a small closed set of codes
 * the UI turns into translated words, so no browser error text (English, and
 * different in every browser) ever reaches the user. Pure, so it lives here:
 * src/platform's scanner throws these, and src/ui reads their codes without
 * importing platform code.
 */

/** Every way starting or running the scanner can fail. */
export type QrScannerErrorCode =
  /** The page is not a secure context (plain http on a LAN address): browsers hide the camera. */
  | 'insecure-context'
  /** No camera, or no camera API in this browser. */
  | 'no-camera'
  /** The user or the browser's settings refused the camera. */
  | 'permission-denied'
  /** A camera exists but could not be started or stopped delivering (in use by another app, unplugged). */
  | 'camera-failed'
  /** Neither the built-in barcode detector nor the JS decoder could be loaded (e.g. offline before it was cached). */
  | 'decoder-failed';

/** A typed scanner failure; `cause` keeps the browser's own error for logs. */
export class QrScannerError extends Error {
  override readonly name = 'QrScannerError';
  constructor(
    readonly code: QrScannerErrorCode,
    options?: { cause?: unknown },
  ) {
    super(`QR scanner: ${code}`, options);
  }
}

/** True for a QrScannerError, also one made in another realm (tests, iframes). */
export function isQrScannerError(e: unknown): e is QrScannerError {
  return e instanceof QrScannerError || (e instanceof Error && e.name === 'QrScannerError' && 'code' in e);
}
