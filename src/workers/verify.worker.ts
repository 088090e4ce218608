/**
 * Entry of the verify Web Worker (bundled by Vite from src/platform/verifyWorker.ts):
 * record verification and decryption run here so a flood of valid records
 * costs the page's main thread only the message hops, never the crypto.
 */
import type { VerifyReply, VerifyRequest } from './verifyMessages';
import { makeVerifyService } from './verifyService';

/** The slice of DedicatedWorkerGlobalScope used here (the project compiles with the DOM lib). */
interface WorkerScope {
  onmessage: ((e: MessageEvent<VerifyRequest>) => void) | null;
  postMessage(reply: VerifyReply): void;
}

const scope = globalThis as unknown as WorkerScope;
const handle = makeVerifyService((reply) => scope.postMessage(reply));
scope.onmessage = (e) => void handle(e.data);
