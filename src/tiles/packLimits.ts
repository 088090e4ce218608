/**
 * The bounds Vada puts on a map pack's parts, shared by the reader (which
 * refuses anything larger before it is read or inflated) and the writer (which
 * never writes what the reader would refuse). A city raster pack is far below
 * all of them; they exist so a hostile file cannot make a phone allocate or
 * inflate without limit. docs/decisions/map-packs.md explains each figure.
 */

/** The fixed PMTiles v3 header. */
export const HEADER_BYTES = 127;
/** The header and the root directory lie within the file's first 16,384 bytes (PMTiles v3). */
export const ROOT_LIMIT = 16_384;
/** JSON metadata, stored and inflated. */
export const MAX_METADATA_BYTES = 256 * 1024;
/** One leaf directory, stored and inflated (a 4,096-entry leaf is ≈ 25 KB uncompressed). */
export const MAX_DIRECTORY_BYTES = 1024 * 1024;
/** All leaf directories together (≈ 8 M tiles at ≈ 4 bytes each, gzip'd or not). */
export const MAX_LEAF_SECTION_BYTES = 32 * 1024 * 1024;
/** One tile (a 512 px JPEG is ≈ 100–300 KB). */
export const MAX_TILE_BYTES = 2 * 1024 * 1024;
/** The deepest zoom a pack may declare (street level is 19; beyond 22 tiles are blank upsamples). */
export const MAX_PACK_ZOOM = 22;
/** Leaf directories hold this many entries at first; the writer doubles it until the root fits. */
export const LEAF_ENTRIES = 4096;
