/** Great-circle distance, street-precision rounding and coordinate validity. */
import { describe, expect, it } from 'vitest';
import { bearingDegrees, distanceMeters, isValidLatLon, roundCoord } from '../../../src/domain/geo';

const PARIS = { lat: 48.8566, lon: 2.3522 };
const LONDON = { lat: 51.5074, lon: -0.1278 };

describe('distanceMeters', () => {
  it('is zero for the same place and symmetric', () => {
    expect(distanceMeters(PARIS, PARIS)).toBe(0);
    expect(distanceMeters(PARIS, LONDON)).toBe(distanceMeters(LONDON, PARIS));
  });
  it('matches known distances', () => {
    // Paris–London great circle: 343.5 km (published haversine figure).
    expect(distanceMeters(PARIS, LONDON) / 1000).toBeCloseTo(343.5, 0);
    // One degree of latitude on the mean sphere (R = 6371.0088 km) is 111.195 km.
    expect(distanceMeters({ lat: 0, lon: 0 }, { lat: 1, lon: 0 })).toBeCloseTo(111_195.08, 1);
    // A degree of longitude shrinks with cos(latitude): at 60° it is half.
    expect(distanceMeters({ lat: 60, lon: 0 }, { lat: 60, lon: 1 }) / 111_195.08).toBeCloseTo(0.5, 3);
  });
  it('handles antipodes and the antimeridian', () => {
    expect(distanceMeters({ lat: 0, lon: 0 }, { lat: 0, lon: 180 })).toBeCloseTo(Math.PI * 6_371_008.8, 3);
    expect(distanceMeters({ lat: 90, lon: 0 }, { lat: -90, lon: 0 })).toBeCloseTo(Math.PI * 6_371_008.8, 3);
    expect(distanceMeters({ lat: 0, lon: 179.9 }, { lat: 0, lon: -179.9 })).toBeCloseTo(22_239.02, 1);
  });
});

describe('roundCoord', () => {
  it.each([
    [53.901234, 53.9012],
    [27.56789, 27.5679],
    [-122.41941, -122.4194],
    [180, 180],
    [-89.99999, -90],
    [1.00005001, 1.0001],
  ])('rounds %s to %s (4 decimals, ~11 m)', (x, y) => expect(roundCoord(x)).toBe(y));
});

describe('isValidLatLon', () => {
  it.each([
    [0, 0, true],
    [90, 180, true],
    [-90, -180, true],
    [90.0001, 0, false],
    [0, -180.0001, false],
    [NaN, 0, false],
    [0, Infinity, false],
    ['1', 0, false],
    [0, null, false],
    [undefined, undefined, false],
  ])('(%s, %s) → %s', (lat, lon, ok) => expect(isValidLatLon(lat, lon)).toBe(ok));
});

describe('bearingDegrees', () => {
  it('points along the cardinal directions', () => {
    const o = { lat: 0, lon: 0 };
    expect(bearingDegrees(o, { lat: 1, lon: 0 })).toBeCloseTo(0, 9);
    expect(bearingDegrees(o, { lat: 0, lon: 1 })).toBeCloseTo(90, 9);
    expect(bearingDegrees(o, { lat: -1, lon: 0 })).toBeCloseTo(180, 9);
    expect(bearingDegrees(o, { lat: 0, lon: -1 })).toBeCloseTo(270, 9);
  });
  it('is 0 for the same place and always within [0, 360)', () => {
    expect(bearingDegrees(PARIS, PARIS)).toBe(0);
    for (const to of [LONDON, { lat: 48.8566, lon: 2.35 }, { lat: 48.85, lon: 2.3522 }, { lat: -33.87, lon: 151.21 }]) {
      const b = bearingDegrees(PARIS, to);
      expect(b).toBeGreaterThanOrEqual(0);
      expect(b).toBeLessThan(360);
    }
  });
  it('matches a known initial bearing (Paris → London ≈ 330.0°, not the rhumb line)', () => {
    // Initial great-circle bearing from the standard formula (Movable Type reference): 330°02′ ≈ 330.04°.
    expect(bearingDegrees(PARIS, LONDON)).toBeCloseTo(330.04, 1);
    // Going east along a parallel, the great circle starts slightly poleward of due east.
    expect(bearingDegrees({ lat: 60, lon: 0 }, { lat: 60, lon: 10 })).toBeLessThan(90);
  });
});
