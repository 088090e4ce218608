/**
 * Relay addresses: what the settings form accepts, and the `?relay=` query
 * parameter (repeatable) that adds relays for one session. One relay has one
 * spelling: GUN opens `http(s)://…/gun` as `ws(s)://…/gun` itself, so
 * `wss://` is written `https://` (and `ws://` `http://`), as this origin's own
 * relay and the relay's --peer flag are; otherwise the same relay could be
 * listed, and connected to, twice.
 */

export type RelayUrlError = 'empty' | 'invalid' | 'scheme' | 'path' | 'credentials';

/**
 * Normalises a relay URL, or says what is wrong: http(s) or ws(s) (written
 * as http(s)), path ending in /gun, no user:pass.
 */
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
  // The scheme cannot be switched between special and WebSocket ones in place: build the text.
  const scheme = u.protocol === 'wss:' || u.protocol === 'https:' ? 'https:' : 'http:';
  return { ok: true, url: new URL(`${scheme}//${u.host}${u.pathname}`).href };
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
