/**
 * The `If-None-Match` test both file servers use (the app's files and map
 * packs): one place for RFC 9110's weak comparison.
 */

/** True when an `If-None-Match` list names `etag` (weak comparison, as RFC 9110 says for this header). */
export function noneMatch(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === bare);
}
