/**
 * Names shared by the service worker and the page for things shared *to*
 * Vada from other apps (the manifest's share_target): the worker receives the
 * POST, parks the text in a cache entry and sends the page to
 * `/?shared=1`; the page takes the entry once and deletes it.
 */

/** The manifest's share_target action (POST, multipart/form-data). */
export const SHARE_TARGET_PATH = '/share-target';
/** Cache Storage cache holding at most one parked share. */
export const SHARE_INBOX_CACHE = 'vada-share-inbox';
/** The one key in that cache. */
export const SHARE_INBOX_KEY = '/vada-share-inbox';
/**
 * The key of a map pack file (.pmtiles) shared to Vada, parked as is (its
 * bytes are never read by the worker; the page imports it like a picked file).
 * Its file name travels URI-encoded in the SHARED_PACK_NAME header.
 */
export const SHARE_PACK_KEY = '/vada-share-inbox-pack';
export const SHARED_PACK_NAME = 'x-vada-file-name';
/** Query parameter telling the page a share is waiting. */
export const SHARED_PARAM = 'shared';

/** Reads the parked share's JSON: the texts it held, or undefined when it is not what the worker writes. */
export function parseSharedTexts(value: unknown): string[] | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const texts = (value as { texts?: unknown }).texts;
  if (!Array.isArray(texts) || !texts.every((x) => typeof x === 'string')) return undefined;
  return texts as string[];
}
