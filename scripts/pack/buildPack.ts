/**
 * `npm run pack`'s work, in order: refuse OpenStreetMap's public servers
 * (before any request), count the tiles and refuse more than the ceiling,
 * open (or resume) the partial folder, fetch the missing tiles two at a time
 * with progress, then write the pack with writePack through a temporary file,
 * read it back with openPack, and remove the partial folder.
 */
import { openAsBlob } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { countTiles, estimateBytes, tilesInBounds, type Tile } from '../../src/domain/tiles';
import { blobByteSource } from '../../src/tiles/byteSource';
import { openPack } from '../../src/tiles/openPack';
import type { PackInfo } from '../../src/tiles/packInfo';
import { writePack, type PackTile } from '../../src/tiles/writePack';
import { bulkSourceRefusal } from './bulkSourcePolicy';
import type { PackArgs } from './packArgs';
import { openPartial, tileKey } from './partialStore';
import { politeFetcher, type TileAnswer } from './politeFetcher';
import { throttledProgress } from './progressLine';
import { writePackFile } from './writePackFile';

/** At most this many requests to the tile server at once. */
export const MAX_CONCURRENT_REQUESTS = 2;

/** A refusal or failure to print; `exitCode` 2 for refusals before any request, 1 otherwise. */
export class PackBuildError extends Error {
  override readonly name = 'PackBuildError';
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}

export interface BuildDeps {
  readonly print: (line: string) => void;
  readonly userAgent: string;
  /** Replaces the network fetcher (tests of the flow); default politeFetcher. */
  readonly fetchTile?: (url: string) => Promise<TileAnswer>;
}

export interface BuildResult {
  readonly file: string;
  readonly info: PackInfo;
  /** Tiles fetched by this run (the rest came from the partial folder). */
  readonly fetched: number;
  /** Tiles the server did not have (404). */
  readonly missing: number;
}

/** The URL of tile `t` in a Leaflet-style template ({s} is always `a`, {r} dropped). */
export function tileUrl(template: string, t: Tile): string {
  return template
    .replace(/\{z\}/g, String(t.z))
    .replace(/\{x\}/g, String(t.x))
    .replace(/\{y\}/g, String(t.y))
    .replace(/\{s\}/g, 'a')
    .replace(/\{r\}/g, '');
}

export async function buildPack(args: PackArgs, deps: BuildDeps): Promise<BuildResult> {
  const refusal = bulkSourceRefusal(args.from);
  if (refusal) throw new PackBuildError(refusal, 2);
  const { bounds, minZoom, maxZoom } = args;
  const total = countTiles(bounds, minZoom, maxZoom);
  deps.print(
    `${total} tiles at zoom ${minZoom}-${maxZoom} (roughly ${Math.round(estimateBytes(total) / 1_000_000)} MB) from ${args.from}`,
  );
  if (total > args.maxTiles)
    throw new PackBuildError(
      `${total} tiles is more than the maximum of ${args.maxTiles}: make the area or the zoom range smaller, ` +
        `or pass --max-tiles ${total} if the tile server's terms allow a download this large.`,
      2,
    );

  const partial = await openPartial(`${args.out}.partial`, { bounds, minZoom, maxZoom, from: args.from });
  const kept = partial.done.size;
  if (kept > 0) deps.print(`Resuming: ${kept} of ${total} tiles already fetched in ${partial.dir}`);
  const fetchTile =
    deps.fetchTile ??
    politeFetcher({
      userAgent: deps.userAgent,
      onWait: (ms, why) => deps.print(`${why}: waiting ${Math.ceil(ms / 1000)} s before the next request`),
    });
  let bytes = [...partial.done.values()].reduce((n, t) => n + t.length, 0);
  let fetched = 0;
  const started = Date.now();
  const progress = throttledProgress(deps.print);
  const report = (force = false) =>
    progress({ done: partial.done.size, total, bytes, fetched, elapsedMs: Date.now() - started }, force);

  const todo = (function* () {
    for (const t of tilesInBounds(bounds, minZoom, maxZoom)) if (!partial.done.has(tileKey(t.z, t.x, t.y))) yield t;
  })();
  let stop = false;
  const worker = async () => {
    for (let next = todo.next(); !stop && !next.done; next = todo.next()) {
      const t = next.value;
      try {
        const answer = await fetchTile(tileUrl(args.from, t));
        const data = answer.kind === 'tile' ? answer.bytes : new Uint8Array(0);
        await partial.add(t.z, t.x, t.y, data, answer.kind === 'tile' ? answer.type : 'none');
        fetched++;
        bytes += data.length;
        report();
      } catch (e) {
        stop = true; // the other worker finishes its tile, then stops too
        throw e;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: MAX_CONCURRENT_REQUESTS }, worker));
  const failure = results.find((r) => r.status === 'rejected');
  if (failure) {
    await partial.close();
    const e: unknown = failure.reason;
    throw new PackBuildError(
      `${e instanceof Error ? e.message : String(e)}\n${partial.done.size} of ${total} tiles are kept in ${partial.dir}: ` +
        `run the same command again to continue.`,
      1,
    );
  }
  await partial.close();
  report(true);

  const stored = [...partial.done.values()];
  const present = stored.filter((t) => t.type !== 'none');
  const missing = stored.length - present.length;
  const types = new Set(present.map((t) => t.type));
  if (present.length === 0) throw new PackBuildError(`The server had none of the ${total} tiles (all 404).`, 1);
  if (types.size > 1)
    throw new PackBuildError(`The server sent tiles of several types (${[...types].join(', ')}); a pack holds one.`, 1);
  const tileType = present[0]?.type as PackInfo['tileType'];
  const data = await openAsBlob(partial.dataFile);
  const tiles: PackTile[] = present.map((t) => ({
    z: t.z,
    x: t.x,
    y: t.y,
    data: data.slice(t.offset, t.offset + t.length),
  }));
  const pack = writePack(tiles, {
    name: args.name ?? basename(args.out).replace(/\.pmtiles$/i, ''),
    attribution: args.attribution,
    tileType,
    bounds,
  });
  await writePackFile(pack.parts, args.out);
  // Read back what was written, with the same checks phones and the relay run.
  const written = await openPack(blobByteSource(await openAsBlob(args.out), args.out));
  await rm(partial.dir, { recursive: true, force: true });
  return { file: args.out, info: written.info, fetched, missing };
}
