/**
 * "350 m NE": the way from the user's shared position to a place, as text
 * plus a bearing for a rotated arrow (the bearing math is the domain's).
 */
import { bearingDegrees, distanceMeters, type LatLon } from '../../domain';
import { formatDistance, t, type MessageKey } from '../../i18n';

const POINTS = [
  'direction.N',
  'direction.NE',
  'direction.E',
  'direction.SE',
  'direction.S',
  'direction.SW',
  'direction.W',
  'direction.NW',
] as const satisfies readonly MessageKey[];

/** The 8-point compass word for a bearing, in the active language. */
export function compassText(degrees: number): string {
  const i = Math.round((((degrees % 360) + 360) % 360) / 45) % 8;
  return t(POINTS[i] ?? 'direction.N');
}

/** "350 m NE" for a distance and bearing. */
export function wayText(meters: number, degrees: number): string {
  return t('alert.way', { distance: formatDistance(meters), direction: compassText(degrees) });
}

/** Distance and bearing between two places. */
export function wayBetween(from: LatLon, to: LatLon): { meters: number; degrees: number } {
  return { meters: distanceMeters(from, to), degrees: bearingDegrees(from, to) };
}
