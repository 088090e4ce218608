/**
 * A cluster of points on the shared canvas: a disc sized by how many points
 * it holds, filled like its liveliest point (active, else upcoming, else
 * over) and the count written inside. Canvas, like StateMarker, so a city of
 * clusters costs no DOM; the accessible list of points is the map index.
 */
import * as L from 'leaflet';
import type { ClusterStates } from './ClusterIndex';
import { clusterStyle } from './clusterStyle';

interface CanvasInternals {
  _ctx: CanvasRenderingContext2D;
  _drawing: boolean;
  _updateCircle(layer: L.CircleMarker): void;
}

/** One cluster; `count` and `states` are fixed (a changed cluster is a new marker); `clusterId` follows the index. */
export class ClusterMarker extends L.CircleMarker {
  private readonly label: string;
  private readonly textColor: string;

  constructor(
    latlng: L.LatLngExpression,
    public clusterId: number,
    readonly count: number,
    states: ClusterStates,
    renderer: L.Canvas,
    interactive: boolean,
  ) {
    const look = clusterStyle(count, states);
    super(latlng, { ...look, renderer, interactive, bubblingMouseEvents: false });
    this.label = count > 9999 ? `${Math.floor(count / 1000)}k` : String(count);
    this.textColor = look.textColor;
  }

  /** Whether taps reach it (the renderer reads the option on every event). */
  setInteractive(on: boolean): void {
    this.options.interactive = on;
  }

  // Leaflet's canvas renderer calls _updatePath (internal, untyped) for every marker it redraws.
  _updatePath(): void {
    const self = this as unknown as { _renderer: CanvasInternals; _point: L.Point; _radius: number; _empty(): boolean };
    const renderer = self._renderer;
    renderer._updateCircle(this);
    if (!renderer._drawing || self._empty()) return;
    const { x, y } = self._point;
    const ctx = renderer._ctx;
    ctx.globalAlpha = 1;
    ctx.fillStyle = this.textColor;
    ctx.font = `bold ${this.label.length > 3 ? 11 : 13}px sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(this.label, x, y + 1);
  }
}
