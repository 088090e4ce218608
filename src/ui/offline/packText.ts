/**
 * How a map pack is described in the list: its name (the file name when its
 * metadata has none), its area as a rough size ("about 12 km × 8 km": a
 * pack's bounds are a box, not a place name), its zoom range and its size.
 */
import { packDisplayName } from '../../domain/packFileName';
import type { Bounds } from '../../domain/tiles';
import { formatBytes, formatDistance, t } from '../../i18n';

const KM_PER_DEGREE = 111.32;

/** The rough width and height of a box, in the locale's words. */
export function packAreaText(b: Bounds): string {
  const midLat = ((b.north + b.south) / 2) * (Math.PI / 180);
  const width = Math.abs(b.east - b.west) * KM_PER_DEGREE * Math.cos(midLat) * 1000;
  const height = Math.abs(b.north - b.south) * KM_PER_DEGREE * 1000;
  return t('pack.area', { width: formatDistance(width), height: formatDistance(height) });
}

/** "about 12 km × 8 km, zoom 10–16, 48 MB". */
export function packDetailsText(p: {
  readonly bounds: Bounds;
  readonly minZoom: number;
  readonly maxZoom: number;
  readonly bytes: number;
}): string {
  return t('pack.details', {
    area: packAreaText(p.bounds),
    min: p.minZoom,
    max: p.maxZoom,
    size: formatBytes(p.bytes),
  });
}

/** The name a pack is listed under. */
export function packName(p: { readonly name: string; readonly fileName: string }): string {
  return packDisplayName(p.name, p.fileName);
}
