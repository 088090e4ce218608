/**
 * The name of the OPFS directory that holds every imported map pack and its
 * index. Its own module so the panic wipe (wipePacks.ts, in the first load)
 * can name it without bringing the index reader (packIndex.ts) along.
 */

/** The OPFS directory holding every imported pack and the index; the panic wipe deletes it whole. */
export const PACKS_DIR = 'vada-packs';
