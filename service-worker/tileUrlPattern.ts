/**
 * Turns the configured Leaflet tile URL template into a matcher for concrete
 * tile URLs, so the worker caches only the configured tile host's tiles, and
 * into the saved-cache key of such a URL (whatever its `{s}` subdomain).
 * Pure (no worker or DOM types): unit-tested from Node.
 */
import { savedTileUrl, type Tile } from '../src/domain/tiles';

/** Tile coordinates: the first of each is captured, repeats only matched. */
const DIGITS: Record<string, string> = { z: '\\d{1,2}', x: '\\d{1,8}', y: '\\d{1,8}' };
const OTHER: Record<string, string> = { s: '[a-z0-9-]+', r: '(?:@2x)?' };

/** What the worker knows about one URL: is it a tile of the template, which tile, and its saved-cache key. */
export interface TileUrlMatcher {
  isTile(url: string): boolean;
  /** The tile a URL of the template names; undefined for other URLs. */
  tileOf(url: string): Tile | undefined;
  /** The canonical saved-tile URL (see savedTileUrl) for a tile URL; undefined for other URLs. */
  savedKey(url: string): string | undefined;
}

/**
 * Parses URLs made from `template` ({s}, {z}, {x}, {y}, {r}; other
 * placeholders match one path segment part) into their tile. Undefined for
 * non-http(s) templates.
 */
export function tileUrlParser(template: string): ((url: string) => Tile | undefined) | undefined {
  if (!/^https?:\/\//i.test(template)) return undefined;
  let source = '';
  let rest = template;
  // Capture group number of the first {z}, {x} and {y}, in template order.
  const groups: Record<string, number> = {};
  let group = 0;
  for (let m = /\{([a-z]+)\}/i.exec(rest); m; m = /\{([a-z]+)\}/i.exec(rest)) {
    const name = m[1] ?? '';
    const digits = DIGITS[name];
    let part = digits ?? OTHER[name] ?? '[^/?#]*';
    if (digits !== undefined && groups[name] === undefined) {
      groups[name] = ++group;
      part = `(${digits})`;
    }
    source += escape(rest.slice(0, m.index)) + part;
    rest = rest.slice(m.index + m[0].length);
  }
  source += escape(rest);
  const re = new RegExp(`^${source}$`, 'i');
  return (url) => {
    const m = re.exec(url);
    if (!m) return undefined;
    // A template without {z}/{x}/{y} (odd, but valid) reads as 0 there.
    const at = (name: string) => {
      const i = groups[name];
      return i === undefined ? 0 : Number(m[i]);
    };
    return { z: at('z'), x: at('x'), y: at('y') };
  };
}

/** isTile + tileOf + savedKey for `template`. Undefined for non-http(s) templates. */
export function tileUrlMatcher(template: string): TileUrlMatcher | undefined {
  const parse = tileUrlParser(template);
  if (!parse) return undefined;
  return {
    isTile: (url) => parse(url) !== undefined,
    tileOf: parse,
    savedKey(url) {
      const tile = parse(url);
      return tile && savedTileUrl(template, tile);
    },
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
