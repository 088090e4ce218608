/**
 * Whether a tile's bytes are the image type the pack's header declares,
 * by the format's signature: a pack cannot smuggle HTML, SVG or script in as
 * a "tile", and a tile the header mislabels is not drawn.
 */
import type { PackTileType } from './packInfo';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const RIFF = [0x52, 0x49, 0x46, 0x46];
const WEBP = [0x57, 0x45, 0x42, 0x50];

const startsWith = (bytes: Uint8Array, sig: readonly number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);

/** True when `bytes` start with the signature of `type` (PNG signature, JPEG FF D8 FF, WebP RIFF….WEBP). */
export function isImageOfType(bytes: Uint8Array, type: PackTileType): boolean {
  if (type === 'png') return startsWith(bytes, PNG);
  if (type === 'jpeg') return startsWith(bytes, JPEG);
  return startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8);
}
