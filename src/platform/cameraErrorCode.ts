/**
 * The scanner failure code for a getUserMedia rejection. Its own module so it
 * travels in the lazily loaded scanner chunk, not in the app's first load
 * with the error type the UI needs.
 */
import type { QrScannerErrorCode } from '../domain/qrScannerError';

/**
 * The code for a getUserMedia rejection, from the DOMException name (the only
 * part browsers agree on). Chromium's older names are mapped too.
 */
export function cameraErrorCode(e: unknown): QrScannerErrorCode {
  const name = typeof e === 'object' && e !== null && 'name' in e ? String((e as { name: unknown }).name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'permission-denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
    case 'ConstraintNotSatisfiedError':
      return 'no-camera';
    default:
      // NotReadableError / TrackStartError (camera busy), AbortError, anything unknown.
      return 'camera-failed';
  }
}
