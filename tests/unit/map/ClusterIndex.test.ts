/**
 * The cluster index (issue 15): points close together on screen merge into
 * one cluster with the right count at low zoom and split as the map zooms
 * in; a tap on a big cluster zooms in to where it splits, and a cluster that
 * never splits (points on one spot), or a small one, lists its points for
 * the chooser. Counts by state drive the cluster's look.
 */
import { describe, expect, it } from 'vitest';
import {
  CHOOSER_MAX,
  CLUSTER_MAX_ZOOM,
  ClusterIndex,
  type ClusterItem,
  type ClusterPoint,
} from '../../../src/map/ClusterIndex';
import { clusterStyle } from '../../../src/map/clusterStyle';
import { markerStyle } from '../../../src/map/markerStyle';

const WORLD = [-180, -85, 180, 85] as const;
const items = (index: ClusterIndex, zoom: number) => index.itemsIn(...WORLD, zoom);
const clusters = (list: ClusterItem[]) => list.filter((i) => i.kind === 'cluster');
const total = (list: ClusterItem[]) => list.reduce((n, i) => n + (i.kind === 'cluster' ? i.count : 1), 0);

/** `n` points on a grid of `step` degrees around (lat, lon), keys prefixed. */
function grid(
  prefix: string,
  n: number,
  lat: number,
  lon: number,
  step: number,
  state: ClusterPoint['state'] = 'active',
) {
  const side = Math.ceil(Math.sqrt(n));
  return Array.from({ length: n }, (_, i) => ({
    key: `${prefix}${i}`,
    lat: lat + Math.floor(i / side) * step,
    lon: lon + (i % side) * step,
    state,
  }));
}

describe('ClusterIndex', () => {
  it('merges a district into one cluster with its count at low zoom and shows every point at high zoom', () => {
    const city = grid('a', 400, 53.9, 27.5, 0.001);
    const index = new ClusterIndex(city);
    expect(index.size).toBe(400);
    const far = items(index, 8);
    expect(far).toHaveLength(1);
    expect(far[0]).toMatchObject({ kind: 'cluster', count: 400 });
    // Every zoom accounts for every point exactly once.
    for (const z of [8, 12, 14, 16, CLUSTER_MAX_ZOOM, 19]) expect(total(items(index, z))).toBe(400);
    // 0.001° is ~38 px at zoom 15 and ~150 px at 17: no two points are within 32 px, so no clusters.
    expect(clusters(items(index, 17))).toHaveLength(0);
    expect(items(index, 17)).toHaveLength(400);
    // Zooming in never merges more: the number of markers grows.
    expect(items(index, 12).length).toBeGreaterThan(far.length);
  });

  it('counts states in a cluster (active, upcoming, the rest over)', () => {
    const index = new ClusterIndex([
      ...grid('a', 3, 53.9, 27.5, 0.0001, 'active'),
      ...grid('u', 4, 53.9, 27.5, 0.0001, 'upcoming'),
      ...grid('e', 5, 53.9, 27.5, 0.0001, 'ended'),
    ]);
    const [only] = items(index, 10);
    expect(only).toMatchObject({ kind: 'cluster', count: 12, states: { active: 3, upcoming: 4 } });
  });

  it('queries only the view', () => {
    const index = new ClusterIndex([...grid('minsk', 10, 53.9, 27.5, 0.01), ...grid('kyiv', 10, 50.45, 30.52, 0.01)]);
    const view = index.itemsIn(27, 53.5, 28, 54.3, 16);
    expect(view).toHaveLength(10);
    expect(view.every((i) => i.kind === 'point' && i.key.startsWith('minsk'))).toBe(true);
  });

  it('a tap on a big cluster zooms in to where it splits', () => {
    const index = new ClusterIndex(grid('a', 100, 53.9, 27.5, 0.001));
    const [big] = items(index, 10);
    if (big?.kind !== 'cluster') throw new Error('expected one cluster');
    const tap = index.tap(big.id, big.count, 19);
    expect(tap.kind).toBe('zoom');
    if (tap.kind !== 'zoom') return;
    expect(tap.zoom).toBeGreaterThan(10);
    // At that zoom it is no longer one cluster of 100.
    expect(items(index, tap.zoom).length).toBeGreaterThan(1);
  });

  it('points on one spot stay one cluster up to the last clustered zoom, and a tap lists them all', () => {
    const spot = Array.from({ length: 30 }, (_, i) => ({
      key: `s${i}`,
      lat: 53.9,
      lon: 27.5,
      state: 'active' as const,
    }));
    const index = new ClusterIndex([...spot, { key: 'lone', lat: 53.95, lon: 27.6, state: 'upcoming' }]);
    const last = clusters(items(index, CLUSTER_MAX_ZOOM));
    expect(last).toHaveLength(1);
    const [c] = last;
    if (c?.kind !== 'cluster') throw new Error('expected a cluster');
    expect(c.count).toBe(30);
    // Beyond the last clustered zoom every point is drawn alone (a stack: the tap's hit test lists it).
    expect(clusters(items(index, CLUSTER_MAX_ZOOM + 1))).toHaveLength(0);
    const tap = index.tap(c.id, c.count, 19);
    expect(tap.kind).toBe('choose');
    if (tap.kind !== 'choose') return;
    expect([...tap.keys].sort()).toEqual(spot.map((s) => s.key).sort());
    // From far the lone point joins them: that cluster zooms in, to where the stack alone remains and opens the chooser.
    const [far] = clusters(items(index, 5));
    if (far?.kind !== 'cluster') throw new Error('expected a cluster');
    expect(far.count).toBe(31);
    const zoomIn = index.tap(far.id, far.count, 19);
    if (zoomIn.kind !== 'zoom') throw new Error('expected a zoom');
    const [stack] = clusters(items(index, zoomIn.zoom));
    if (stack?.kind !== 'cluster') throw new Error('expected a cluster');
    expect(stack.count).toBe(30);
    expect(index.tap(stack.id, stack.count, 19).kind).toBe('choose');
  });

  it('a small cluster opens the chooser at once; the map’s own zoom limit also ends zooming', () => {
    const index = new ClusterIndex(grid('a', CHOOSER_MAX, 53.9, 27.5, 0.0005));
    const [few] = clusters(items(index, 10));
    if (few?.kind !== 'cluster') throw new Error('expected a cluster');
    expect(few.count).toBe(CHOOSER_MAX);
    const tap = index.tap(few.id, few.count, 19);
    expect(tap).toEqual({ kind: 'choose', keys: expect.arrayContaining(['a0', `a${CHOOSER_MAX - 1}`]) });
    const many = new ClusterIndex(grid('b', 50, 53.9, 27.5, 0.0005));
    const [c] = clusters(items(many, 10));
    if (c?.kind !== 'cluster') throw new Error('expected a cluster');
    expect(many.tap(c.id, c.count, 19).kind).toBe('zoom');
    // A map that cannot zoom in any further: list them.
    const limited = many.tap(c.id, c.count, 10);
    expect(limited.kind).toBe('choose');
    if (limited.kind === 'choose') expect(limited.keys).toHaveLength(50);
  });

  it('an empty index has no items, and an index is rebuilt, not mutated', () => {
    expect(items(new ClusterIndex([]), 12)).toEqual([]);
    const points = grid('a', 5, 53.9, 27.5, 0.0001);
    const before = new ClusterIndex(points);
    points.push({ key: 'late', lat: 53.9, lon: 27.5, state: 'active' });
    expect(total(items(before, 12))).toBe(5);
    expect(total(items(new ClusterIndex(points), 12))).toBe(6);
  });
});

describe('clusterStyle', () => {
  it('takes the liveliest state’s fill, grows with its count and outlines thicker than any point', () => {
    expect(clusterStyle(5, { active: 1, upcoming: 4 }).fillColor).toBe(markerStyle('active', false).fillColor);
    expect(clusterStyle(5, { active: 0, upcoming: 2 }).fillColor).toBe(markerStyle('upcoming', false).fillColor);
    expect(clusterStyle(5, { active: 0, upcoming: 0 }).fillColor).toBe(markerStyle('ended', false).fillColor);
    const small = clusterStyle(2, { active: 2, upcoming: 0 });
    const big = clusterStyle(5000, { active: 2, upcoming: 0 });
    expect(big.radius).toBeGreaterThan(small.radius);
    expect(small.radius).toBeGreaterThanOrEqual(markerStyle('active', true).radius);
    for (const s of ['upcoming', 'active', 'ended', 'dispersed', 'cancelled'] as const)
      expect(small.weight).toBeGreaterThan(markerStyle(s, false).weight);
  });
});
