/**
 * Headers sent with every HTTP response: a strict Content-Security-Policy that
 * lets the app reach only its own origin, WebSocket relays and the configured
 * tile host, plus the usual hardening headers.
 */

export const DEFAULT_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
export const DEFAULT_TILE_ATTRIBUTION = '© OpenStreetMap contributors';

/**
 * The CSP source for a Leaflet tile URL template: its origin, with a `{s}`
 * subdomain placeholder turned into a wildcard. Undefined when not http(s).
 */
export function tileOrigin(tileUrl: string): string | undefined {
  const SUB = 'vada-subdomain-placeholder';
  let url: URL;
  try {
    url = new URL(tileUrl.replace(/\{s\}/g, SUB).replace(/\{[a-z]+\}/gi, '0'));
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  return url.origin.replace(SUB, '*');
}

export function contentSecurityPolicy(tileUrl: string): string {
  const tiles = tileOrigin(tileUrl);
  const extra = tiles ? ` ${tiles}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${extra}`,
    `connect-src 'self' ws: wss:${extra}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

/** The hardening headers for every response. */
export function securityHeaders(tileUrl: string): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(tileUrl),
    'X-Content-Type-Options': 'nosniff',
    // Only the origin, never a path: OpenStreetMap's tile policy requires browser apps to
    // send a Referer, and the origin is all the tile host needs to tell apps apart.
    'Referrer-Policy': 'strict-origin',
    'Permissions-Policy': 'geolocation=(self), camera=(self), microphone=()',
  };
}
