/**
 * Deletes every imported map pack at once: the whole OPFS directory
 * 'vada-packs' (files and index). Used by the panic wipe and by the pack
 * store's wipe; a pack names the city it maps, so it must not survive a wipe.
 */
import { isNotFound, opfsRoot, type OpfsDirectory } from './opfs';
import { PACKS_DIR } from './packsDir';

/** Removes 'vada-packs' recursively; resolves when it is gone (or was never there), rejects on other failures. */
export async function wipePacks(root?: OpfsDirectory): Promise<void> {
  const dir = root ?? (await opfsRoot());
  if (!dir) return;
  try {
    await dir.removeEntry(PACKS_DIR, { recursive: true });
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
}
