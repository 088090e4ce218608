/**
 * The full-screen Leaflet map: tiles, points, long-press/right-click to
 * propose, tap-to-pick mode, and the last view saved for next time. makeX
 * style: plain object, destroy() removes everything it created. Map packs
 * (packLayer.ts) draw their tiles over the base layer, which skips those; that
 * code is a chunk of its own, loaded when the first pack is listed (a phone
 * without packs never needs it), and then swaps the plain base layer for its
 * pack-aware one. This folder is the only one that imports Leaflet.
 */
import 'leaflet/dist/leaflet.css';
import * as L from 'leaflet';
import type { LatLon, PointView } from '../domain';
import { attributionHtml } from './attributionHtml';
import { LongPress } from './LongPress';
import type { MapPack, OpenPackPort, PackAttribution, PackGridLayer, PackTileFinder } from './packLayer';
import { PointsLayer } from './PointsLayer';

/** The pack layers, once their code is here. */
interface PackLayers {
  readonly finder: PackTileFinder;
  readonly tiles: PackGridLayer;
  readonly credits: PackAttribution;
}

export interface MapViewOptions {
  readonly tileUrl: string;
  /** Plain text (escaped before Leaflet sees it). */
  readonly tileAttribution: string;
  readonly initial: { lat: number; lon: number; zoom: number };
  /** Accessible names of the map and its zoom buttons, in the app's language. */
  readonly labels: MapLabels;
  onViewChange(view: { lat: number; lon: number; zoom: number }): void;
  /**
   * A tap on markers (not while picking): the ids of every point under it,
   * nearest first; several when points are stacked on one spot.
   */
  onSelect(ids: readonly string[]): void;
  /** Tooltip text for a point; default its title. Plain text. */
  tipOf?(p: PointView): string;
  /** Long-press or right-click: propose here. */
  onPress(place: LatLon): void;
  /** A tap while picking: the spot tapped, or the place of the marker whose disc was tapped. */
  onPick(place: LatLon): void;
  /** The user started moving the map (drag, zoom, keys); the app's own pans do not count. */
  onUserMove?(): void;
  /** Opens a map pack by id (device or relay) for its tiles; default: no packs. */
  openPack?: OpenPackPort;
}

/** Text the map shows or speaks; Leaflet's own defaults are English. */
export interface MapLabels {
  readonly map: string;
  readonly zoomIn: string;
  readonly zoomOut: string;
}

export interface MapView {
  /** After a language change: the map's name and its zoom buttons' titles. */
  setLabels(labels: MapLabels): void;
  setPoints(points: readonly PointView[], highlight?: string): void;
  /** The map packs to draw from (the shared rule picks among them per tile); redraws the tiles. */
  setPacks(packs: readonly MapPack[]): void;
  /**
   * Where a draft point would go (a dashed ring), or nothing. `coveredBottomPx`
   * is how much of the map a sheet hides: the view pans so the ring stays visible.
   */
  setDraft(place: LatLon | undefined, coveredBottomPx?: number): void;
  setPicking(on: boolean): void;
  center(): LatLon;
  /** Flies to a place, centring it in the part of the map not covered by a sheet. */
  flyTo(lat: number, lon: number, coveredBottomPx?: number): void;
  /** Pans only as much as needed for a place to be visible above a sheet. */
  reveal(lat: number, lon: number, coveredBottomPx?: number): void;
  /** The view shown now. */
  view(): { lat: number; lon: number; zoom: number };
  /** Shows a view at once (no animation). */
  setView(view: { lat: number; lon: number; zoom: number }): void;
  /** After the container changed size. */
  resize(): void;
  destroy(): void;
}

export function createMapView(container: HTMLElement, opts: MapViewOptions): MapView {
  const map = L.map(container, { zoomControl: false, attributionControl: false, worldCopyJump: true });
  map.setView([opts.initial.lat, opts.initial.lon], opts.initial.zoom);
  // A named region: a label on a plain div is not reliably announced.
  container.setAttribute('role', 'region');
  let zoom: L.Control.Zoom | undefined;
  const setLabels = (labels: MapLabels) => {
    container.setAttribute('aria-label', labels.map);
    // Leaflet sets the buttons' titles once, at creation: a language change makes new buttons.
    zoom?.remove();
    zoom = L.control
      .zoom({ position: 'topright', zoomInTitle: labels.zoomIn, zoomOutTitle: labels.zoomOut })
      .addTo(map);
  };
  setLabels(opts.labels);
  const attribution = L.control
    .attribution({ prefix: '<a href="https://leafletjs.com" target="_blank" rel="noopener noreferrer">Leaflet</a>' })
    .addTo(map);
  // crossOrigin: the service worker can then cache tiles as readable (non-opaque) responses.
  const baseOptions: L.TileLayerOptions = {
    attribution: attributionHtml(opts.tileAttribution),
    crossOrigin: true,
    maxZoom: 19,
  };
  let base: L.TileLayer = L.tileLayer(opts.tileUrl, baseOptions).addTo(map);
  // Pack tiles first where a pack has them; the base layer skips exactly those (packLayer.ts).
  let packs: PackLayers | undefined;
  let wanted: readonly MapPack[] = [];
  let loading: Promise<void> | undefined;
  let destroyed = false;
  const onPackView = () => packs?.credits.update(map);
  const showPacks = () => {
    if (!packs) return;
    packs.finder.setPacks(wanted);
    base.redraw();
    packs.tiles.redraw();
    onPackView();
  };
  const loadPacks = () =>
    (loading ??= import('./packLayer').then(
      ({ PackAttribution: Credits, PackAwareTileLayer, PackGridLayer: Grid, PackTileFinder: Finder }) => {
        if (destroyed) return;
        const finder = new Finder(opts.openPack ?? (() => Promise.resolve(undefined)));
        // The pack-aware base replaces the plain one; added first, so the pack tiles stay above it.
        base.remove();
        base = new PackAwareTileLayer(opts.tileUrl, finder, baseOptions).addTo(map);
        packs = {
          finder,
          tiles: new Grid(finder, { maxZoom: 19 }).addTo(map),
          credits: new Credits(attribution, finder),
        };
        showPacks();
      },
      (error: unknown) => {
        // Offline before the worker cached it: the map keeps its network and cached tiles; tried again next list.
        console.warn('Vada: the map-pack layer could not be loaded', error);
        loading = undefined;
      },
    ));

  let picking = false;
  const points = new PointsLayer({
    onSelect: (ids) => {
      if (!picking) opts.onSelect(ids);
    },
    tipOf: opts.tipOf,
  }).addTo(map);
  const draft = L.circleMarker([0, 0], {
    radius: 18,
    weight: 3,
    color: '#000',
    dashArray: '2 4',
    fill: false,
    interactive: false,
  });

  const press = new LongPress(map, (ll) => {
    if (!picking) opts.onPress({ lat: ll.lat, lon: ll.lng });
  });
  press.enable();

  // While picking, markers take no taps (setPicking), so every tap arrives here, on a marker or not.
  const onClick = (e: L.LeafletMouseEvent) => {
    if (picking) opts.onPick(points.markerAt(e.containerPoint) ?? { lat: e.latlng.lat, lon: e.latlng.lng });
  };
  const onMoveEnd = () => {
    const c = map.getCenter();
    opts.onViewChange({ lat: c.lat, lon: c.lng, zoom: map.getZoom() });
  };
  // Leaflet starts every move with a synchronous 'movestart' inside the call
  // that moves the map, so one made while `appMoving` is the app's own pan and
  // any other (drag, wheel, zoom buttons, keys, inertia) is the user's.
  let appMoving = false;
  const asApp = (move: () => void) => {
    appMoving = true;
    try {
      move();
    } finally {
      appMoving = false;
    }
  };
  const onMoveStart = () => {
    if (!appMoving) opts.onUserMove?.();
  };
  map.on('click', onClick);
  map.on('movestart', onMoveStart);
  map.on('moveend', onMoveEnd);
  map.on('moveend zoomend', onPackView);

  return {
    setLabels,
    setPoints: (list, highlight) => points.setPoints(list, highlight),
    setPacks(list) {
      wanted = list;
      if (packs) showPacks();
      else if (list.length > 0) void loadPacks();
    },
    setDraft(place, coveredBottomPx = 0) {
      if (!place) return void draft.remove();
      const ll = L.latLng(place.lat, place.lon);
      draft.setLatLng(ll).addTo(map);
      asApp(() => map.panInside(ll, { paddingTopLeft: [24, 40], paddingBottomRight: [24, coveredBottomPx + 40] }));
    },
    setPicking(on) {
      picking = on;
      points.setInteractive(!on);
      container.classList.toggle('vada-picking', on);
    },
    center() {
      const c = map.getCenter().wrap();
      return { lat: c.lat, lon: c.lng };
    },
    flyTo(lat, lon, coveredBottomPx = 0) {
      const zoom = Math.max(map.getZoom(), 15);
      const centre = map.project([lat, lon], zoom).add([0, coveredBottomPx / 2]);
      asApp(() => map.flyTo(map.unproject(centre, zoom), zoom, { duration: 0.6 }));
    },
    reveal(lat, lon, coveredBottomPx = 0) {
      asApp(() =>
        map.panInside([lat, lon], { paddingTopLeft: [24, 40], paddingBottomRight: [24, coveredBottomPx + 40] }),
      );
    },
    view() {
      const c = map.getCenter();
      return { lat: c.lat, lon: c.lng, zoom: map.getZoom() };
    },
    setView(v) {
      asApp(() => map.setView([v.lat, v.lon], v.zoom, { animate: false }));
    },
    resize: () => map.invalidateSize(),
    destroy() {
      destroyed = true;
      press.disable();
      map.off('click', onClick);
      map.off('movestart', onMoveStart);
      map.off('moveend', onMoveEnd);
      map.off('moveend zoomend', onPackView);
      map.remove();
    },
  };
}
