/**
 * openEnvelope for code in the first load that verifies on this thread only
 * as a fallback (no Worker, a dead worker's batches) or by default (tests):
 * the same function, loaded on its first call. The in-page verification
 * stack (payload schemas and valibot, signature, id and work checks) is then
 * its own chunk instead of first-load weight, since the page verifies in the
 * verify worker (docs/decisions/code-splitting.md). A chunk that cannot load
 * rejects the call: no record is used unverified, and every caller already
 * treats a verifier that throws as a refusal.
 */
import type { VerifiedRecord } from '../domain/records';
import type { Result } from '../domain/result';
import { retryingImport } from '../domain/retryingImport';
import type { CircleKey } from './circle';
import type { InspectOptions } from './inspectEnvelope';

/** The module once loaded: a caller that must not wait (the verify pool's lone records) checks it. */
let loaded: typeof import('./openEnvelope') | undefined;
const load = retryingImport(() => import('./openEnvelope').then((m) => (loaded = m)));

/** openEnvelope(wire, circle, opts), once its module is here. */
export async function openEnvelopeOnDemand(
  wire: unknown,
  circle: CircleKey,
  opts: InspectOptions,
): Promise<Result<VerifiedRecord>> {
  return (await load()).openEnvelope(wire, circle, opts);
}

/** openEnvelope when its module is already here, else undefined (never waits). */
export function openEnvelopeIfLoaded(): typeof openEnvelopeOnDemand | undefined {
  return loaded?.openEnvelope;
}

/** Starts loading openEnvelope's module (a failure is tried again on the next call). */
export function loadOpenEnvelope(): void {
  load().catch(() => undefined);
}
