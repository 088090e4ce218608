/**
 * When a stored record stops being useful and is deleted from the device.
 * A point is never shown after its end + linger (a disperse or cancel only
 * hides it earlier), so it can go then. Disperse/cancel records go at created
 * + retention: they must outlive the point they end (which ends at most
 * start-ahead + max-duration after creation, less than retention), and
 * receivers refuse anything older than retention anyway. Cautions and all
 * clears go when they stop counting (alertTtlMs).
 */
import { LIMITS, type VerifiedRecord } from '../domain';

export function expiresAt(record: VerifiedRecord): number {
  const hardLimit = record.created + LIMITS.retentionMs;
  if (record.kind === 'point') return Math.min(record.payload.end + LIMITS.lingerMs, hardLimit);
  // A caution or all clear stops counting after alertTtlMs, so it is deleted then; a dispersal may
  // have ended a point and must outlive it like the legacy disperse record.
  if (record.kind === 'alert' && record.payload.alert !== 'disperse') return record.created + LIMITS.alertTtlMs;
  return hardLimit;
}
