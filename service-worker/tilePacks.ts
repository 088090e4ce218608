/**
 * Map packs in the worker: the packs imported on this phone (the OPFS
 * directory the page's pack store writes, src/platform/packIndex.ts) and the
 * packs the relay serves (the config's `tilePacks`, read by HTTP range
 * requests from the relay), as coverages for the one tile rule
 * (src/domain/tileSource.ts) and as tile bytes. Packs are opened once and
 * kept open; the page says when its packs changed (PACKS_CHANGED) and the
 * index is read again. After a panic wipe no pack is read any more.
 */
import type { PackCoverage } from '../src/domain/tileSource';
import type { RelayTilePack } from '../src/domain/tilePacks';
import type { Tile } from '../src/domain/tiles';
import { opfsRoot, type OpfsDirectory } from '../src/platform/opfs';
import { packFileName, packsDir, readPackIndex } from '../src/platform/packIndex';
import { blobByteSource, urlByteSource } from '../src/tiles/byteSource';
import { openPack, type OpenPack } from '../src/tiles/openPack';
import { relayTilePacks } from './runtimeConfig';

/** A tile from a pack: its bytes and their MIME type (the pack header's). */
export interface PackTileBytes {
  readonly bytes: Uint8Array;
  readonly mime: string;
}

/** A device pack's coverage id is its pack id; a relay pack's is this prefix and its URL. */
const RELAY = 'relay:';

let root: () => Promise<OpfsDirectory | undefined> = opfsRoot;
let device: Promise<PackCoverage[]> | undefined;
const opened = new Map<string, Promise<OpenPack | undefined>>();
let wiped = false;

/** Replaces where the worker finds the OPFS (tests: an in-memory fake); forgets every pack. */
export function usePackRoot(next: () => Promise<OpfsDirectory | undefined>): void {
  root = next;
  forgetPacks();
}

/** The page imported or deleted packs (message PACKS_CHANGED): read the index again, reopen on demand. */
export function forgetPacks(): void {
  device = undefined;
  opened.clear();
}

/** The panic wipe: no pack is read or kept open from now on in this worker. */
export function stopServingPacks(): void {
  wiped = true;
  forgetPacks();
}

async function readDevicePacks(): Promise<PackCoverage[]> {
  try {
    const top = await root();
    // Never created here: after a wipe the worker must not bring the directory back.
    const dir = top && (await packsDir(top, false));
    if (!dir) return [];
    return (await readPackIndex(dir)).map((r) => ({
      id: r.id,
      minZoom: r.minZoom,
      maxZoom: r.maxZoom,
      bounds: r.bounds,
      where: 'device' as const,
    }));
  } catch {
    return [];
  }
}

const relayCoverage = (p: RelayTilePack): PackCoverage => ({
  id: RELAY + p.url,
  minZoom: p.minZoom,
  maxZoom: p.maxZoom,
  bounds: p.bounds,
  where: 'relay',
});

/** Every pack the worker may serve tiles from: this phone's, then the relay's. */
export async function packCoverages(): Promise<PackCoverage[]> {
  if (wiped) return [];
  device ??= readDevicePacks();
  const [mine, relay] = await Promise.all([device, relayTilePacks()]);
  return [...mine, ...relay.map(relayCoverage)];
}

async function openDevicePack(id: string): Promise<OpenPack | undefined> {
  const top = await root();
  const dir = top && (await packsDir(top, false));
  if (!dir) return undefined;
  const file = await (await dir.getFileHandle(packFileName(id))).getFile();
  return openPack(blobByteSource(file, `opfs:${id}`));
}

/** Opened once per key; a failure to open a relay pack is forgotten (the relay may be back for the next tile). */
function openOnce(key: string, opening: () => Promise<OpenPack | undefined>, retry: boolean) {
  let found = opened.get(key);
  if (!found) {
    const mine = opening().catch(() => {
      // A damaged file stays refused until the packs change.
      if (retry && opened.get(key) === mine) opened.delete(key);
      return undefined;
    });
    opened.set(key, mine);
    found = mine;
  }
  return found;
}

async function open(pack: PackCoverage): Promise<OpenPack | undefined> {
  if (pack.where === 'device') return openOnce(pack.id, () => openDevicePack(pack.id), false);
  const url = pack.id.slice(RELAY.length);
  const advertised = (await relayTilePacks()).find((p) => p.url === url);
  if (!advertised) return undefined;
  // Keyed by the ETag too: a relay that now serves another file under the same URL is opened afresh.
  const { bytes, etag } = advertised;
  return openOnce(`${pack.id}|${etag ?? ''}|${bytes}`, () => openPack(urlByteSource(url, bytes, etag)), true);
}

/** The tile from `pack`, or undefined when the pack lacks it or cannot be read (the next step is tried). */
export async function packTile(pack: PackCoverage, tile: Tile): Promise<PackTileBytes | undefined> {
  if (wiped) return undefined;
  try {
    const opened = await open(pack);
    const bytes = await opened?.tile(tile.z, tile.x, tile.y);
    return opened && bytes ? { bytes, mime: opened.info.mime } : undefined;
  } catch {
    return undefined;
  }
}
