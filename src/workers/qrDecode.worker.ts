/**
 * Entry of the QR decode Web Worker (created by src/platform/jsQrWorker.ts
 * only when the browser has no native QR detector): jsQR runs here, so a
 * frame that takes it long (a dark, noisy camera picture: ~0.5 s here, more on
 * a phone) never freezes the page, its Cancel button or the camera view.
 * This file and jsQR form one chunk of their own, precached by the service
 * worker and never part of the app's first load.
 */
import jsQR from 'jsqr';
import type { QrDecodeReply, QrDecodeRequest } from './qrDecodeMessages';
import { makeQrDecodeService } from './qrDecodeService';

/** The slice of DedicatedWorkerGlobalScope used here (the project compiles with the DOM lib). */
interface WorkerScope {
  onmessage: ((e: MessageEvent<QrDecodeRequest>) => void) | null;
  postMessage(reply: QrDecodeReply): void;
}

const scope = globalThis as unknown as WorkerScope;
const handle = makeQrDecodeService(jsQR, (reply) => scope.postMessage(reply));
scope.onmessage = (e) => handle(e.data);
scope.postMessage({ type: 'ready' });
