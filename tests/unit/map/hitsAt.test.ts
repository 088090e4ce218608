/**
 * Which markers a tap lands on (issue 11, stacked points): every marker whose
 * hit area covers the tap, not only the topmost; nearest first; and the hit
 * area is Leaflet's own (radius + half the outline + tolerance).
 */
import { describe, expect, it } from 'vitest';
import { hitsAt, markerReach, type HitTarget } from '../../../src/map/hitsAt';

/** An active marker (radius 15, outline 3) with the touch tolerance of 10 px: 26.5 px. */
const REACH = markerReach(15, 3, 10);
const at = (key: string, x: number, y: number, reach = REACH): HitTarget<string> => ({ key, x, y, reach });

describe('markerReach', () => {
  it('is the radius, half the outline and the tolerance, as Leaflet hit-tests canvas circles', () => {
    expect(REACH).toBe(26.5);
    expect(markerReach(10, 2, 10)).toBe(21);
    expect(markerReach(13, 3, 0)).toBe(14.5);
  });
});

describe('hitsAt', () => {
  it('finds every marker on the same spot, the one drawn last (the topmost) first', () => {
    const targets = [at('a', 100, 100), at('b', 100, 100), at('c', 100, 100)];
    expect(hitsAt(targets, 100, 100)).toEqual(['c', 'b', 'a']);
    expect(hitsAt(targets, 120, 110)).toEqual(['c', 'b', 'a']);
  });

  it('counts markers with other coordinates whose hit areas overlap under the tap, nearest first', () => {
    // 40 px apart: the areas (26.5 px each) overlap between them.
    const targets = [at('west', 100, 100), at('east', 140, 100)];
    expect(hitsAt(targets, 118, 100)).toEqual(['west', 'east']);
    expect(hitsAt(targets, 122, 100)).toEqual(['east', 'west']);
    // On one marker's centre the other is 40 px away: out of reach.
    expect(hitsAt(targets, 100, 100)).toEqual(['west']);
    expect(hitsAt(targets, 140, 100)).toEqual(['east']);
  });

  it('takes a tap exactly at the edge of the reach and not a pixel beyond', () => {
    const targets = [at('a', 0, 0)];
    expect(hitsAt(targets, 26.5, 0)).toEqual(['a']);
    expect(hitsAt(targets, 0, -26.5)).toEqual(['a']);
    expect(hitsAt(targets, 26.6, 0)).toEqual([]);
    expect(hitsAt(targets, 19, 19)).toEqual([]); // 26.9 px on the diagonal
  });

  it('uses each marker’s own reach: a small ended marker is hit less far out than an active one', () => {
    const targets = [at('ended', 0, 0, markerReach(10, 2, 10)), at('active', 50, 0)];
    expect(hitsAt(targets, 24, 0)).toEqual(['active']);
    expect(hitsAt(targets, 20, 0)).toEqual(['ended']);
  });

  it('finds nothing on empty map and accepts any iterable', () => {
    function* gen(): Generator<HitTarget<number>> {
      yield { key: 1, x: 10, y: 10, reach: 5 };
      yield { key: 2, x: 12, y: 10, reach: 5 };
    }
    expect(hitsAt(gen(), 200, 200)).toEqual([]);
    expect(hitsAt(gen(), 11, 10)).toEqual([2, 1]);
    expect(hitsAt([], 0, 0)).toEqual([]);
  });
});
