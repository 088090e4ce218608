/**
 * All gathering points as one Leaflet layer on a shared canvas renderer.
 * Points close together on screen are drawn as one cluster with a count
 * (ClusterIndex), and only the markers in and around the view exist as
 * Leaflet layers: with 10,000 points a pan redraws a few hundred markers,
 * not 10,000 (issue 15). setPoints() diffs by record id: a re-fold restyles
 * only markers on screen whose look changed, and the cluster index is
 * rebuilt only when points come, go, move or change state (coalesced, at
 * most every REBUILD_MS), never on a pan. The reappear target and fallback
 * places are never clustered, so their rings stay visible at every zoom.
 * Tooltips get DOM nodes with textContent: peer text never becomes HTML.
 * A tap reports every point under the finger (points stacked on one spot,
 * issue 11); a tap on a cluster zooms in to where it splits, or, for a few
 * points or points that never split, reports them all for the chooser.
 * While a place is being picked the markers stop taking taps and tooltips.
 */
import * as L from 'leaflet';
import type { LatLon, PointState, PointView } from '../domain';
import { ClusterIndex, type ClusterItem } from './ClusterIndex';
import { ClusterMarker } from './ClusterMarker';
import { hitsAt, markerReach, type HitTarget } from './hitsAt';
import { markerStyle, type MarkerStyle } from './markerStyle';
import { StateMarker } from './StateMarker';

export interface PointsLayerOptions {
  /** A tap hit markers: the ids of every point under it, nearest first (one or more, no repeats). */
  onSelect(ids: readonly string[]): void;
  /** Tooltip text for a point (e.g. its title and circle); default its title. */
  tipOf?(p: PointView): string;
}

/**
 * A marker the points ask for, shown or not. Its look and tooltip are worked
 * out only when it is on screen (lookOf, tipOf): with 10,000 points a fold
 * every second would otherwise style 10,000 markers to draw a few hundred.
 */
interface Want {
  readonly lat: number;
  readonly lon: number;
  /** The point (for its look and tooltip); for a fallback place, the dispersed point. */
  readonly point: PointView;
  /** Set for a fallback place: its label, the tooltip. */
  readonly fallback?: string;
  /** Ringed: the reappear target or a fallback place. */
  readonly ringed: boolean;
  /** The point a tap on this marker opens (a fallback place's marker opens its dispersed point). */
  readonly select: string;
  readonly state: PointState;
  /** Drawn on its own at every zoom (the reappear target, fallback places). */
  readonly alone: boolean;
}

interface Shown {
  marker: StateMarker;
  tip: HTMLElement;
  want: Want;
  /** The look and tooltip text drawn now. */
  look: MarkerStyle;
  text: string;
}

/** Touch tolerance of the canvas renderer, in px around each marker's outline. */
const TOLERANCE = 10;
/** Index rebuilds while points stream in: at most one per this many ms (a 10,000-point build is ~30 ms). */
const REBUILD_MS = 250;

export class PointsLayer extends L.Layer {
  private wants = new Map<string, Want>();
  private readonly shown = new Map<string, Shown>();
  private readonly clusters = new Map<string, ClusterMarker>();
  private readonly group = L.layerGroup();
  // Tolerance widens each marker's hit area to about a 48 px target on touch screens.
  private readonly renderer = L.canvas({ padding: 0.5, tolerance: TOLERANCE });
  private latest: readonly PointView[] = [];
  private highlight: string | undefined;
  private interactive = true;
  private index: ClusterIndex | undefined;
  private stale = false;
  private rebuildTimer: ReturnType<typeof setTimeout> | undefined;
  private lastRebuild = -Infinity;
  private readonly onMoveEnd = () => this.refresh();

  constructor(private readonly opts: PointsLayerOptions) {
    super();
  }

  override onAdd(map: L.Map): this {
    this.group.addTo(map);
    map.on('moveend', this.onMoveEnd);
    this.sync();
    return this;
  }

  override onRemove(map: L.Map): this {
    map.off('moveend', this.onMoveEnd);
    clearTimeout(this.rebuildTimer);
    this.rebuildTimer = undefined;
    for (const s of this.shown.values()) s.marker.off().unbindTooltip();
    for (const c of this.clusters.values()) c.off();
    this.shown.clear();
    this.clusters.clear();
    this.group.clearLayers();
    map.removeLayer(this.group);
    map.removeLayer(this.renderer);
    return this;
  }

  /** Shows exactly these points; `highlight` is the reappear target to ring. */
  setPoints(points: readonly PointView[], highlight?: string): void {
    this.latest = points;
    this.highlight = highlight;
    if (this._map) this.sync();
  }

  /** Off while a place is being picked: markers then take no taps and show no tooltips, the map gets the tap. */
  setInteractive(on: boolean): void {
    this.interactive = on;
    for (const s of this.shown.values()) s.marker.setInteractive(on);
    for (const c of this.clusters.values()) c.setInteractive(on);
  }

  /** Markers on the map now: single points and clusters (for tests and benches). */
  drawn(): { points: number; clusters: number } {
    return { points: this.shown.size, clusters: this.clusters.size };
  }

  /**
   * The position of the nearest point whose disc as drawn (no touch
   * tolerance) covers this container point, counting the points inside a
   * cluster tapped: a tap on a marker while picking picks that point's
   * place; a tap beside every marker picks the spot tapped.
   */
  markerAt(point: L.Point): LatLon | undefined {
    const key = hitsAt(this.targets(0, point), point.x, point.y)[0];
    const w = key === undefined ? undefined : this.wants.get(key);
    return w && { lat: w.lat, lon: w.lon };
  }

  /**
   * Every point as the hit test sees it, in drawing order, `tolerance` px
   * around its outline: the single markers, then the points of each cluster
   * whose disc covers `at` (at their own places, with their own size).
   */
  private *targets(tolerance: number, at: L.Point): Generator<HitTarget<string>> {
    const map = this._map;
    for (const [key, s] of this.shown) {
      const c = map.latLngToContainerPoint([s.want.lat, s.want.lon]);
      yield { key, x: c.x, y: c.y, reach: markerReach(s.look.radius, s.look.weight, tolerance) };
    }
    for (const cl of this.clusters.values()) {
      const c = map.latLngToContainerPoint(cl.getLatLng());
      if (c.distanceTo(at) > markerReach(cl.getRadius(), cl.options.weight ?? 0, tolerance)) continue;
      for (const key of this.index?.leaves(cl.clusterId) ?? []) {
        const w = this.wants.get(key);
        if (!w) continue;
        const p = map.latLngToContainerPoint([w.lat, w.lon]);
        // The finger is on the cluster: each of its points counts if it lies within the cluster's reach.
        yield { key, x: p.x, y: p.y, reach: markerReach(Math.max(lookOf(w).radius, cl.getRadius()), 0, tolerance) };
      }
    }
  }

  /** Point ids for marker keys, nearest `at` first, without repeats. */
  private selectOf(keys: readonly string[]): string[] {
    return [...new Set(keys.map((k) => this.wants.get(k)?.select))].filter((id): id is string => id !== undefined);
  }

  /** Leaflet gave a tap to `top`, the topmost marker under it (opening `select`): report every point under it. */
  private tapped(top: StateMarker, select: string, ev: L.LeafletMouseEvent): void {
    // The tap itself: Leaflet reports a small marker's centre as the event's containerPoint.
    const at = this._map.mouseEventToContainerPoint(ev.originalEvent);
    const ids = this.selectOf([...hitsAt(this.targets(TOLERANCE, at), at.x, at.y)]);
    if (!ids.includes(select)) ids.push(select);
    // Leaflet opened the top marker's tooltip on this tap: it names only one of several.
    if (ids.length > 1) top.closeTooltip();
    this.opts.onSelect(ids);
  }

  /** A tap on a cluster: zoom in to where it splits, or hand its points (nearest the tap first) to the chooser. */
  private clusterTapped(cl: ClusterMarker, ev: L.LeafletMouseEvent): void {
    const map = this._map;
    const index = this.index;
    if (!index) return;
    const tap = index.tap(cl.clusterId, cl.count, map.getMaxZoom());
    if (tap.kind === 'zoom') {
      map.setView(cl.getLatLng(), tap.zoom);
      return;
    }
    const at = map.mouseEventToContainerPoint(ev.originalEvent);
    const far = (key: string) => {
      const w = this.wants.get(key);
      return w ? map.latLngToContainerPoint([w.lat, w.lon]).distanceTo(at) : Infinity;
    };
    const keys = tap.keys.map((k) => ({ k, d: far(k) })).sort((a, b) => a.d - b.d);
    const ids = this.selectOf(keys.map((x) => x.k));
    if (ids.length > 0) this.opts.onSelect(ids);
  }

  /** Takes in the latest points: restyles what is on screen, rebuilds the index if the clustered set changed. */
  private sync(): void {
    // Runs for every batch of a sync: an unchanged point keeps its Want (no new object, no garbage per
    // batch), and whether the clustered set changed is found in the same pass.
    const next = new Map<string, Want>();
    let changed = false;
    // Ringed markers (the reappear target, fallback places) are drawn alone: `alone` is `ringed`.
    const put = (
      key: string,
      id: string,
      point: PointView,
      lat: number,
      lon: number,
      state: PointState,
      ringed: boolean,
      fallback?: string,
    ) => {
      const old = this.wants.get(key);
      if (!old || old.lat !== lat || old.lon !== lon || old.state !== state || old.alone !== ringed) changed = true;
      else if (old.ringed === ringed && old.point === point && old.fallback === fallback) {
        next.set(key, old);
        return;
      }
      const w: Want = { lat, lon, point, ringed, select: id, state, alone: ringed };
      next.set(key, fallback === undefined ? w : { ...w, fallback });
    };
    for (const p of this.latest) {
      const id = p.id;
      put(id, id, p, p.lat, p.lon, p.state, id === this.highlight || p.reappearFrom !== undefined);
      // A fallback place the organizer's dispersal opened: ringed like a reappear point; tapping it opens the dispersed point.
      const fb = p.reappearPlace;
      if (fb) put(`${id}#fallback`, id, p, fb.lat, fb.lon, 'active', true, fb.label);
    }
    if (next.size !== this.wants.size) changed = true;
    this.wants = next;
    for (const [key, s] of this.shown) {
      const w = next.get(key);
      if (!w || w.lat !== s.want.lat || w.lon !== s.want.lon) this.drop(key, s);
      else {
        // markerStyle makes a new object each fold: restyle (and redraw) only a marker whose look really changed.
        const look = lookOf(w);
        if (!sameLook(s.look, look)) {
          s.marker.restyle(look);
          s.look = look;
        }
        const text = this.tipOf(w);
        if (s.text !== text) s.tip.textContent = s.text = text;
        s.want = w;
      }
    }
    if (changed || !this.index) this.scheduleRebuild();
    else this.refresh();
  }

  /** Rebuilds the cluster index now, or once REBUILD_MS after the last build (points arriving in bursts). */
  private scheduleRebuild(): void {
    this.stale = true;
    if (this.rebuildTimer !== undefined) return;
    const wait = Math.max(0, this.lastRebuild + REBUILD_MS - performance.now());
    if (wait === 0) return this.rebuild();
    this.rebuildTimer = setTimeout(() => {
      this.rebuildTimer = undefined;
      if (this.stale && this._map) this.rebuild();
    }, wait);
  }

  private rebuild(): void {
    this.stale = false;
    const points = [];
    for (const [key, w] of this.wants) if (!w.alone) points.push({ key, lat: w.lat, lon: w.lon, state: w.state });
    // An empty map costs nothing to index: the first points to arrive are then drawn at once.
    this.lastRebuild = points.length > 0 ? performance.now() : -Infinity;
    this.index = new ClusterIndex(points);
    this.refresh();
  }

  /** Makes the markers on the map match the index for the view (and its padding): adds and removes only the difference. */
  private refresh(): void {
    const map = this._map;
    if (!map) return;
    const b = map.getBounds().pad(0.5);
    const items: ClusterItem[] =
      this.index?.itemsIn(b.getWest(), b.getSouth(), b.getEast(), b.getNorth(), map.getZoom()) ?? [];
    const points = new Set<string>();
    // A cluster is known by what it draws (place, count, states), not by its id in one index: a
    // rebuild for one new point elsewhere keeps every other cluster's marker (re-made, each was a
    // redraw and most of a live point's cost on the receiving phone, bench:propose). Its id is
    // the current index's.
    const clusters = new Map<string, Extract<ClusterItem, { kind: 'cluster' }>>();
    for (const it of items) {
      if (it.kind === 'point') {
        points.add(it.key);
        continue;
      }
      const drawn = `${it.lat},${it.lon},${it.count},${it.states.active},${it.states.upcoming}`;
      let key = drawn;
      for (let n = 1; clusters.has(key); n++) key = `${drawn}#${n}`;
      clusters.set(key, it);
    }
    for (const [key, w] of this.wants) if (w.alone && b.contains([w.lat, w.lon])) points.add(key);
    for (const [key, s] of this.shown) if (!points.has(key)) this.drop(key, s);
    for (const [key, c] of this.clusters)
      if (!clusters.has(key)) {
        c.off();
        this.group.removeLayer(c);
        this.clusters.delete(key);
      }
    for (const key of points) {
      const w = this.wants.get(key);
      if (w && !this.shown.has(key)) this.add(key, w);
    }
    for (const [key, it] of clusters) {
      const kept = this.clusters.get(key);
      if (kept) {
        kept.clusterId = it.id;
        continue;
      }
      const c = new ClusterMarker([it.lat, it.lon], it.id, it.count, it.states, this.renderer, this.interactive);
      c.on('click', (ev: L.LeafletMouseEvent) => this.clusterTapped(c, ev));
      this.group.addLayer(c);
      this.clusters.set(key, c);
    }
  }

  /** A marker's tooltip text: the app's (e.g. title and circle) or the title; a fallback place's label. */
  private tipOf(w: Want): string {
    return w.fallback ?? this.opts.tipOf?.(w.point) ?? w.point.title;
  }

  private add(key: string, w: Want): void {
    const look = lookOf(w);
    const text = this.tipOf(w);
    const marker = new StateMarker([w.lat, w.lon], look, this.renderer, this.interactive);
    const tip = document.createElement('span');
    tip.textContent = text;
    // A peer's title: its own first strong letter sets its direction, whatever the page's.
    tip.dir = 'auto';
    marker.bindTooltip(tip, { direction: 'top', offset: [0, -look.radius] });
    marker.on('click', (ev: L.LeafletMouseEvent) => this.tapped(marker, w.select, ev));
    this.group.addLayer(marker);
    this.shown.set(key, { marker, tip, want: w, look, text });
  }

  private drop(key: string, s: Shown): void {
    s.marker.off().unbindTooltip();
    this.group.removeLayer(s.marker);
    this.shown.delete(key);
  }
}

/** How a marker looks: its point's state, ring and headline alert; a fallback place is ringed like a reappear point. */
function lookOf(w: Want): MarkerStyle {
  const p = w.point;
  return w.fallback !== undefined ? markerStyle('active', true) : markerStyle(p.state, w.ringed, p.alerts?.headline);
}

/** Two looks draw the same (markerStyle makes a new object on every call). */
function sameLook(a: MarkerStyle, b: MarkerStyle): boolean {
  return (
    a.radius === b.radius &&
    a.fillColor === b.fillColor &&
    a.color === b.color &&
    a.halo === b.halo &&
    a.glyph === b.glyph &&
    a.dashArray === b.dashArray &&
    a.badge?.shape === b.badge?.shape &&
    a.badge?.pattern === b.badge?.pattern &&
    a.badge?.mark === b.badge?.mark
  );
}
