/**
 * Graph namespace of protocol v1: one node per (circle, creation hour),
 * `vada/1/<circleId>/<hourBucket>`, whose keys are record ids and whose values
 * are wire envelopes (strings). Nothing else is ever written. Part of the
 * wire format, so it lives here: the client's GUN adapter writes and reads
 * these souls, and the relay's ingress filter refuses every other one.
 */
import { asCircleId, type CircleId } from '../domain/brand';

/** Every soul of protocol v1 starts with this. */
export const SOUL_PREFIX = 'vada/1/';

/** The soul of the node that holds a circle's records of one creation hour. */
export function soulOf(circle: CircleId, bucket: number): string {
  return `${SOUL_PREFIX}${circle}/${bucket}`;
}

// No leading zeros: one bucket, one spelling (a record must not sit in two nodes).
const SOUL = /^vada\/1\/([A-Za-z0-9_-]{22})\/(0|[1-9]\d{0,8})$/;

/** Parses a soul from the graph; undefined for anything outside the namespace. */
export function parseSoul(soul: unknown): { circle: CircleId; bucket: number } | undefined {
  if (typeof soul !== 'string') return undefined;
  const m = SOUL.exec(soul);
  const circle = m && asCircleId(m[1]);
  if (!m || !circle) return undefined;
  return { circle, bucket: Number(m[2]) };
}
