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
