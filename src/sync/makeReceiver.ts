/**
 * The one path from transport to subscriber, shared by every adapter: dedupe by
 * id, verify (id, signature, time, bucket, decryption, payload), then deliver.
 * Only ids that verified are remembered, so a bad value planted under an id
 * cannot block the genuine one arriving later.
 *
 * Verification is injected: in-process openEnvelope by default (Node, tests),
 * a Web Worker in the browser (src/platform/verifyWorker.ts) so a flood of
 * valid records never blocks the UI. Each record is handed over on arrival; the
 * verifier may batch them (the worker client batches per microtask).
 */
import type { Clock } from '../domain/clock';
import type { VerifiedRecord } from '../domain/records';
import type { Result } from '../domain/result';
import type { Circle } from '../protocol/circle';
import type { InspectOptions } from '../protocol/inspectEnvelope';
import { openEnvelope } from '../protocol/openEnvelope';
import type { Subscription } from './SyncAdapter';

/** Turns untrusted wire text into a VerifiedRecord or a typed refusal; never throws for bad input. */
export type Verifier = (wire: unknown, circle: Circle, opts: InspectOptions) => Promise<Result<VerifiedRecord>>;

export type Receive = (id: string, bucket: number | undefined, wire: unknown) => void;

export function makeReceiver(
  circle: Circle,
  sub: Subscription,
  clock: Clock,
  onVerified?: () => void,
  verify: Verifier = openEnvelope,
): Receive {
  const delivered = new Set<string>();
  const pending = new Map<string, unknown>();
  return (id, bucket, wire) => {
    if (delivered.has(id) || pending.get(id) === wire) return;
    pending.set(id, wire);
    const opts = { now: clock.now(), expectedId: id, ...(bucket === undefined ? {} : { expectedBucket: bucket }) };
    const settle = (r: Result<VerifiedRecord>) => {
      if (pending.get(id) === wire) pending.delete(id);
      if (!r.ok) {
        sub.onReject?.(r.error);
        return;
      }
      if (delivered.has(id)) return;
      delivered.add(id);
      onVerified?.();
      sub.onRecord(r.value, wire as string);
    };
    // A verifier that fails (a worker that died and could not fall back) must not leave the id
    // pending forever: forget it so a later copy is verified again.
    verify(wire, circle, opts).then(settle, () => {
      if (pending.get(id) === wire) pending.delete(id);
    });
  };
}
