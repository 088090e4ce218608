/**
 * What Vada knows about a map pack once its header and metadata passed the
 * checks: the facts the list, the map and the relay's config show. Plain data,
 * already sanitised (text is plain text, numbers are in range), so callers
 * never look at the raw header.
 */

/** The raster tile formats Vada draws. */
export type PackTileType = 'png' | 'jpeg' | 'webp';

/** A checked pack's facts. */
export interface PackInfo {
  /** metadata.name as plain text (≤ 80 chars) or '' (the caller falls back to the file name). */
  readonly name: string;
  /** metadata.attribution as plain text (tags removed, entities decoded, ≤ 300 chars). */
  readonly attribution: string;
  readonly tileType: PackTileType;
  /** The MIME type of the tiles, e.g. image/png. */
  readonly mime: string;
  /** 0 ≤ minZoom ≤ maxZoom ≤ 22. */
  readonly minZoom: number;
  readonly maxZoom: number;
  readonly bounds: { readonly west: number; readonly south: number; readonly east: number; readonly north: number };
  /** Addressed tiles (header). */
  readonly tiles: number;
  /** File size in bytes. */
  readonly bytes: number;
}

/** The MIME type of each tile type. */
export const PACK_MIME: Readonly<Record<PackTileType, string>> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
};
