/**
 * Opens a map pack the relay serves, for the map to draw from while the
 * relay is reachable: the same reader as for packs on this phone, over HTTP
 * range requests (only the header, directories and the tiles in view travel,
 * never the whole file). The advertised size and ETag pin the file: a pack
 * changed on the relay is refused instead of being read half old, half new.
 */
import type { RelayTilePack } from '../domain/tilePacks';
import { urlByteSource } from '../tiles/byteSource';
import { openPack, type OpenPack } from '../tiles/openPack';

/** The relay's pack, opened (header and metadata checked); rejects with a PackProblem. */
export function openRelayPack(pack: RelayTilePack): Promise<OpenPack> {
  return openPack(urlByteSource(pack.url, pack.bytes, pack.etag));
}
