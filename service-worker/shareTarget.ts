/**
 * The manifest's share target: another app (Messages, a messenger, Files,
 * Bluetooth) shares text or a .vada file to Vada. The POST never reaches a
 * server: the worker reads the form, keeps the texts (files read as text,
 * each refused above the bundle size limit) in one cache entry and answers
 * with a redirect, so the page opens the import preview from there.
 */
import { LIMITS } from '../src/domain/limits';
import { SHARE_INBOX_CACHE, SHARE_INBOX_KEY, SHARE_TARGET_PATH, SHARED_PARAM } from '../src/domain/shareInbox';

/** Matches the share target's POST on this origin. */
export function isShareTarget({ url, request }: { url: URL; request: Request }): boolean {
  return request.method === 'POST' && url.origin === self.location.origin && url.pathname === SHARE_TARGET_PATH;
}

async function textsOf(form: FormData): Promise<string[]> {
  const texts: string[] = [];
  let size = 0;
  const values: FormDataEntryValue[] = [];
  form.forEach((value) => values.push(value));
  for (const value of values) {
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
  try {
    texts = await textsOf(await request.formData());
  } catch {
    // Not a form: open the app anyway; it will say nothing was found.
  }
  const cache = await caches.open(SHARE_INBOX_CACHE);
  await cache.put(
    SHARE_INBOX_KEY,
    new Response(JSON.stringify({ texts }), { headers: { 'content-type': 'application/json' } }),
  );
  return Response.redirect(`/?${SHARED_PARAM}=1`, 303);
}
