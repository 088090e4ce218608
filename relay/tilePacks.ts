/**
 * The relay's map packs (`--tiles-pack FILE`): each file is opened once at
 * start, checked with openPack (src/tiles: the same untrusted-input checks the
 * phones run) and kept open, so every request reads the very file that was
 * checked, even if the operator moves or replaces it on disk meanwhile (then
 * restart to serve the new one). A file that fails refuses the start with one
 * line naming the file and the PackProblem code.
 * See docs/decisions/map-packs.md (Serving).
 */
import { open, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isPackProblem } from '../src/domain/packProblem';
import { openPack } from '../src/tiles/openPack';
import type { PackInfo } from '../src/tiles/packInfo';
import { fileByteSource } from './fileByteSource';
import { uniqueSlugs } from './packSlug';

/** One pack as the relay serves it. */
export interface ServedPack {
  /** The file as given on the command line, resolved. */
  readonly file: string;
  readonly slug: string;
  /** `/packs/<slug>.pmtiles` */
  readonly url: string;
  readonly info: PackInfo;
  readonly size: number;
  /** Strong validator: size, modification time and inode of the checked file. */
  readonly etag: string;
  /** The file's modification time, as an HTTP date. */
  readonly lastModified: string;
  /** The open, checked file; closed by closeTilePacks. */
  readonly handle: FileHandle;
}

/** The entry of `/vada-config.json`'s `tilePacks` for one pack. */
export interface TilePackConfig {
  readonly url: string;
  readonly name: string;
  readonly attribution: string;
  readonly tileType: PackInfo['tileType'];
  readonly minZoom: number;
  readonly maxZoom: number;
  readonly bounds: PackInfo['bounds'];
  readonly bytes: number;
  readonly etag: string;
}

/** A pack that stops the relay from starting; `message` is the one line to print. */
export class TilePackError extends Error {
  override readonly name = 'TilePackError';
}

async function loadOne(file: string, slug: string): Promise<ServedPack> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new TilePackError(`Map pack ${file} refused: read-failed: ${why}`);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new TilePackError(`Map pack ${file} refused: read-failed: not a file`);
    const pack = await openPack(fileByteSource(handle, stat.size, file));
    const mtime = Math.floor(stat.mtimeMs);
    return {
      file,
      slug,
      url: `/packs/${slug}.pmtiles`,
      info: pack.info,
      size: stat.size,
      etag: `"${stat.size.toString(16)}-${mtime.toString(16)}-${stat.ino.toString(16)}"`,
      lastModified: new Date(mtime).toUTCString(),
      handle,
    };
  } catch (e) {
    await handle.close();
    if (e instanceof TilePackError) throw e;
    // e.message is "<code>" or "<code>: <detail>".
    if (isPackProblem(e)) throw new TilePackError(`Map pack ${file} refused: ${e.message}`);
    throw new TilePackError(`Map pack ${file} refused: read-failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Opens and checks every file, in order; on the first failure closes the others and throws TilePackError. */
export async function loadTilePacks(files: readonly string[]): Promise<ServedPack[]> {
  const paths = files.map((f) => resolve(f));
  const slugs = uniqueSlugs(paths);
  const packs: ServedPack[] = [];
  try {
    for (const [i, file] of paths.entries()) packs.push(await loadOne(file, slugs[i] as string));
  } catch (e) {
    await closeTilePacks(packs);
    throw e;
  }
  return packs;
}

/** Closes the files of loadTilePacks. */
export async function closeTilePacks(packs: readonly ServedPack[]): Promise<void> {
  await Promise.all(packs.map((p) => p.handle.close().catch(() => {})));
}

/** What `/vada-config.json` says about a pack: no file path, the name falling back to the slug. */
export function tilePackConfig(p: ServedPack): TilePackConfig {
  const { info } = p;
  return {
    url: p.url,
    name: info.name || p.slug,
    attribution: info.attribution,
    tileType: info.tileType,
    minZoom: info.minZoom,
    maxZoom: info.maxZoom,
    bounds: { west: info.bounds.west, south: info.bounds.south, east: info.bounds.east, north: info.bounds.north },
    bytes: p.size,
    etag: p.etag,
  };
}
