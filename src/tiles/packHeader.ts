/**
 * The 127-byte PMTiles v3 header as numbers, read and written by Vada's own
 * code (not the pmtiles library) so openPack can check every field of an
 * untrusted file before the library parses anything, and writePack can lay
 * the header out per the specification. Little-endian throughout; 64-bit
 * fields become numbers (possibly beyond 2^53, which the checks refuse).
 */
import { HEADER_BYTES } from './packLimits';

/** "PMTiles" in ASCII. */
export const MAGIC = [0x50, 0x4d, 0x54, 0x69, 0x6c, 0x65, 0x73] as const;

/** Every header field, in file order; coordinates as stored (degrees × 10^7). */
export interface RawHeader {
  readonly version: number;
  readonly rootOffset: number;
  readonly rootLength: number;
  readonly metadataOffset: number;
  readonly metadataLength: number;
  readonly leafOffset: number;
  readonly leafLength: number;
  readonly tileOffset: number;
  readonly tileLength: number;
  readonly addressedTiles: number;
  readonly tileEntries: number;
  readonly tileContents: number;
  readonly clustered: number;
  readonly internalCompression: number;
  readonly tileCompression: number;
  readonly tileType: number;
  readonly minZoom: number;
  readonly maxZoom: number;
  readonly minLonE7: number;
  readonly minLatE7: number;
  readonly maxLonE7: number;
  readonly maxLatE7: number;
  readonly centerZoom: number;
  readonly centerLonE7: number;
  readonly centerLatE7: number;
}

/** True when `bytes` starts with the 7-byte magic "PMTiles". */
export function hasMagic(bytes: Uint8Array): boolean {
  return MAGIC.every((b, i) => bytes[i] === b);
}

const u64 = (v: DataView, at: number) => v.getUint32(at + 4, true) * 2 ** 32 + v.getUint32(at, true);

/** Reads the header fields from the file's first 127 (or more) bytes. */
export function decodeHeader(bytes: Uint8Array): RawHeader {
  if (bytes.length < HEADER_BYTES) throw new RangeError('a PMTiles header is 127 bytes');
  const v = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  return {
    version: v.getUint8(7),
    rootOffset: u64(v, 8),
    rootLength: u64(v, 16),
    metadataOffset: u64(v, 24),
    metadataLength: u64(v, 32),
    leafOffset: u64(v, 40),
    leafLength: u64(v, 48),
    tileOffset: u64(v, 56),
    tileLength: u64(v, 64),
    addressedTiles: u64(v, 72),
    tileEntries: u64(v, 80),
    tileContents: u64(v, 88),
    clustered: v.getUint8(96),
    internalCompression: v.getUint8(97),
    tileCompression: v.getUint8(98),
    tileType: v.getUint8(99),
    minZoom: v.getUint8(100),
    maxZoom: v.getUint8(101),
    minLonE7: v.getInt32(102, true),
    minLatE7: v.getInt32(106, true),
    maxLonE7: v.getInt32(110, true),
    maxLatE7: v.getInt32(114, true),
    centerZoom: v.getUint8(118),
    centerLonE7: v.getInt32(119, true),
    centerLatE7: v.getInt32(123, true),
  };
}

const setU64 = (v: DataView, at: number, n: number) => {
  v.setUint32(at, n % 2 ** 32, true);
  v.setUint32(at + 4, Math.floor(n / 2 ** 32), true);
};

/** Lays the fields out as the 127-byte header (magic included). */
export function encodeHeader(h: RawHeader): Uint8Array {
  const bytes = new Uint8Array(HEADER_BYTES);
  bytes.set(MAGIC, 0);
  const v = new DataView(bytes.buffer);
  v.setUint8(7, h.version);
  setU64(v, 8, h.rootOffset);
  setU64(v, 16, h.rootLength);
  setU64(v, 24, h.metadataOffset);
  setU64(v, 32, h.metadataLength);
  setU64(v, 40, h.leafOffset);
  setU64(v, 48, h.leafLength);
  setU64(v, 56, h.tileOffset);
  setU64(v, 64, h.tileLength);
  setU64(v, 72, h.addressedTiles);
  setU64(v, 80, h.tileEntries);
  setU64(v, 88, h.tileContents);
  v.setUint8(96, h.clustered);
  v.setUint8(97, h.internalCompression);
  v.setUint8(98, h.tileCompression);
  v.setUint8(99, h.tileType);
  v.setUint8(100, h.minZoom);
  v.setUint8(101, h.maxZoom);
  v.setInt32(102, h.minLonE7, true);
  v.setInt32(106, h.minLatE7, true);
  v.setInt32(110, h.maxLonE7, true);
  v.setInt32(114, h.maxLatE7, true);
  v.setUint8(118, h.centerZoom);
  v.setInt32(119, h.centerLonE7, true);
  v.setInt32(123, h.centerLatE7, true);
  return bytes;
}
