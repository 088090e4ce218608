/**
 * How a cluster looks: pure (no Leaflet) so it is unit tested. It takes the
 * colours of the point states (markerStyle.ts) so a cluster of live points
 * reads like one, adds a thick outline no single point has (a cluster is
 * never mistaken for a point by colour alone), and grows with its count.
 */
import type { ClusterStates } from './ClusterIndex';
import { markerStyle } from './markerStyle';

export interface ClusterStyle {
  readonly radius: number;
  readonly color: string;
  readonly fillColor: string;
  readonly fillOpacity: number;
  readonly weight: number;
  /** The count's colour, readable on the fill. */
  readonly textColor: string;
}

/** The look of a cluster of `count` points, by its liveliest state. */
export function clusterStyle(count: number, states: ClusterStates): ClusterStyle {
  const state = states.active > 0 ? 'active' : states.upcoming > 0 ? 'upcoming' : 'ended';
  const base = markerStyle(state, false);
  // 18 px for a pair, up to 30 px for thousands: bigger than any single point (≤ 18).
  const radius = Math.min(30, 18 + Math.round(Math.log10(Math.max(2, count)) * 4));
  return {
    radius,
    color: state === 'upcoming' ? base.color : '#202124',
    fillColor: base.fillColor,
    fillOpacity: 1,
    weight: 4,
    textColor: base.glyphColor,
  };
}
