/**
 * Relay addresses: what the settings form accepts, and the `?relay=` query
 * parameter (repeatable) that adds relays for one session.
 */

export type RelayUrlError = 'empty' | 'invalid' | 'scheme' | 'path' | 'credentials';

/** Normalises a relay URL, or says what is wrong: http(s) or ws(s), path ending in /gun, no user:pass. */
export function checkRelayUrl(input: string): { ok: true; url: string } | { ok: false; error: RelayUrlError } {
  const text = input.trim();
  if (text === '') return { ok: false, error: 'empty' };
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return { ok: false, error: 'invalid' };
  }
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol)) return { ok: false, error: 'scheme' };
  if (!u.hostname) return { ok: false, error: 'invalid' };
  // Credentials in a URL end up in logs and screenshots; relays need none.
  if (u.username || u.password) return { ok: false, error: 'credentials' };
  if (!/\/gun$/.test(u.pathname) || u.search || u.hash) return { ok: false, error: 'path' };
  return { ok: true, url: u.href };
}

/** Valid `relay` parameters of a query string (invalid ones are ignored), deduplicated. */
export function relaysFromQuery(search: string): string[] {
  const out: string[] = [];
  for (const raw of new URLSearchParams(search).getAll('relay')) {
    const r = checkRelayUrl(raw);
    if (r.ok && !out.includes(r.url)) out.push(r.url);
  }
  return out;
}

/** This origin's relay, e.g. http://127.0.0.1:8765/gun. */
export function originRelay(origin: string): string {
  return new URL('/gun', origin).href;
}
