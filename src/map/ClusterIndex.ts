/**
 * Which markers to draw for a view: points close together on screen become
 * one cluster with a count (supercluster's spatial index), so 10,000 points
 * cost the map the few hundred markers in view, not 10,000 canvas layers
 * that Leaflet projects and redraws on every pan (issue 15). Pure (no
 * Leaflet): built once per change of the points, queried per view.
 */
import Supercluster, { type ClusterProperties } from 'supercluster';
import type { PointState } from '../domain';

/** One point as the index needs it: its marker key and place, and its state (clusters show the liveliest). */
export interface ClusterPoint {
  readonly key: string;
  readonly lat: number;
  readonly lon: number;
  readonly state: PointState;
}

/** How many of a cluster's points are active and upcoming (the rest are over). */
export interface ClusterStates {
  readonly active: number;
  readonly upcoming: number;
}

/** A marker to draw: one point, or a cluster of `count` points. */
export type ClusterItem =
  | { readonly kind: 'point'; readonly key: string }
  | {
      readonly kind: 'cluster';
      readonly id: number;
      readonly count: number;
      readonly lat: number;
      readonly lon: number;
      readonly states: ClusterStates;
    };

/** What a tap on a cluster does: zoom in to where it splits, or list its points in the chooser. */
export type ClusterTap =
  { readonly kind: 'zoom'; readonly zoom: number } | { readonly kind: 'choose'; readonly keys: string[] };

/** Pixels (at 256 px tiles) within which points merge: markers this close overlap (radius 10–18 + outline). */
export const CLUSTER_RADIUS_PX = 32;
/** The last zoom that clusters; from the next one up every point has its own marker (stacks open the chooser). */
export const CLUSTER_MAX_ZOOM = 18;
/** A cluster of at most this many points opens the chooser at once: a short list is quicker than zooming. */
export const CHOOSER_MAX = 8;

interface Props {
  key: string;
  active: number;
  upcoming: number;
}

/** The spatial index of a set of points; immutable (build a new one when the points change). */
export class ClusterIndex {
  private readonly index: Supercluster<Props, Props>;
  private readonly places = new Map<string, { lat: number; lon: number }>();

  constructor(points: readonly ClusterPoint[]) {
    this.index = new Supercluster<Props, Props>({
      radius: CLUSTER_RADIUS_PX,
      extent: 256,
      maxZoom: CLUSTER_MAX_ZOOM,
      map: (p) => ({ key: p.key, active: p.active, upcoming: p.upcoming }),
      reduce: (acc, p) => {
        acc.active += p.active;
        acc.upcoming += p.upcoming;
      },
    });
    for (const p of points) this.places.set(p.key, { lat: p.lat, lon: p.lon });
    this.index.load(
      points.map((p) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] },
        properties: { key: p.key, active: p.state === 'active' ? 1 : 0, upcoming: p.state === 'upcoming' ? 1 : 0 },
      })),
    );
  }

  /** Points indexed. */
  get size(): number {
    return this.places.size;
  }

  /** The markers for a view: bounds in degrees (west, south, east, north) at an integer `zoom`. */
  itemsIn(west: number, south: number, east: number, north: number, zoom: number): ClusterItem[] {
    const z = Math.max(0, Math.floor(zoom));
    // supercluster wants longitudes within ±180 and a box that does not wrap unless it spans the world.
    const span = east - west >= 360;
    const box: [number, number, number, number] = span
      ? [-180, Math.max(-85, south), 180, Math.min(85, north)]
      : [west, Math.max(-85, south), east, Math.min(85, north)];
    return this.index.getClusters(box, z).map((f) => {
      const pr = f.properties as Partial<ClusterProperties> & Props;
      if (pr.cluster === true && typeof pr.cluster_id === 'number') {
        const [lon, lat] = f.geometry.coordinates as [number, number];
        return {
          kind: 'cluster',
          id: pr.cluster_id,
          count: pr.point_count ?? 0,
          lat,
          lon,
          states: { active: pr.active, upcoming: pr.upcoming },
        };
      }
      return { kind: 'point', key: pr.key };
    });
  }

  /** Every point's key in a cluster. */
  leaves(id: number): string[] {
    return this.index.getLeaves(id, Infinity).map((f) => f.properties.key);
  }

  /** Where a point is, by key. */
  placeOf(key: string): { lat: number; lon: number } | undefined {
    return this.places.get(key);
  }

  /**
   * A tap on cluster `id`: a big cluster zooms in to where it splits; a small
   * one, or one that never splits within the clustered zooms (its points share
   * a spot), or any cluster when the map cannot zoom that far, opens the chooser.
   */
  tap(id: number, count: number, mapMaxZoom: number): ClusterTap {
    const zoom = this.index.getClusterExpansionZoom(id);
    if (count > CHOOSER_MAX && zoom <= CLUSTER_MAX_ZOOM && zoom <= mapMaxZoom) return { kind: 'zoom', zoom };
    return { kind: 'choose', keys: this.leaves(id) };
  }
}
