/**
 * The page side of the QR decode worker with a fake worker: ready handshake,
 * one frame at a time with its pixels transferred, answers matched by id, and
 * every way the worker can fail (cannot be made, errors before or after it is
 * ready, never answers) ending as a typed 'decoder-failed' with nothing left
 * pending.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startJsQrWorker, WORKER_READY_MS, type QrWorkerLike } from '../../../src/platform/jsQrWorker';
import { isQrScannerError } from '../../../src/domain/qrScannerError';
import type { Frame } from '../../../src/platform/videoFrame';
import type { QrDecodeReply, QrDecodeRequest } from '../../../src/workers/qrDecodeMessages';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function fakeWorker() {
  const posted: Array<{ message: QrDecodeRequest; transfer: Transferable[] }> = [];
  const worker = {
    onmessage: null as ((e: { data: unknown }) => void) | null,
    onerror: null as ((e: unknown) => void) | null,
    postMessage: vi.fn((message: QrDecodeRequest, transfer: Transferable[]) => void posted.push({ message, transfer })),
    terminate: vi.fn(),
  } satisfies QrWorkerLike;
  const reply = (r: QrDecodeReply) => worker.onmessage?.({ data: r });
  return { worker, posted, reply, error: (e: unknown) => worker.onerror?.(e) };
}

const frame = (): Frame => ({ data: new Uint8ClampedArray(2 * 2 * 4).fill(7), width: 2, height: 2 });

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (e) {
    return isQrScannerError(e) ? e.code : `untyped: ${String(e)}`;
  }
}

async function readyDecoder() {
  const w = fakeWorker();
  const starting = startJsQrWorker(() => w.worker);
  w.reply({ type: 'ready' });
  return { ...w, decoder: await starting };
}

describe('startJsQrWorker', () => {
  it('resolves once the worker says jsQR is loaded', async () => {
    const w = fakeWorker();
    let done = false;
    const starting = startJsQrWorker(() => w.worker).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(1000);
    expect(done).toBe(false);
    w.reply({ type: 'ready' });
    await starting;
    expect(done).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('sends one frame, transferring its pixels, and answers with the text (null → undefined)', async () => {
    const { decoder, posted, reply } = await readyDecoder();
    const f = frame();
    const first = decoder.decode(f);
    expect(posted).toHaveLength(1);
    expect(posted[0]?.message).toMatchObject({ id: 1, width: 2, height: 2 });
    expect(new Uint8ClampedArray(posted[0]?.message.pixels ?? new ArrayBuffer(0))).toEqual(
      new Uint8ClampedArray(16).fill(7),
    );
    expect(posted[0]?.transfer).toEqual([posted[0]?.message.pixels]);
    reply({ type: 'result', id: 1, text: 'VADA:1' });
    expect(await first).toBe('VADA:1');
    const second = decoder.decode(frame());
    reply({ type: 'result', id: 2, text: null });
    expect(await second).toBeUndefined();
  });

  it('copies pixels that share a larger buffer before transferring them', async () => {
    const { decoder, posted, reply } = await readyDecoder();
    const big = new Uint8ClampedArray(64).fill(1);
    const view = big.subarray(16, 32);
    const p = decoder.decode({ data: view, width: 2, height: 2 });
    expect(posted[0]?.message.pixels).not.toBe(big.buffer);
    expect(posted[0]?.message.pixels.byteLength).toBe(16);
    reply({ type: 'result', id: 1, text: null });
    await p;
  });

  it('ignores answers to other ids, and gives a second overlapping caller no answer', async () => {
    const { decoder, posted, reply } = await readyDecoder();
    let settled: string | undefined = 'pending';
    const first = decoder.decode(frame()).then((t) => (settled = t));
    expect(await decoder.decode(frame())).toBeUndefined();
    expect(posted).toHaveLength(1);
    reply({ type: 'result', id: 99, text: 'stale' });
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe('pending');
    reply({ type: 'result', id: 1, text: 'fresh' });
    await first;
    expect(settled).toBe('fresh');
  });

  it("is 'decoder-failed' when the worker cannot be made, errors while loading, or never gets ready", async () => {
    expect(
      await failure(
        startJsQrWorker(() => {
          throw new ReferenceError('Worker is not defined');
        }),
      ),
    ).toBe('decoder-failed');

    const broken = fakeWorker();
    const loading = startJsQrWorker(() => broken.worker);
    broken.error(new Event('error'));
    expect(await failure(loading)).toBe('decoder-failed');
    expect(broken.worker.terminate).toHaveBeenCalledTimes(1);

    const silent = fakeWorker();
    const waiting = failure(startJsQrWorker(() => silent.worker));
    await vi.advanceTimersByTimeAsync(WORKER_READY_MS);
    expect(await waiting).toBe('decoder-failed');
    expect(silent.worker.terminate).toHaveBeenCalledTimes(1);
  });

  it("rejects the pending and every later decode with 'decoder-failed' when the worker dies", async () => {
    const { decoder, error, worker } = await readyDecoder();
    const pending = failure(decoder.decode(frame()));
    error(new Event('error'));
    expect(await pending).toBe('decoder-failed');
    expect(await failure(decoder.decode(frame()))).toBe('decoder-failed');
    expect(worker.terminate).toHaveBeenCalledTimes(1);
  });

  it('close() ends the worker and settles a pending decode with no text', async () => {
    const { decoder, worker, reply } = await readyDecoder();
    const pending = decoder.decode(frame());
    decoder.close();
    decoder.close();
    expect(await pending).toBeUndefined();
    expect(worker.terminate).toHaveBeenCalledTimes(1);
    expect(worker.onmessage).toBeNull();
    reply({ type: 'result', id: 1, text: 'late' });
    expect(await failure(decoder.decode(frame()))).toBe('decoder-failed');
  });
});
