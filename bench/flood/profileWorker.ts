/**
 * Bench-only worker (bench/flood/): opens the given records with openEnvelope
 * inside a worker, three passes of Promise.all over all of them, and answers the
 * µs per record of each pass — so the page can tell the worker's own cost from
 * the cost of moving records to and from it.
 */
import type { CircleId } from '../../src/domain/brand';
import { fromB64url } from '../../src/protocol/base64url';
import { importCircle } from '../../src/protocol/circle';
import { openEnvelope } from '../../src/protocol/openEnvelope';

interface Scope {
  onmessage: ((e: MessageEvent<{ wires: string[]; circleId: string; circleKey: string; now: number }>) => void) | null;
  postMessage(m: number[]): void;
}
const scope = globalThis as unknown as Scope;
scope.onmessage = ({ data }) => void profile(data);

async function profile(data: { wires: string[]; circleId: string; circleKey: string; now: number }): Promise<void> {
  const circle = await importCircle(data.circleId as CircleId, fromB64url(data.circleKey));
  const passes: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await Promise.all(data.wires.map((w) => openEnvelope(w, circle, { now: data.now })));
    passes.push(((performance.now() - t0) * 1000) / data.wires.length);
  }
  scope.postMessage(passes);
}
