/**
 * The list of imported map packs: `index.json` in the OPFS directory
 * 'vada-packs', next to one `<id>.pmtiles` per pack. The page's pack store
 * writes it; the service worker reads it to serve pack tiles. Storage is
 * trusted no more than a file from another phone: every row is checked when
 * read, and a damaged row (or a damaged index) is left out rather than
 * shown or used.
 */
import { PACK_MIME, type PackInfo, type PackTileType } from '../tiles/packInfo';
import { isNotFound, type OpfsDirectory } from './opfs';
import { PACKS_DIR } from './packsDir';

export { PACKS_DIR } from './packsDir';
/** The index file inside PACKS_DIR. */
export const PACK_INDEX = 'index.json';
/** An index larger than this is damage, not a list of packs (a row is ≈ 400 bytes). */
const MAX_INDEX_BYTES = 1024 * 1024;
const ID = /^[a-z0-9]{8,64}$/;

/** One imported pack: the facts its header gave, plus where and when it came from. */
export interface PackRecord extends PackInfo {
  /** Names the stored file `<id>.pmtiles`; lowercase letters and digits. */
  readonly id: string;
  /** The file name it was imported from (plain text), for export and as a fallback name. */
  readonly fileName: string;
  /** Milliseconds since the epoch. */
  readonly importedAt: number;
}

/** True for a well-formed pack id (so a stored id can never name another file). */
export function isPackId(id: unknown): id is string {
  return typeof id === 'string' && ID.test(id);
}

/** The stored file's name for pack `id`. */
export function packFileName(id: string): string {
  return `${id}.pmtiles`;
}

const TYPES = Object.keys(PACK_MIME) as PackTileType[];
const text = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const count = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const zoom = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 22;
const deg = (v: unknown, limit: number): v is number =>
  typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= limit;

/** A stored row that is a well-formed PackRecord (a fresh copy), else undefined. */
export function asPackRecord(value: unknown): PackRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const { id, fileName, importedAt, name, attribution, tileType, minZoom, maxZoom, tiles, bytes } = v;
  const b = (typeof v.bounds === 'object' && v.bounds !== null ? v.bounds : {}) as Record<string, unknown>;
  const type = TYPES.find((t) => t === tileType);
  if (!isPackId(id) || !text(fileName, 255) || !text(name, 80) || !text(attribution, 300) || !type) return undefined;
  if (typeof importedAt !== 'number' || !Number.isFinite(importedAt)) return undefined;
  if (!zoom(minZoom) || !zoom(maxZoom) || minZoom > maxZoom || !count(tiles) || !count(bytes)) return undefined;
  const { west, south, east, north } = b;
  if (!deg(west, 180) || !deg(east, 180) || !deg(south, 90) || !deg(north, 90)) return undefined;
  if (west > east || south > north) return undefined;
  return {
    id,
    fileName,
    importedAt,
    name,
    attribution,
    tileType: type,
    // Derived, never taken from storage: it becomes a Content-Type header.
    mime: PACK_MIME[type],
    minZoom,
    maxZoom,
    bounds: { west, south, east, north },
    tiles,
    bytes,
  };
}

/** The packs directory; undefined when it does not exist and `create` is false. */
export async function packsDir(root: OpfsDirectory, create: boolean): Promise<OpfsDirectory | undefined> {
  try {
    return await root.getDirectoryHandle(PACKS_DIR, { create });
  } catch (e) {
    if (!create && isNotFound(e)) return undefined;
    throw e;
  }
}

/** The index's well-formed rows, one per id (oldest first); [] when there is no index or it is damaged. */
export async function readPackIndex(dir: OpfsDirectory): Promise<PackRecord[]> {
  let file: File;
  try {
    file = await (await dir.getFileHandle(PACK_INDEX)).getFile();
  } catch (e) {
    if (isNotFound(e)) return [];
    throw e;
  }
  if (file.size > MAX_INDEX_BYTES) return [];
  let rows: unknown;
  try {
    rows = JSON.parse(await file.text());
  } catch {
    return [];
  }
  if (!Array.isArray(rows)) return [];
  const records: PackRecord[] = [];
  for (const row of rows) {
    const record = asPackRecord(row);
    if (record && !records.some((r) => r.id === record.id)) records.push(record);
  }
  return records.sort((a, b) => a.importedAt - b.importedAt);
}

/** Replaces the index with `records` (the OPFS commits the new content only when the stream closes). */
export async function writePackIndex(dir: OpfsDirectory, records: readonly PackRecord[]): Promise<void> {
  const writable = await (await dir.getFileHandle(PACK_INDEX, { create: true })).createWritable();
  try {
    await writable.write(JSON.stringify(records));
  } catch (e) {
    await writable.abort().catch(() => undefined);
    throw e;
  }
  await writable.close();
}
