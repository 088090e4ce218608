/**
 * Turns the configured Leaflet tile URL template into a matcher for concrete
 * tile URLs, so the worker caches only the configured tile host's tiles.
 * Pure (no worker or DOM types): unit-tested from Node.
 */

const PLACEHOLDER: Record<string, string> = {
  s: '[a-z0-9-]+',
  z: '\\d{1,2}',
  x: '\\d{1,8}',
  y: '\\d{1,8}',
  r: '(?:@2x)?',
};

/**
 * A test for URLs made from `template` ({s}, {z}, {x}, {y}, {r}; other
 * placeholders match one path segment part). Undefined for non-http(s) templates.
 */
export function tileUrlPattern(template: string): ((url: string) => boolean) | undefined {
  if (!/^https?:\/\//i.test(template)) return undefined;
  let source = '';
  let rest = template;
  for (let m = /\{([a-z]+)\}/i.exec(rest); m; m = /\{([a-z]+)\}/i.exec(rest)) {
    source += escape(rest.slice(0, m.index)) + (PLACEHOLDER[m[1] ?? ''] ?? '[^/?#]*');
    rest = rest.slice(m.index + m[0].length);
  }
  source += escape(rest);
  const re = new RegExp(`^${source}$`, 'i');
  return (url) => re.test(url);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
