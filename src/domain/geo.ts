/** Pure geo math: no map library here. */
import { LIMITS } from './limits';

export interface LatLon {
  readonly lat: number;
  readonly lon: number;
}

const R = 6_371_008.8; // mean Earth radius, metres

/** Great-circle distance in metres (haversine). */
export function distanceMeters(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Initial great-circle bearing from `from` to `to`, in degrees clockwise from
 * true north, in [0, 360). The direction to start walking in; 0 for the same place.
 */
export function bearingDegrees(from: LatLon, to: LatLon): number {
  const rad = Math.PI / 180;
  const lat1 = from.lat * rad;
  const lat2 = to.lat * rad;
  const dLon = (to.lon - from.lon) * rad;
  const y = Math.sin(dLon) * Math.cos(lat2);
  const x = Math.cos(lat1) * Math.sin(lat2) - Math.sin(lat1) * Math.cos(lat2) * Math.cos(dLon);
  if (x === 0 && y === 0) return 0;
  const deg = Math.atan2(y, x) / rad;
  // atan2 gives (-180, 180]; -0 and tiny negatives map to 0 rather than 360.
  const norm = (deg + 360) % 360;
  return norm >= 360 - 1e-12 ? 0 : norm;
}

/** Street precision (~11 m): what is published, never raw GPS. */
export function roundCoord(x: number): number {
  const f = 10 ** LIMITS.coordDecimals;
  return Math.round(x * f) / f;
}

export function isValidLatLon(lat: unknown, lon: unknown): boolean {
  return (
    typeof lat === 'number' &&
    typeof lon === 'number' &&
    Number.isFinite(lat) &&
    Number.isFinite(lon) &&
    lat >= -90 &&
    lat <= 90 &&
    lon >= -180 &&
    lon <= 180
  );
}
