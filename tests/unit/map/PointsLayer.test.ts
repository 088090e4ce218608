/**
 * The points layer at city scale (issue 15), on a real Leaflet map in jsdom
 * (a 390×800 phone screen; a stand-in 2D context, since jsdom draws
 * nothing): 1,000 points become far fewer markers (clusters plus lone
 * points), only around the view; a point whose title or state look changes
 * re-creates no marker; a point that moves re-creates only what changed,
 * never every marker; panning adds and removes only the difference.
 */
import * as L from 'leaflet';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PointView } from '../../../src/domain';
import { CHOOSER_MAX } from '../../../src/map/ClusterIndex';
import { ClusterMarker } from '../../../src/map/ClusterMarker';
import { PointsLayer } from '../../../src/map/PointsLayer';
import { sizedContainer } from '../../fixtures/sizedContainer';

let container: HTMLElement;
let map: L.Map;
let added = 0;
let removed = 0;

/** A 2D context that accepts every call and draws nothing. */
function fakeContext(): CanvasRenderingContext2D {
  const noop = () => undefined;
  return new Proxy({} as Record<string | symbol, unknown>, {
    get: (t, k) => (k in t ? t[k] : noop),
    set: (t, k, v) => {
      t[k] = v;
      return true;
    },
  }) as unknown as CanvasRenderingContext2D;
}

beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(
    () => fakeContext() as unknown as ReturnType<HTMLCanvasElement['getContext']>,
  );
  container = sizedContainer(390, 800);
  map = L.map(container, { zoomAnimation: false, fadeAnimation: false }).setView([53.9, 27.56], 13);
  added = 0;
  removed = 0;
  // Markers only (not the layer itself, its group or the canvas renderer).
  map.on('layeradd', (e) => void (e.layer instanceof L.CircleMarker && added++));
  map.on('layerremove', (e) => void (e.layer instanceof L.CircleMarker && removed++));
});

const frame = () => new Promise((r) => requestAnimationFrame(r));

afterEach(async () => {
  // Let the renderer's pending redraw run while its canvas still exists.
  await frame();
  map.remove();
  await frame();
  container.remove();
  vi.restoreAllMocks();
});

/** A point as the fold makes it (only what the layer reads matters here). */
function pt(i: number, over: Partial<PointView> = {}): PointView {
  return {
    id: `p${i}`,
    title: `Point ${i}`,
    note: '',
    // 1,000 points over a city of ~0.12° × 0.2°: a deterministic scatter.
    lat: 53.84 + ((i * 7919) % 1000) * 0.00012,
    lon: 27.46 + ((i * 104729) % 1000) * 0.0002,
    start: 0,
    end: 1,
    state: 'active',
    circle: 'open',
    author: 'k',
    created: 0,
    hideAt: 2,
    ...over,
  } as unknown as PointView;
}

const city = (n: number, change: (i: number) => Partial<PointView> = () => ({})) =>
  Array.from({ length: n }, (_, i) => pt(i, change(i)));

describe('PointsLayer with a city of points', () => {
  it('draws clusters and lone points for the view, far fewer than the points, accounting for each in view', () => {
    const layer = new PointsLayer({ onSelect: () => {} }).addTo(map);
    layer.setPoints(city(1000));
    const { points, clusters } = layer.drawn();
    expect(clusters).toBeGreaterThan(0);
    expect(points + clusters).toBeLessThan(400);
    expect(points + clusters).toBe(added);
    // Zoomed far out the whole city is a handful of clusters.
    map.setView([53.9, 27.56], 9);
    expect(layer.drawn().points + layer.drawn().clusters).toBeLessThan(5);
  });

  it('a changed title or look re-creates no marker; a moved point re-creates only what it touched', () => {
    const layer = new PointsLayer({ onSelect: () => {}, tipOf: (p) => p.title }).addTo(map);
    map.setView([53.9, 27.56], 17);
    layer.setPoints(city(1000));
    const before = layer.drawn();
    expect(before.points).toBeGreaterThan(0);
    const [a, r] = [added, removed];
    // Every point's fold object is new, one title on screen changed: nothing added or removed, its tooltip follows.
    const tips = () => {
      const out: string[] = [];
      map.eachLayer((l) => {
        const content = l.getTooltip()?.getContent();
        if (content instanceof HTMLElement) out.push(content.textContent ?? '');
      });
      return out;
    };
    const onScreen = Number(/^Point (\d+)$/.exec(tips()[0] ?? '')?.[1]);
    expect(Number.isInteger(onScreen)).toBe(true);
    layer.setPoints(city(1000, (i) => (i === onScreen ? { title: 'Renamed' } : {})));
    expect([added, removed]).toEqual([a, r]);
    expect(tips()).toContain('Renamed');
    expect(tips()).not.toContain(`Point ${onScreen}`);
    // One point moves (the index is rebuilt after REBUILD_MS): a few markers change, not all.
    vi.useFakeTimers();
    try {
      layer.setPoints(
        city(1000, (i) => (i === onScreen ? { title: 'Renamed' } : i === 3 ? { lat: 53.9, lon: 27.56 } : {})),
      );
      vi.advanceTimersByTime(300);
    } finally {
      vi.useRealTimers();
    }
    const after = layer.drawn();
    expect(added - a).toBeLessThanOrEqual(3);
    expect(removed - r).toBeLessThanOrEqual(3);
    expect(after.points).toBe(before.points + (added - a) - (removed - r));
  });

  it('a new point away from the view re-creates no cluster; a kept cluster taps through the new index', async () => {
    const layer = new PointsLayer({ onSelect: () => {} }).addTo(map);
    map.setView([53.9, 27.56], 12);
    layer.setPoints(city(1000));
    const clusters = () => {
      const out: ClusterMarker[] = [];
      map.eachLayer((l) => void (l instanceof ClusterMarker && out.push(l)));
      return out;
    };
    const before = clusters();
    const drawn = layer.drawn();
    expect(before.length).toBeGreaterThan(3);
    const [a, r] = [added, removed];
    // Far outside the view (and its padding): the index is rebuilt (REBUILD_MS after the last build),
    // nothing on screen changes.
    layer.setPoints([...city(1000), pt(5000, { lat: 48.0, lon: 20.0 })]);
    await new Promise((r) => setTimeout(r, 300));
    expect(layer.drawn()).toEqual(drawn);
    expect([added - a, removed - r]).toEqual([0, 0]);
    expect(clusters()).toEqual(before);
    // A tap on a big kept cluster zooms in to where it splits: its id is the rebuilt index's.
    const big = before.reduce((x, y) => (y.count > x.count ? y : x));
    expect(big.count).toBeGreaterThan(CHOOSER_MAX);
    big.fire('click', { originalEvent: new MouseEvent('click'), latlng: big.getLatLng() });
    expect(map.getZoom()).toBeGreaterThan(12);
  });

  it('a pan adds and removes only the markers that came into or left the view', () => {
    const layer = new PointsLayer({ onSelect: () => {} }).addTo(map);
    map.setView([53.9, 27.56], 16);
    layer.setPoints(city(1000));
    const shown = layer.drawn().points + layer.drawn().clusters;
    const [a, r] = [added, removed];
    map.panBy([50, 0], { animate: false });
    expect(added - a).toBeLessThan(shown);
    expect(removed - r).toBeLessThan(shown);
    // Back where it was: the same number of markers.
    map.panBy([-50, 0], { animate: false });
    expect(layer.drawn().points + layer.drawn().clusters).toBe(shown);
  });

  it('removing the layer takes down every marker it made', () => {
    const layer = new PointsLayer({ onSelect: () => {} }).addTo(map);
    layer.setPoints(city(200));
    expect(layer.drawn().points + layer.drawn().clusters).toBeGreaterThan(0);
    layer.remove();
    expect(layer.drawn()).toEqual({ points: 0, clusters: 0 });
    let markers = 0;
    map.eachLayer(() => markers++);
    expect(markers).toBe(0);
  });
});
