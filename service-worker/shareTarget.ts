/**
 * The manifest's share target: another app (Messages, a messenger, Files,
 * Bluetooth) shares text or a .vada file to Vada. The POST never reaches a
 * server: the worker reads the form, keeps the texts (files read as text,
 * each refused above the bundle size limit) in one cache entry and answers
 * with a redirect, so the page opens the import preview from there. A map
 * pack file (.pmtiles, often hundreds of MB) is never read here: the first
 * one is parked as is under its own key, and the page streams it into the
 * pack import.
 */
import { LIMITS } from '../src/domain/limits';
import { isPackFile, PACK_MIME } from '../src/domain/packFileName';
import {
  SHARE_INBOX_CACHE,
  SHARE_INBOX_KEY,
  SHARE_PACK_KEY,
  SHARE_TARGET_PATH,
  SHARED_PACK_NAME,
  SHARED_PARAM,
} from '../src/domain/shareInbox';

/** Matches the share target's POST on this origin. */
export function isShareTarget({ url, request }: { url: URL; request: Request }): boolean {
  return request.method === 'POST' && url.origin === self.location.origin && url.pathname === SHARE_TARGET_PATH;
}

/** The first map pack file among the shared values (by name or type; its header is checked on import). */
function packOf(values: readonly FormDataEntryValue[]): File | undefined {
  return values.find((v): v is File => typeof v !== 'string' && isPackFile(v));
}

async function textsOf(values: readonly FormDataEntryValue[]): Promise<string[]> {
  const texts: string[] = [];
  let size = 0;
  for (const value of values) {
    if (typeof value !== 'string' && isPackFile(value)) continue;
    const text = typeof value === 'string' ? value : value.size <= LIMITS.bundleTextChars ? await value.text() : '';
    size += text.length;
    // A hostile share cannot fill the cache: past the limit the rest is dropped (the page says what it read).
    if (size > LIMITS.bundleTextChars) break;
    if (text.trim() !== '') texts.push(text);
  }
  return texts;
}

/** Parks what was shared and sends the page to the import preview. */
export async function handleShareTarget({ request }: { request: Request }): Promise<Response> {
  let texts: string[] = [];
  let pack: File | undefined;
  try {
    const values: FormDataEntryValue[] = [];
    (await request.formData()).forEach((value) => values.push(value));
    pack = packOf(values);
    texts = await textsOf(values);
  } catch {
    // Not a form: open the app anyway; it will say nothing was found.
  }
  const cache = await caches.open(SHARE_INBOX_CACHE);
  if (pack)
    await cache.put(
      SHARE_PACK_KEY,
      new Response(pack, {
        headers: { 'content-type': PACK_MIME, [SHARED_PACK_NAME]: encodeURIComponent(pack.name.slice(0, 255)) },
      }),
    );
  await cache.put(
    SHARE_INBOX_KEY,
    new Response(JSON.stringify({ texts }), { headers: { 'content-type': 'application/json' } }),
  );
  return Response.redirect(`/?${SHARED_PARAM}=1`, 303);
}
