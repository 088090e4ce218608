/**
 * Map packs on the map. The shared rule (domain/tileSource `tileSteps`) says
 * which packs may hold a tile and in which order; a finder tries them through
 * a port (`open(id)`, the same for packs on this phone and packs a relay
 * serves) and remembers the answer for a moment, so the two layers here ask
 * each pack once per tile:
 * - the pack layer draws a found tile as an `<img>` from a blob: URL typed
 *   with the pack's image MIME type (images only: the bytes never become
 *   anything else), revoked once loaded;
 * - the base tile layer leaves a tile empty (no request) only when a pack
 *   covers it AND has it, so a pack with holes falls through to the network
 *   (and the service worker's saved and browsed caches behind it).
 * Each pack in view adds its attribution as escaped plain text.
 */
import * as L from 'leaflet';
import type { Tile } from '../domain/tiles';
import { tileSteps, type PackCoverage } from '../domain/tileSource';
import { escapeHtml } from './attributionHtml';

/** A pack on the map: what the rule needs, plus the credit it must show (plain text). */
export interface MapPack extends PackCoverage {
  readonly attribution: string;
}

/** What the map reads of an opened pack (src/tiles' OpenPack has this shape). */
export interface PackTiles {
  readonly info: { readonly mime: string };
  /** The tile's image bytes (checked by the reader to be the pack's type), undefined when absent. */
  tile(z: number, x: number, y: number, signal?: AbortSignal): Promise<Uint8Array | undefined>;
}

/** Opens a pack by id: a device pack from storage, a relay pack over its URL; undefined when gone. */
export type OpenPackPort = (id: string) => Promise<PackTiles | undefined>;

/** A tile found in a pack. */
export interface FoundTile {
  readonly bytes: Uint8Array;
  readonly mime: string;
  readonly pack: string;
}

/** Answers kept at once: both layers ask within a moment of each other; older answers are dropped. */
const REMEMBERED = 96;
const keyOf = (t: Tile) => `${t.z}/${t.x}/${t.y}`;

/** Finds tiles in packs in the rule's order, once per tile for both layers. */
export class PackTileFinder {
  private packs: readonly MapPack[] = [];
  private readonly opened = new Map<string, Promise<PackTiles | undefined>>();
  private readonly found = new Map<string, Promise<FoundTile | undefined>>();

  constructor(
    private readonly open: OpenPackPort,
    private readonly keepsTrail = false,
  ) {}

  /** The packs now known; forgets answers and packs no longer listed. */
  setPacks(packs: readonly MapPack[]): void {
    this.packs = packs;
    this.found.clear();
    for (const id of [...this.opened.keys()]) if (!packs.some((p) => p.id === id)) this.opened.delete(id);
  }

  list(): readonly MapPack[] {
    return this.packs;
  }

  /** The packs that may hold the tile, in the order the rule gives. */
  coveringPacks(tile: Tile): PackCoverage[] {
    return tileSteps(tile, this.packs, { keepsTrail: this.keepsTrail }).flatMap((s) =>
      s.kind === 'pack' ? [s.pack] : [],
    );
  }

  /** The first covering pack that has the tile; undefined when none does (or reading failed). */
  find(tile: Tile): Promise<FoundTile | undefined> {
    const key = keyOf(tile);
    const known = this.found.get(key);
    if (known) return known;
    const covering = this.coveringPacks(tile);
    const answer = covering.length === 0 ? Promise.resolve(undefined) : this.firstHaving(covering, tile);
    this.found.set(key, answer);
    if (this.found.size > REMEMBERED) {
      const oldest = this.found.keys().next().value;
      if (oldest !== undefined) this.found.delete(oldest);
    }
    return answer;
  }

  private async firstHaving(covering: readonly PackCoverage[], tile: Tile): Promise<FoundTile | undefined> {
    for (const pack of covering) {
      try {
        const opened = await this.openOnce(pack.id);
        const bytes = await opened?.tile(tile.z, tile.x, tile.y);
        if (opened && bytes && bytes.length > 0) return { bytes, mime: opened.info.mime, pack: pack.id };
      } catch {
        // A pack that cannot be read (relay gone, file removed) is skipped: the next step tries.
      }
    }
    return undefined;
  }

  private openOnce(id: string): Promise<PackTiles | undefined> {
    let p = this.opened.get(id);
    if (!p) {
      p = this.open(id).catch(() => undefined);
      this.opened.set(id, p);
      // A failed open is tried again next time (the relay may be back).
      void p.then((o) => {
        if (!o && this.opened.get(id) === p) this.opened.delete(id);
      });
    }
    return p;
  }
}

const IMAGE_MIME = /^image\/(?:png|jpeg|webp)$/;

type TileDone = (error: Error | undefined, tile: HTMLElement) => void;

/** The pack tiles: a GridLayer whose tiles are images drawn from pack bytes. */
export class PackGridLayer extends L.GridLayer {
  constructor(
    private readonly finder: PackTileFinder,
    options?: L.GridLayerOptions,
  ) {
    super(options);
  }

  // Two parameters: Leaflet then waits for `done` (the tile is drawn asynchronously).
  protected override createTile(coords: L.Coords, done: L.DoneCallback): HTMLElement {
    const holder = document.createElement('div');
    void this.finder.find(coords).then((found) => {
      if (!found || !IMAGE_MIME.test(found.mime)) return (done as TileDone)(undefined, holder);
      const img = document.createElement('img');
      img.className = 'vada-pack-tile';
      img.alt = '';
      img.setAttribute('role', 'presentation');
      img.dataset.z = String(coords.z);
      img.dataset.x = String(coords.x);
      img.dataset.y = String(coords.y);
      img.dataset.pack = found.pack;
      const url = URL.createObjectURL(new Blob([found.bytes as BlobPart], { type: found.mime }));
      const finish = (error?: Error) => {
        URL.revokeObjectURL(url);
        (done as TileDone)(error, holder);
      };
      img.addEventListener('load', () => finish(), { once: true });
      img.addEventListener('error', () => finish(new Error('pack tile not drawn')), { once: true });
      img.src = url;
      holder.append(img);
    });
    return holder;
  }
}

/** The base (network) tiles, skipping those a covering pack has. */
export class PackAwareTileLayer extends L.TileLayer {
  constructor(
    url: string,
    private readonly finder: PackTileFinder,
    options?: L.TileLayerOptions,
  ) {
    super(url, options);
  }

  override createTile(coords: L.Coords, done: L.DoneCallback): HTMLElement {
    if (this.finder.coveringPacks(coords).length === 0) return super.createTile(coords, done);
    // The address now: the layer's zoom may change before the pack answers.
    const url = this.getTileUrl(coords);
    const tile = document.createElement('img');
    tile.alt = '';
    tile.setAttribute('role', 'presentation');
    if (this.options.crossOrigin || this.options.crossOrigin === '')
      tile.crossOrigin = this.options.crossOrigin === true ? '' : this.options.crossOrigin;
    void this.finder.find(coords).then((found) => {
      if (found) {
        tile.dataset.fromPack = found.pack;
        return (done as TileDone)(undefined, tile);
      }
      tile.addEventListener('load', () => (done as TileDone)(undefined, tile), { once: true });
      tile.addEventListener('error', () => (done as TileDone)(new Error('tile not loaded'), tile), { once: true });
      tile.src = url;
    });
    return tile;
  }
}

/** The packs whose area and zooms meet the view. */
export function packsInView(packs: readonly MapPack[], view: L.LatLngBounds, zoom: number): MapPack[] {
  return packs.filter(
    (p) =>
      zoom >= p.minZoom &&
      zoom <= p.maxZoom &&
      view.getWest() < p.bounds.east &&
      view.getEast() > p.bounds.west &&
      view.getSouth() < p.bounds.north &&
      view.getNorth() > p.bounds.south,
  );
}

/** Keeps the attribution control listing, as escaped text, the credits of the packs in view. */
export class PackAttribution {
  private shown = new Set<string>();

  constructor(
    private readonly control: L.Control.Attribution,
    private readonly finder: PackTileFinder,
  ) {}

  update(map: L.Map): void {
    const inView = packsInView(this.finder.list(), map.getBounds(), map.getZoom());
    const next = new Set(inView.map((p) => p.attribution.trim()).filter((a) => a !== ''));
    for (const text of this.shown) if (!next.has(text)) this.control.removeAttribution(escapeHtml(text));
    for (const text of next) if (!this.shown.has(text)) this.control.addAttribution(escapeHtml(text));
    this.shown = next;
  }
}
