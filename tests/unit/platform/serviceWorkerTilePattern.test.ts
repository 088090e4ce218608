/**
 * The worker caches only the configured tile host's tile URLs: the matcher
 * built from the Leaflet template accepts its tiles and nothing else, and maps
 * a tile URL of any subdomain to the key the page saved that tile under.
 */
import { describe, expect, it } from 'vitest';
import { tileUrlMatcher, tileUrlParser } from '../../../service-worker/tileUrlPattern';
import { savedTileUrl } from '../../../src/domain/tiles';

describe('tileUrlMatcher', () => {
  it('matches tiles of a plain template and nothing else on that host', () => {
    const isTile = tileUrlMatcher('http://127.0.0.1:4321/{z}/{x}/{y}.png')?.isTile;
    expect(isTile).toBeDefined();
    expect(isTile?.('http://127.0.0.1:4321/13/4823/2765.png')).toBe(true);
    for (const url of [
      'http://127.0.0.1:4321/13/4823/2765.js',
      'http://127.0.0.1:4321/app.js',
      'http://127.0.0.1:4321/13/4823/2765.png?x=1',
      'http://127.0.0.1:9999/13/4823/2765.png',
      'https://127.0.0.1:4321/13/4823/2765.png',
      'http://127.0.0.1:4321/a/b/c.png',
    ])
      expect(isTile?.(url), url).toBe(false);
  });

  it('names the tile of a tile URL (for the pack step), and none for other URLs', () => {
    const m = tileUrlMatcher('https://{s}.tile.example.org/{z}/{x}/{y}{r}.png');
    expect(m?.tileOf('https://c.tile.example.org/13/4823/2765@2x.png')).toEqual({ z: 13, x: 4823, y: 2765 });
    expect(m?.tileOf('https://c.tile.example.org/13/4823/x.png')).toBeUndefined();
  });

  it('handles subdomains, retina suffix and escapes regex characters', () => {
    const isTile = tileUrlMatcher('https://{s}.tile.example.org/base/{z}/{x}/{y}{r}.png?key=a+b')?.isTile;
    expect(isTile?.('https://a.tile.example.org/base/2/1/3.png?key=a+b')).toBe(true);
    expect(isTile?.('https://b.tile.example.org/base/2/1/3@2x.png?key=a+b')).toBe(true);
    expect(isTile?.('https://a.tileXexample.org/base/2/1/3.png?key=a+b')).toBe(false);
    expect(isTile?.('https://a.tile.example.org/base/2/1/3.png?key=aab')).toBe(false);
    expect(isTile?.('https://evil.org/a.tile.example.org/base/2/1/3.png?key=a+b')).toBe(false);
  });

  it('refuses templates that are not http(s)', () => {
    expect(tileUrlMatcher('javascript:alert(1)')).toBeUndefined();
    expect(tileUrlMatcher('/tiles/{z}/{x}/{y}.png')).toBeUndefined();
  });

  it('finds the saved key of a {s} tile whatever subdomain or pixel ratio the map asked for', () => {
    const template = 'https://{s}.tile.example.org/{z}/{x}/{y}{r}.png';
    const m = tileUrlMatcher(template);
    const tile = { z: 14, x: 8190, y: 5447 };
    const key = savedTileUrl(template, tile);
    expect(key).toBe('https://a.tile.example.org/14/8190/5447.png');
    for (const s of ['a', 'b', 'c']) {
      expect(m?.isTile(`https://${s}.tile.example.org/14/8190/5447.png`)).toBe(true);
      expect(m?.savedKey(`https://${s}.tile.example.org/14/8190/5447.png`)).toBe(key);
      expect(m?.savedKey(`https://${s}.tile.example.org/14/8190/5447@2x.png`)).toBe(key);
    }
    expect(m?.savedKey('https://b.tile.example.org/14/8190/5448.png')).toBe(
      savedTileUrl(template, { ...tile, y: 5448 }),
    );
    expect(m?.savedKey('https://b.tile.example.org/14/8190/5447.jpg')).toBeUndefined();
    expect(m?.isTile('https://b.tile.example.org/app.js')).toBe(false);
  });

  it('reads z/x/y in template order and round-trips savedTileUrl', () => {
    const template = 'http://127.0.0.1:4321/tiles/{y}/{x}/{z}.png?v={v}';
    const parse = tileUrlParser(template);
    for (const tile of [
      { z: 0, x: 0, y: 0 },
      { z: 19, x: 300000, y: 12 },
      { z: 3, x: 7, y: 1 },
    ])
      expect(parse?.(savedTileUrl(template, tile).replace('{v}', '2'))).toEqual(tile);
    expect(tileUrlMatcher('/tiles/{z}/{x}/{y}.png')).toBeUndefined();
  });
});
