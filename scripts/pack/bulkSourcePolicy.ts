/**
 * Which tile servers `npm run pack` refuses to copy from. The OpenStreetMap
 * Foundation's public tile servers forbid bulk downloading (offline use,
 * prefetching) in their Tile Usage Policy; they are run by volunteers on
 * donated hardware for people browsing a map, so Vada never makes a pack
 * from them, whatever the size. Pure: checked before any request is made.
 */
import { isOsmPublicTiles } from '../../src/domain/tilePolicy';

export const OSM_TILE_POLICY_URL = 'https://operations.osmfoundation.org/policies/tiles/';

/** The refusal to print for `template`, or undefined when it may be used. */
export function bulkSourceRefusal(template: string): string | undefined {
  if (!isOsmPublicTiles(template)) return undefined;
  return (
    `Refused: ${template} is one of OpenStreetMap's public tile servers. The OSMF Tile Usage Policy ` +
    `(${OSM_TILE_POLICY_URL}) forbids bulk downloading from them, and a map pack is a bulk download. ` +
    `Use a tile server whose terms allow it (your own, or a provider that permits offline packs).`
  );
}
