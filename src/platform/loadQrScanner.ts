/**
 * The scanner's entry point for the UI: loads src/platform/qrScanner.ts (and,
 * through it, the decoder) only when a scanner is opened, so the app's first
 * load stays as small as it was. A chunk that cannot be fetched (offline
 * before the service worker cached it) is a typed 'decoder-failed'.
 */
import { QrScannerError } from '../domain/qrScannerError';
import { retryingImport } from '../domain/retryingImport';
import type { QrScannerHandle, QrScannerOptions } from './qrScanner';

// After a failure the next scanner opened fetches it again under a fresh URL.
const importQrScanner = retryingImport(() => import('./qrScanner'));

/** startQrScanner's signature; the UI takes one as a prop so tests can pass a fake. */
export type StartQrScanner = (
  video: HTMLVideoElement,
  onText: (text: string) => void,
  options?: QrScannerOptions,
) => Promise<QrScannerHandle>;

/** startQrScanner, loaded on first use. */
export const startQrScannerLazily: StartQrScanner = async (video, onText, options) => {
  let mod: typeof import('./qrScanner');
  try {
    mod = await importQrScanner();
  } catch (e) {
    throw new QrScannerError('decoder-failed', { cause: e });
  }
  return mod.startQrScanner(video, onText, options);
};
