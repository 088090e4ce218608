/**
 * Where `npm run pack` keeps tiles while it fetches them, so a killed or
 * failed run resumes instead of asking the tile server again: `<out>.partial/`
 * holds `job.json` (the area, zooms and source: a rerun with other ones must
 * not mix tiles), `tiles.bin` (tile bytes, append-only) and `index.txt` (one
 * line `z/x/y offset length type` per tile, appended after its bytes). A line
 * is trusted only when complete and inside tiles.bin, so a kill at any moment
 * loses at most the tile being written. Missing tiles (HTTP 404) are recorded
 * with type `none` so they are not asked for again.
 */
import { mkdir, open, readFile, rename, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { PackTileType } from '../../src/tiles/packInfo';

/** What a partial folder was started for. */
export interface PartialJob {
  readonly bounds: { readonly west: number; readonly south: number; readonly east: number; readonly north: number };
  readonly minZoom: number;
  readonly maxZoom: number;
  readonly from: string;
}

export interface StoredTile {
  readonly z: number;
  readonly x: number;
  readonly y: number;
  readonly offset: number;
  readonly length: number;
  /** 'none': the server has no such tile (404). */
  readonly type: PackTileType | 'none';
}

export interface PartialStore {
  readonly dir: string;
  readonly dataFile: string;
  /** Tiles fetched so far, by `z/x/y`. */
  readonly done: ReadonlyMap<string, StoredTile>;
  /** Appends a tile's bytes, then its index line; calls are serialised. */
  add(z: number, x: number, y: number, data: Uint8Array, type: PackTileType | 'none'): Promise<void>;
  close(): Promise<void>;
}

/** The partial folder exists for another job: the message says what to do. */
export class PartialMismatch extends Error {
  override readonly name = 'PartialMismatch';
}

export const tileKey = (z: number, x: number, y: number) => `${z}/${x}/${y}`;
const LINE = /^(\d{1,2})\/(\d{1,8})\/(\d{1,8}) (\d{1,15}) (\d{1,10}) (png|jpeg|webp|none)$/;

const jobText = (job: PartialJob) =>
  JSON.stringify({
    version: 1,
    bounds: [job.bounds.west, job.bounds.south, job.bounds.east, job.bounds.north],
    zoom: [job.minZoom, job.maxZoom],
    from: job.from,
  });

/** The complete, in-bounds lines of an index; stops at the first line that is not. */
function readIndex(text: string, dataSize: number): StoredTile[] {
  const tiles: StoredTile[] = [];
  const lines = text.split('\n');
  lines.pop(); // the text after the last newline: empty, or a line cut by a kill
  for (const line of lines) {
    const m = LINE.exec(line);
    if (!m) break;
    const [z, x, y, offset, length] = m.slice(1, 6).map(Number) as [number, number, number, number, number];
    if (offset + length > dataSize) break;
    tiles.push({ z, x, y, offset, length, type: m[6] as StoredTile['type'] });
  }
  return tiles;
}

const indexLine = (t: StoredTile) => `${tileKey(t.z, t.x, t.y)} ${t.offset} ${t.length} ${t.type}\n`;

/** Opens (or starts) the partial folder `dir` for `job`; rejects PartialMismatch when it belongs to another job. */
export async function openPartial(dir: string, job: PartialJob): Promise<PartialStore> {
  const jobFile = join(dir, 'job.json');
  const dataFile = join(dir, 'tiles.bin');
  const indexFile = join(dir, 'index.txt');
  await mkdir(dir, { recursive: true });
  const want = jobText(job);
  const have = await readFile(jobFile, 'utf8').catch(() => undefined);
  if (have === undefined) {
    await writeFile(dataFile, new Uint8Array(0), { flag: 'a' });
    await writeFile(indexFile, '', { flag: 'a' });
    await writeFile(jobFile, want);
  } else if (have !== want) {
    throw new PartialMismatch(
      `${dir} holds tiles of another area, zoom range or source (${have}). ` +
        `Run with the same --bbox, --zoom and --from to resume it, or delete that folder to start over.`,
    );
  }
  const dataSize = (await stat(dataFile)).size;
  const tiles = readIndex(await readFile(indexFile, 'utf8'), dataSize);
  // Rewrite the index without a cut-off tail, so appended lines start on a fresh line.
  await writeFile(`${indexFile}.tmp`, tiles.map(indexLine).join(''));
  await rename(`${indexFile}.tmp`, indexFile);
  const done = new Map(tiles.map((t) => [tileKey(t.z, t.x, t.y), t]));

  const data: FileHandle = await open(dataFile, 'a');
  const index: FileHandle = await open(indexFile, 'a');
  // Bytes after the last indexed tile (a kill between the two writes) are left in place, unused.
  let end = dataSize;
  let queue = Promise.resolve();
  return {
    dir,
    dataFile,
    done,
    add(z, x, y, bytes, type) {
      const step = queue.then(async () => {
        const tile: StoredTile = { z, x, y, offset: end, length: bytes.length, type };
        if (bytes.length > 0) await data.appendFile(bytes);
        end += bytes.length;
        await index.appendFile(indexLine(tile));
        done.set(tileKey(z, x, y), tile);
      });
      queue = step.catch(() => {});
      return step;
    },
    async close() {
      await queue;
      await data.close();
      await index.close();
    },
  };
}
