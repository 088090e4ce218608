/**
 * A saved area written as a map pack (.pmtiles), so a phone that has the map
 * can give it to others with no network (share sheet, Bluetooth, USB): every
 * tile of the area's box and zooms that the saved-tile cache holds (keyed by
 * its canonical saved-tile URL, see tileDownloader.ts), in one image type.
 * The tiles stay Blobs from the cache, handed to the writer as Blob parts:
 * the file is never assembled in memory here, the browser streams the parts
 * when it is shared or downloaded.
 */
import { tilesInBounds, savedTileUrl } from '../domain/tiles';
import { isImageOfType } from '../tiles/imageMagic';
import type { PackTileType } from '../tiles/packInfo';
import { writePack, type PackTile } from '../tiles/writePack';
import { openSavedTileCache } from './tileDownloader';
import type { SavedAreaRow } from './vadaDb';

/** The part of a Cache the export reads. */
export interface TileCacheLike {
  match(request: string): Promise<Response | undefined>;
}

export interface ExportSavedAreaOptions {
  /** The tile source's attribution (runtime config), carried into the pack's metadata as plain text. */
  readonly attribution?: string;
  /** The saved-tile cache (default: this browser's). */
  readonly openCache?: () => Promise<TileCacheLike>;
}

const TYPES: readonly PackTileType[] = ['png', 'jpeg', 'webp'];
/** The signatures fit in the first 12 bytes (WebP: RIFF….WEBP). */
const SNIFF_BYTES = 12;

async function imageType(blob: Blob): Promise<PackTileType | undefined> {
  const head = new Uint8Array(await blob.slice(0, SNIFF_BYTES).arrayBuffer());
  return TYPES.find((type) => isImageOfType(head, type));
}

/**
 * The saved area `area` (tiles under `template`) as a .pmtiles Blob: the
 * area's name, the given attribution, the area's bounds; the image type of
 * the first saved tile (a pack holds one type: tiles of another are left
 * out). Rejects PackProblem('bad-tile') when the cache holds none of its tiles.
 */
export async function exportSavedArea(
  area: SavedAreaRow,
  template: string,
  options: ExportSavedAreaOptions = {},
): Promise<Blob> {
  const cache = await (options.openCache ?? openSavedTileCache)();
  const tiles: PackTile[] = [];
  let tileType: PackTileType | undefined;
  for (const tile of tilesInBounds(area.bounds, area.minZoom, area.maxZoom)) {
    const hit = await cache.match(savedTileUrl(template, tile));
    if (!hit) continue;
    const data = await hit.blob();
    const type = data.size > 0 ? await imageType(data) : undefined;
    if (!type) continue;
    tileType ??= type;
    if (type === tileType) tiles.push({ ...tile, data });
  }
  const { parts } = writePack(tiles, {
    name: area.name,
    attribution: options.attribution ?? '',
    tileType: tileType ?? 'png',
    bounds: area.bounds,
  });
  return new Blob(parts as BlobPart[], { type: 'application/vnd.pmtiles' });
}
