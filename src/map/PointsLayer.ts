/**
 * All gathering points as one Leaflet layer on a shared canvas renderer.
 * setPoints() diffs by record id, so a re-fold every second only restyles
 * markers whose state changed. onRemove takes down everything onAdd built.
 * Tooltips get DOM nodes with textContent: peer text never becomes HTML.
 * A tap reports every point under the finger, not only the topmost marker
 * Leaflet picked (points stacked on one spot, issue 11); while a place is
 * being picked the markers stop taking taps and tooltips, so the tap picks.
 */
import * as L from 'leaflet';
import type { LatLon, PointView } from '../domain';
import { hitsAt, markerReach, type HitTarget } from './hitsAt';
import { markerStyle, type MarkerStyle } from './markerStyle';
import { StateMarker } from './StateMarker';

export interface PointsLayerOptions {
  /** A tap hit markers: the ids of every point under it, nearest first (one or more, no repeats). */
  onSelect(ids: readonly string[]): void;
  /** Tooltip text for a point (e.g. its title and circle); default its title. */
  tipOf?(p: PointView): string;
}

interface Entry {
  marker: StateMarker;
  tip: HTMLElement;
  lat: number;
  lon: number;
  /** The point a tap on this marker opens (a fallback place's marker opens its dispersed point). */
  select: string;
}

/** Touch tolerance of the canvas renderer, in px around each marker's outline. */
const TOLERANCE = 10;

export class PointsLayer extends L.Layer {
  private readonly entries = new Map<string, Entry>();
  private readonly group = L.layerGroup();
  // Tolerance widens each marker's hit area to about a 48 px target on touch screens.
  private readonly renderer = L.canvas({ padding: 0.5, tolerance: TOLERANCE });
  private latest: readonly PointView[] = [];
  private highlight: string | undefined;
  private interactive = true;

  constructor(private readonly opts: PointsLayerOptions) {
    super();
  }

  override onAdd(map: L.Map): this {
    this.group.addTo(map);
    this.sync();
    return this;
  }

  override onRemove(map: L.Map): this {
    for (const e of this.entries.values()) e.marker.off().unbindTooltip();
    this.entries.clear();
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
    for (const e of this.entries.values()) e.marker.setInteractive(on);
  }

  /**
   * The position of the nearest marker whose disc as drawn (no touch
   * tolerance) covers this container point: a tap on a marker while picking
   * picks that marker's place; a tap beside one picks the spot tapped.
   */
  markerAt(point: L.Point): LatLon | undefined {
    const key = hitsAt(this.targets(0), point.x, point.y)[0];
    const e = key === undefined ? undefined : this.entries.get(key);
    return e && { lat: e.lat, lon: e.lon };
  }

  /** Every marker as the hit test sees it, in drawing order, `tolerance` px around its outline. */
  private *targets(tolerance: number): Generator<HitTarget<string>> {
    const map = this._map;
    for (const [key, e] of this.entries) {
      const c = map.latLngToContainerPoint(e.marker.getLatLng());
      yield { key, x: c.x, y: c.y, reach: markerReach(e.marker.getRadius(), e.marker.options.weight ?? 0, tolerance) };
    }
  }

  /** Leaflet gave a tap to `top`, the topmost marker under it (opening `select`): report every point under it. */
  private tapped(top: StateMarker, select: string, ev: L.LeafletMouseEvent): void {
    // The tap itself: Leaflet reports a small marker's centre as the event's containerPoint.
    const at = this._map.mouseEventToContainerPoint(ev.originalEvent);
    const under = hitsAt(this.targets(TOLERANCE), at.x, at.y).map((k) => this.entries.get(k)?.select);
    const ids = [...new Set([...under, select])].filter((id): id is string => id !== undefined);
    // Leaflet opened the top marker's tooltip on this tap: it names only one of several.
    if (ids.length > 1) top.closeTooltip();
    this.opts.onSelect(ids);
  }

  private sync(): void {
    const seen = new Set<string>();
    for (const p of this.latest) {
      const look = markerStyle(p.state, p.id === this.highlight || p.reappearFrom !== undefined, p.alerts?.headline);
      this.place(seen, p.id, p.lat, p.lon, look, this.opts.tipOf?.(p) ?? p.title, p.id);
      // A fallback place the organizer's dispersal opened: ringed like a reappear point; tapping it opens the dispersed point.
      const fb = p.reappearPlace;
      if (fb) this.place(seen, `${p.id}#fallback`, fb.lat, fb.lon, markerStyle('active', true), fb.label, p.id);
    }
    for (const [id, e] of this.entries) if (!seen.has(id)) this.drop(id, e);
  }

  private place(
    seen: Set<string>,
    key: string,
    lat: number,
    lon: number,
    look: MarkerStyle,
    title: string,
    select: string,
  ): void {
    seen.add(key);
    const e = this.entries.get(key);
    if (e && e.lat === lat && e.lon === lon) {
      e.marker.restyle(look);
      e.tip.textContent = title;
      return;
    }
    if (e) this.drop(key, e);
    const marker = new StateMarker([lat, lon], look, this.renderer, this.interactive);
    const tip = document.createElement('span');
    tip.textContent = title;
    // A peer's title: its own first strong letter sets its direction, whatever the page's.
    tip.dir = 'auto';
    marker.bindTooltip(tip, { direction: 'top', offset: [0, -look.radius] });
    marker.on('click', (ev: L.LeafletMouseEvent) => this.tapped(marker, select, ev));
    this.group.addLayer(marker);
    this.entries.set(key, { marker, tip, lat, lon, select });
  }

  private drop(id: string, e: Entry): void {
    e.marker.off().unbindTooltip();
    this.group.removeLayer(e.marker);
    this.entries.delete(id);
  }
}
