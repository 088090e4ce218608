/**
 * Which raster type a fetched tile is, from its Content-Type checked against
 * its first bytes (src/tiles' image signatures): a pack holds only PNG, JPEG
 * or WebP images no larger than a pack may hold, so an HTML error page, a
 * vector tile or a mislabelled body is refused with its URL instead of ending
 * up in a pack phones would refuse. Pure.
 */
import { isImageOfType } from '../../src/tiles/imageMagic';
import type { PackTileType } from '../../src/tiles/packInfo';
import { MAX_TILE_BYTES } from '../../src/tiles/packLimits';

const TYPES: Readonly<Record<string, PackTileType>> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/webp': 'webp',
};

/** The tile's type, or a one-line reason it cannot go in a pack (the caller adds the URL). */
export function tileTypeOf(
  contentType: string | null,
  bytes: Uint8Array,
): { readonly type: PackTileType } | { readonly problem: string } {
  const mime = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!mime.startsWith('image/')) return { problem: `not an image (Content-Type: ${contentType ?? 'none'})` };
  const declared = TYPES[mime];
  if (!declared) return { problem: `${mime} is not PNG, JPEG or WebP` };
  if (!isImageOfType(bytes, declared)) return { problem: `labelled ${mime} but its bytes are not ${declared}` };
  if (bytes.length > MAX_TILE_BYTES)
    return { problem: `${bytes.length} bytes, more than a pack tile may hold (${MAX_TILE_BYTES})` };
  return { type: declared };
}
