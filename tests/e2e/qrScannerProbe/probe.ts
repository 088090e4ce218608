/**
 * Test page script (built only by tests/e2e/qrScanner.test.ts into a temp
 * folder, next to the real app): runs the scanner platform module exactly as
 * the UI loads it (startQrScannerLazily), without the UI, and records what it
 * decoded and how long each frame took, for the test to read.
 */
import { startQrScannerLazily } from '../../../src/platform/loadQrScanner';
import type { QrScannerHandle } from '../../../src/platform/qrScanner';
import { isQrScannerError } from '../../../src/platform/qrScannerError';

export interface QrProbeState {
  readonly secure: boolean;
  readonly barcodeDetector: boolean;
  decoder?: string;
  error?: string;
  /** Each reported text with the time it was reported (performance.now()). */
  readonly texts: Array<{ text: string; at: number }>;
  /** Each decoded frame: when the decode started and how long it took. */
  readonly frames: Array<{ start: number; decodeMs: number; found: boolean }>;
}

export interface QrProbe {
  readonly state: QrProbeState;
  /** Starts the scanner; resolves once it runs or failed (then `state.error` says why). */
  start(): Promise<void>;
  stop(): void;
}

const state: QrProbeState = {
  secure: window.isSecureContext,
  barcodeDetector: 'BarcodeDetector' in window,
  texts: [],
  frames: [],
};
let handle: QrScannerHandle | undefined;

const probe: QrProbe = {
  state,
  async start() {
    const video = document.getElementById('camera') as HTMLVideoElement;
    try {
      handle = await startQrScannerLazily(video, (text) => state.texts.push({ text, at: performance.now() }), {
        onFrame: ({ decodeMs, text }) =>
          state.frames.push({ start: performance.now() - decodeMs, decodeMs, found: text !== undefined }),
        onFailure: (e) => (state.error = e.code),
      });
      state.decoder = handle.decoder;
    } catch (e) {
      state.error = isQrScannerError(e) ? e.code : String(e);
    }
  },
  stop: () => handle?.stop(),
};

(window as unknown as { qrProbe: QrProbe }).qrProbe = probe;
