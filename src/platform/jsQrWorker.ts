/**
 * The page side of the QR decode worker (src/workers/qrDecode.worker.ts):
 * starts it, waits until it says jsQR is loaded, then sends it one frame at a
 * time (the pixels are transferred, not copied) and hands back its answer.
 * A worker that cannot be loaded, does not start in time or dies becomes a
 * typed 'decoder-failed'; every pending decode settles.
 */
import type { QrDecodeReply, QrDecodeRequest } from '../workers/qrDecodeMessages';
import { QrScannerError } from '../domain/qrScannerError';
import type { Frame } from './videoFrame';

/** The slice of the Worker API used here (tests pass a fake). */
export interface QrWorkerLike {
  onmessage: ((e: { data: unknown }) => void) | null;
  onerror: ((e: unknown) => void) | null;
  postMessage(message: QrDecodeRequest, transfer: Transferable[]): void;
  terminate(): void;
}

/** Decodes frames off the main thread. */
export interface FrameDecoder {
  /** The code's text, or undefined; rejects with QrScannerError 'decoder-failed' once the worker died. */
  decode(frame: Frame): Promise<string | undefined>;
  /** Ends the worker; a pending decode resolves undefined. */
  close(): void;
}

/** How long loading the worker and jsQR may take (a slow phone on a cold cache). */
export const WORKER_READY_MS = 15_000;

/** The pixels as a buffer of their own, which can be transferred. */
function ownBuffer(data: Uint8ClampedArray): ArrayBuffer {
  const whole =
    data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer;
  return whole ? (data.buffer as ArrayBuffer) : data.slice().buffer;
}

/** Starts a worker made by `spawn`; resolves once it is ready to decode. */
export function startJsQrWorker(spawn: () => QrWorkerLike, readyMs = WORKER_READY_MS): Promise<FrameDecoder> {
  return new Promise((resolve, reject) => {
    let worker: QrWorkerLike;
    try {
      worker = spawn();
    } catch (e) {
      reject(new QrScannerError('decoder-failed', { cause: e }));
      return;
    }
    let ready = false;
    let dead = false;
    let nextId = 1;
    let pending: { id: number; resolve: (t: string | undefined) => void; reject: (e: unknown) => void } | undefined;

    const end = () => {
      dead = true;
      clearTimeout(timer);
      worker.onmessage = null;
      worker.onerror = null;
      worker.terminate();
    };
    const fail = (cause: unknown) => {
      if (dead) return;
      end();
      const error = new QrScannerError('decoder-failed', { cause });
      if (!ready) reject(error);
      pending?.reject(error);
      pending = undefined;
    };
    const timer = setTimeout(() => fail(new Error(`QR decode worker not ready after ${readyMs} ms`)), readyMs);

    const decoder: FrameDecoder = {
      decode(frame) {
        if (dead) return Promise.reject(new QrScannerError('decoder-failed'));
        // The frame loop never overlaps decodes; a second caller simply gets no answer.
        if (pending) return Promise.resolve(undefined);
        const id = nextId++;
        return new Promise((res, rej) => {
          pending = { id, resolve: res, reject: rej };
          const pixels = ownBuffer(frame.data);
          worker.postMessage({ id, width: frame.width, height: frame.height, pixels }, [pixels]);
        });
      },
      close() {
        if (dead) return;
        end();
        pending?.resolve(undefined);
        pending = undefined;
      },
    };

    worker.onerror = (e) => fail(e);
    worker.onmessage = ({ data }) => {
      const reply = data as QrDecodeReply;
      if (reply.type === 'ready' && !ready) {
        ready = true;
        clearTimeout(timer);
        resolve(decoder);
      } else if (reply.type === 'result' && pending?.id === reply.id) {
        const p = pending;
        pending = undefined;
        p.resolve(reply.text ?? undefined);
      }
    };
  });
}
