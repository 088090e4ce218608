/**
 * Where a long address may break across lines. Browsers find almost no break
 * opportunities in a URL, so a narrow screen either overflows or, with
 * overflow-wrap, cuts it mid-word ("wss://relay.exam|ple.org"). Breaking after
 * the separators (`://`, `/`, `.`, `:`) keeps every name whole; UrlText puts a
 * <wbr> between the segments this returns. Pure, so it is unit tested.
 */

const SEPARATORS = new Set([':', '/', '.']);

/**
 * `url` cut after each run of separators (`:`, `/`, `.`), so "wss://a.b:1/gun"
 * becomes ["wss://", "a.", "b:", "1/", "gun"]. Joining the pieces gives `url` back.
 */
export function urlSegments(url: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < url.length - 1; i++) {
    if (SEPARATORS.has(url.charAt(i)) && !SEPARATORS.has(url.charAt(i + 1))) {
      parts.push(url.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < url.length) parts.push(url.slice(start));
  return parts;
}
