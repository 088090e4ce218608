/**
 * Test page script (built only by tests/e2e/qrScanner.test.ts into a temp
 * folder, next to the real app): runs the scanner platform module exactly as
 * the UI loads it (startQrScannerLazily), without the UI, and records what it
 * decoded, how long each frame took and the main thread's long tasks, for the
 * test to read.
 */
import { startQrScannerLazily } from '../../../src/platform/loadQrScanner';
import type { QrScannerHandle } from '../../../src/platform/qrScanner';
import { isQrScannerError } from '../../../src/domain/qrScannerError';

export interface QrProbeState {
  readonly secure: boolean;
  readonly barcodeDetector: boolean;
  decoder?: string;
  error?: string;
  /** Each reported text with the time it was reported (performance.now()). */
  readonly texts: Array<{ text: string; at: number }>;
  /** Each decoded frame: when the decode started and how long it took. */
  readonly frames: Array<{ start: number; decodeMs: number; found: boolean }>;
  /** Durations of main-thread tasks over 50 ms since the page loaded. */
  readonly longTasks: number[];
}

export interface QrProbe {
  readonly state: QrProbeState;
  /** Starts the scanner; resolves once it runs or failed (then `state.error` says why). */
  start(): Promise<void>;
  stop(): void;
  /** Camera tracks of the stream the scanner opened that are still live. */
  liveTracks(): number;
}

const state: QrProbeState = {
  secure: window.isSecureContext,
  barcodeDetector: 'BarcodeDetector' in window,
  texts: [],
  frames: [],
  longTasks: [],
};
let handle: QrScannerHandle | undefined;
let stream: MediaStream | undefined;

try {
  new PerformanceObserver((list) => list.getEntries().forEach((e) => state.longTasks.push(e.duration))).observe({
    type: 'longtask',
    buffered: true,
  });
} catch {
  // No Long Tasks API: nothing to record.
}

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
      stream = video.srcObject as MediaStream;
    } catch (e) {
      state.error = isQrScannerError(e) ? e.code : String(e);
    }
  },
  stop: () => handle?.stop(),
  liveTracks: () => stream?.getTracks().filter((t) => t.readyState === 'live').length ?? 0,
};

(window as unknown as { qrProbe: QrProbe }).qrProbe = probe;
