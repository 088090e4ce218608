/**
 * When a stored record stops being useful and is deleted from the device.
 * A point is never shown after its end + linger (a disperse or cancel only
 * hides it earlier), so it can go then. Disperse/cancel records go at created
 * + retention: they must outlive the point they end (which ends at most
 * start-ahead + max-duration after creation, less than retention), and
 * receivers refuse anything older than retention anyway.
 */
import { LIMITS, type VerifiedRecord } from '../domain';

export function expiresAt(record: VerifiedRecord): number {
  const hardLimit = record.created + LIMITS.retentionMs;
  if (record.kind === 'point') return Math.min(record.payload.end + LIMITS.lingerMs, hardLimit);
  return hardLimit;
}
