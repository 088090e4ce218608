/**
 * The map-pack layer is a chunk of its own (createMapView.ts): a map without
 * packs never loads it and draws its network tiles as before; the first pack
 * listed loads it, and the pack-aware base layer takes over from the plain
 * one (one base layer, the pack tiles above it); a chunk that cannot come
 * leaves the network tiles and is tried again with the next list.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MapPack, MapView } from '../../../src/map';
import { sizedContainer } from '../../fixtures/sizedContainer';

const PACK_LAYER = '../../../src/map/packLayer';
const CITY = { west: 27.3, south: 53.7, east: 27.8, north: 54.1 };
const city: MapPack = { id: 'city', where: 'device', minZoom: 10, maxZoom: 16, bounds: CITY, attribution: '© City' };

let container: HTMLElement;
let view: MapView | undefined;

beforeEach(() => {
  container = sizedContainer(512, 512);
});

afterEach(() => {
  view?.destroy();
  view = undefined;
  container.remove();
  vi.doUnmock(PACK_LAYER);
  vi.resetModules();
});

/** Counts loads of the pack layer; while `offline.now` it fails as a chunk fetch does offline. */
async function mount(offline = { now: false }) {
  vi.resetModules();
  let loads = 0;
  vi.doMock(PACK_LAYER, async (original) => {
    if (offline.now) throw new TypeError('Failed to fetch dynamically imported module');
    loads++;
    return original();
  });
  const { createMapView } = await import('../../../src/map');
  const opened: string[] = [];
  view = createMapView(container, {
    tileUrl: 'https://tiles.test/{z}/{x}/{y}.png',
    tileAttribution: '© Base',
    initial: { lat: 53.9, lon: 27.56, zoom: 12 },
    labels: { map: 'Map', zoomIn: 'In', zoomOut: 'Out' },
    onViewChange: () => {},
    onSelect: () => {},
    onPress: () => {},
    onPick: () => {},
    openPack: async (id) => {
      opened.push(id);
      return undefined;
    },
  });
  return { view, loads: () => loads, opened };
}

const tileLayers = () => container.querySelectorAll('.leaflet-tile-pane > .leaflet-layer');
const credits = () => container.querySelector('.leaflet-control-attribution') as HTMLElement;

describe('the map-pack layer on demand', () => {
  it('is not loaded for a map without packs, which keeps one plain base layer', async () => {
    const m = await mount();
    m.view.setPacks([]);
    await new Promise((r) => setTimeout(r, 30));
    expect(m.loads()).toBe(0);
    expect(tileLayers()).toHaveLength(1);
    expect(container.querySelectorAll('img.leaflet-tile[src]').length).toBeGreaterThan(0);
  });

  it('loads with the first pack: the pack-aware base replaces the plain one, pack tiles above it', async () => {
    const m = await mount();
    m.view.setPacks([city]);
    await vi.waitFor(() => expect(m.opened).toContain('city'));
    expect(m.loads()).toBe(1);
    // The base layer and the pack layer, no leftover plain layer; the base credited once.
    expect(tileLayers()).toHaveLength(2);
    expect(credits().textContent?.match(/© Base/g)).toHaveLength(1);
    await vi.waitFor(() => expect(credits().textContent).toContain('© City'));
  });

  it('a chunk that cannot come leaves the network tiles, and is tried again with the next list', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const offline = { now: true };
    const m = await mount(offline);
    m.view.setPacks([city]);
    await vi.waitFor(() => expect(warn).toHaveBeenCalled());
    expect(tileLayers()).toHaveLength(1);
    expect(m.opened).toEqual([]);
    offline.now = false;
    m.view.setPacks([city]);
    await vi.waitFor(() => expect(m.opened).toContain('city'));
    expect(tileLayers()).toHaveLength(2);
    warn.mockRestore();
  });
});
