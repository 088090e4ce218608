/**
 * The one path from transport to subscriber, shared by every adapter: dedupe by
 * id, verify with openEnvelope (id, signature, time, bucket, decryption,
 * payload), then deliver. Only ids that verified are remembered, so a bad
 * value planted under an id cannot block the genuine one arriving later.
 */
import type { Clock } from '../domain/clock';
import type { Circle } from '../protocol/circle';
import { openEnvelope } from '../protocol/openEnvelope';
import type { Subscription } from './SyncAdapter';

export type Receive = (id: string, bucket: number | undefined, wire: unknown) => void;

export function makeReceiver(circle: Circle, sub: Subscription, clock: Clock, onVerified?: () => void): Receive {
  const delivered = new Set<string>();
  const pending = new Map<string, unknown>();
  return (id, bucket, wire) => {
    if (delivered.has(id) || pending.get(id) === wire) return;
    pending.set(id, wire);
    const opts = { now: clock.now(), expectedId: id, ...(bucket === undefined ? {} : { expectedBucket: bucket }) };
    void openEnvelope(wire, circle, opts).then((r) => {
      if (pending.get(id) === wire) pending.delete(id);
      if (!r.ok) {
        sub.onReject?.(r.error);
        return;
      }
      if (delivered.has(id)) return;
      delivered.add(id);
      onVerified?.();
      sub.onRecord(r.value, wire as string);
    });
  };
}
