/**
 * Which markers a tap landed on. Leaflet's canvas renderer hands a tap to the
 * topmost marker only, so ten points on one spot opened one of them and hid
 * the other nine (issue 11). This answers "everything under the finger" from
 * screen pixels alone, with the same hit rule Leaflet uses, so it is a pure
 * function unit tested without a map.
 */

/** A marker as the hit test sees it: its centre on screen and how far from it a tap still counts. */
export interface HitTarget<K> {
  readonly key: K;
  /** Centre, in container pixels. */
  readonly x: number;
  readonly y: number;
  /** Pixels from the centre within which a tap hits it (see markerReach). */
  readonly reach: number;
}

/**
 * Leaflet's hit rule for a canvas circle marker (CircleMarker._containsPoint):
 * its radius, plus half its outline, plus the renderer's click tolerance.
 * With tolerance 0 this is the disc as drawn.
 */
export function markerReach(radius: number, weight: number, tolerance: number): number {
  return radius + weight / 2 + tolerance;
}

/**
 * Keys of every target whose reach covers the tap at (x, y), nearest first.
 * Equally near targets (e.g. the same coordinates) come topmost first: pass
 * targets in drawing order, so the one drawn last, which a plain tap would
 * have opened, leads.
 */
export function hitsAt<K>(targets: Iterable<HitTarget<K>>, x: number, y: number): K[] {
  const hits: { key: K; d: number; order: number }[] = [];
  let order = 0;
  for (const t of targets) {
    const d = Math.hypot(t.x - x, t.y - y);
    if (d <= t.reach) hits.push({ key: t.key, d, order });
    order++;
  }
  return hits.sort((a, b) => a.d - b.d || b.order - a.order).map((h) => h.key);
}
