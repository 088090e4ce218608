/**
 * The map's choice per tile (map/packLayer.ts through createMapView): a tile a covering pack has is
 * drawn from the pack as an image (blob: URL, the pack's MIME type) and the base layer requests
 * nothing for it; a tile the pack lacks falls through to the network tile; packs are tried in the
 * shared rule's order; each pack in view credits its attribution as text.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMapView, type MapView } from '../../../src/map';
import type { MapPack, PackTiles } from '../../../src/map/packLayer';
import { sizedContainer } from '../../fixtures/sizedContainer';

const TILE_URL = 'https://tiles.test/{z}/{x}/{y}.png';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Covers the whole view around Minsk at zoom 12. */
const CITY = { west: 27.3, south: 53.7, east: 27.8, north: 54.1 };

let made: string[] = [];
let revoked: string[] = [];
let container: HTMLElement;
let view: MapView | undefined;

beforeEach(() => {
  made = [];
  revoked = [];
  vi.stubGlobal(
    'URL',
    Object.assign(URL, {
      createObjectURL: (blob: Blob) => {
        const url = `blob:test/${made.length}/${blob.type}`;
        made.push(url);
        return url;
      },
      revokeObjectURL: (url: string) => revoked.push(url),
    }),
  );
  container = sizedContainer(512, 512);
});

afterEach(() => {
  view?.destroy();
  view = undefined;
  container.remove();
  vi.unstubAllGlobals();
});

/** A fake opened pack: has the tiles `has` says, counts reads. */
function fakePack(has: (z: number, x: number, y: number) => boolean, mime = 'image/png') {
  const reads: string[] = [];
  const pack: PackTiles = {
    info: { mime },
    tile: async (z, x, y) => {
      reads.push(`${z}/${x}/${y}`);
      return has(z, x, y) ? PNG : undefined;
    },
  };
  return { pack, reads };
}

const coverage = (id: string, where: 'device' | 'relay', over: Partial<MapPack> = {}): MapPack => ({
  id,
  where,
  minZoom: 10,
  maxZoom: 16,
  bounds: CITY,
  attribution: `© ${id}`,
  ...over,
});

function mount(packs: Record<string, PackTiles>, list: MapPack[], zoom = 12) {
  const opened: string[] = [];
  view = createMapView(container, {
    tileUrl: TILE_URL,
    tileAttribution: '© Base',
    initial: { lat: 53.9, lon: 27.56, zoom },
    labels: { map: 'Map', zoomIn: 'In', zoomOut: 'Out' },
    onViewChange: () => {},
    onSelect: () => {},
    onPress: () => {},
    onPick: () => {},
    openPack: async (id) => {
      opened.push(id);
      return packs[id];
    },
  });
  view.setPacks(list);
  return { opened };
}

/** The base layer's network requests by "z/x/y" (tiles it skipped have no src). */
function baseTiles(): Map<string, string> {
  const out = new Map<string, string>();
  for (const img of container.querySelectorAll<HTMLImageElement>('img.leaflet-tile')) {
    const m = /\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(img.getAttribute('src') ?? '');
    if (m) out.set(`${m[1]}/${m[2]}/${m[3]}`, img.src);
  }
  return out;
}

const packImages = () => [...container.querySelectorAll<HTMLImageElement>('img.vada-pack-tile')];
const keyOf = (img: HTMLElement) => `${img.dataset.z}/${img.dataset.x}/${img.dataset.y}`;

describe('pack layer', () => {
  it('draws a tile the pack has from the pack, and the base layer requests it not', async () => {
    const city = fakePack((_z, x, y) => (x + y) % 2 === 0);
    mount({ city: city.pack }, [coverage('city', 'device')]);
    await vi.waitFor(() => expect(packImages().length).toBeGreaterThan(3));
    const drawn = packImages();
    for (const img of drawn) {
      expect(img.src).toMatch(/^blob:test\/\d+\/image\/png$/);
      expect(img.alt).toBe('');
      expect(img.dataset.pack).toBe('city');
      const [, x, y] = keyOf(img).split('/').map(Number);
      expect(((x ?? 0) + (y ?? 0)) % 2).toBe(0);
      // The pack's bytes become an image and nothing else.
      expect(img.parentElement?.children).toHaveLength(1);
    }
    // Every tile in view was asked once, though both layers wanted it.
    expect(new Set(city.reads).size).toBe(city.reads.length);
    const requested = [...container.querySelectorAll<HTMLImageElement>('img.leaflet-tile')].map(
      (img) => img.getAttribute('src') ?? '',
    );
    const drawnKeys = new Set(drawn.map(keyOf));
    for (const src of requested.filter((s) => s !== '')) {
      const m = /\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(src);
      expect(m && drawnKeys.has(`${m[1]}/${m[2]}/${m[3]}`)).toBe(false);
    }
  });

  it('falls through to the network tile where the pack lacks the tile', async () => {
    const holes = fakePack((_z, x) => x % 2 === 0);
    mount({ city: holes.pack }, [coverage('city', 'device')]);
    await vi.waitFor(() => expect(baseTiles().size).toBeGreaterThan(1));
    await vi.waitFor(() => expect(packImages().length).toBeGreaterThan(1));
    const network = [...baseTiles().entries()];
    expect(network.length).toBeGreaterThan(1);
    for (const [key, src] of network) {
      expect(Number(key.split('/')[1]) % 2).toBe(1);
      expect(src).toBe(`https://tiles.test/${key}.png`);
    }
    for (const img of packImages()) expect(Number(img.dataset.x) % 2).toBe(0);
  });

  it('asks no pack for a tile outside every pack (zoom or place) and loads the network tile at once', async () => {
    const far = fakePack(() => true);
    const { opened } = mount({ far: far.pack }, [
      coverage('far', 'device', { bounds: { west: 10, south: 10, east: 11, north: 11 } }),
    ]);
    await vi.waitFor(() => expect(baseTiles().size).toBeGreaterThan(3));
    expect(opened).toEqual([]);
    expect(far.reads).toEqual([]);
    expect(packImages()).toEqual([]);
    expect([...baseTiles().values()].every((src) => src.startsWith('https://tiles.test/12/'))).toBe(true);
  });

  it('tries packs in the rule’s order: a device pack before a relay pack, the next when the first lacks it', async () => {
    const device = fakePack((_z, x) => x % 2 === 0);
    const relay = fakePack(() => true);
    mount({ dev: device.pack, rel: relay.pack }, [coverage('rel', 'relay'), coverage('dev', 'device')]);
    await vi.waitFor(() => expect(packImages().length).toBeGreaterThan(3));
    await vi.waitFor(() => expect(relay.reads.length).toBeGreaterThan(0));
    for (const img of packImages()) expect(img.dataset.pack).toBe(Number(img.dataset.x) % 2 === 0 ? 'dev' : 'rel');
    // The relay pack was asked only for tiles the device pack lacks.
    for (const key of relay.reads) expect(Number(key.split('/')[1]) % 2).toBe(1);
    expect(device.reads.length).toBeGreaterThan(relay.reads.length - 1);
  });

  it('a pack that cannot be opened is skipped: the network tile loads', async () => {
    mount({}, [coverage('gone', 'relay')]);
    await vi.waitFor(() => expect(baseTiles().size).toBeGreaterThan(3));
    expect(packImages()).toEqual([]);
  });

  it('revokes each blob: URL once its image loaded', async () => {
    mount({ city: fakePack(() => true).pack }, [coverage('city', 'device')]);
    await vi.waitFor(() => expect(packImages().length).toBeGreaterThan(0));
    const [first] = packImages();
    expect(revoked).toEqual([]);
    first?.dispatchEvent(new Event('load'));
    expect(revoked).toEqual([first?.src]);
  });

  it('credits each pack in view as escaped text, and drops the credit when the pack is gone', async () => {
    const evil = '<img src=x onerror=alert(1)> © Evil';
    mount({ city: fakePack(() => true).pack }, [
      coverage('city', 'device', { attribution: evil }),
      coverage('far', 'device', { attribution: '© Far away', bounds: { west: 10, south: 10, east: 11, north: 11 } }),
    ]);
    const credits = () => container.querySelector('.leaflet-control-attribution') as HTMLElement;
    await vi.waitFor(() => expect(credits().textContent).toContain(evil));
    expect(credits().querySelector('img')).toBeNull();
    expect(credits().textContent).not.toContain('Far away');
    view?.setPacks([]);
    expect(credits().textContent).not.toContain('Evil');
    expect(credits().textContent).toContain('© Base');
  });
});
