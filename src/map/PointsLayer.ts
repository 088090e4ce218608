/**
 * All gathering points as one Leaflet layer on a shared canvas renderer.
 * setPoints() diffs by record id, so a re-fold every second only restyles
 * markers whose state changed. onRemove takes down everything onAdd built.
 * Tooltips get DOM nodes with textContent: peer text never becomes HTML.
 */
import * as L from 'leaflet';
import type { PointView } from '../domain';
import { markerStyle, type MarkerStyle } from './markerStyle';
import { StateMarker } from './StateMarker';

export interface PointsLayerOptions {
  /** A marker was tapped. */
  onSelect(id: string): void;
  /** Tooltip text for a point (e.g. its title and circle); default its title. */
  tipOf?(p: PointView): string;
}

interface Entry {
  marker: StateMarker;
  tip: HTMLElement;
  lat: number;
  lon: number;
}

export class PointsLayer extends L.Layer {
  private readonly entries = new Map<string, Entry>();
  private readonly group = L.layerGroup();
  // Tolerance widens each marker's hit area to about a 48 px target on touch screens.
  private readonly renderer = L.canvas({ padding: 0.5, tolerance: 10 });
  private latest: readonly PointView[] = [];
  private highlight: string | undefined;

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
    const marker = new StateMarker([lat, lon], look, this.renderer);
    const tip = document.createElement('span');
    tip.textContent = title;
    marker.bindTooltip(tip, { direction: 'top', offset: [0, -look.radius] });
    marker.on('click', () => this.opts.onSelect(select));
    this.group.addLayer(marker);
    this.entries.set(key, { marker, tip, lat, lon });
  }

  private drop(id: string, e: Entry): void {
    e.marker.off().unbindTooltip();
    this.group.removeLayer(e.marker);
    this.entries.delete(id);
  }
}
