/**
 * The worker caches only the configured tile host's tile URLs: the matcher
 * built from the Leaflet template accepts its tiles and nothing else.
 */
import { describe, expect, it } from 'vitest';
import { tileUrlPattern } from '../../../service-worker/tileUrlPattern';

describe('tileUrlPattern', () => {
  it('matches tiles of a plain template and nothing else on that host', () => {
    const isTile = tileUrlPattern('http://127.0.0.1:4321/{z}/{x}/{y}.png');
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

  it('handles subdomains, retina suffix and escapes regex characters', () => {
    const isTile = tileUrlPattern('https://{s}.tile.example.org/base/{z}/{x}/{y}{r}.png?key=a+b');
    expect(isTile?.('https://a.tile.example.org/base/2/1/3.png?key=a+b')).toBe(true);
    expect(isTile?.('https://b.tile.example.org/base/2/1/3@2x.png?key=a+b')).toBe(true);
    expect(isTile?.('https://a.tileXexample.org/base/2/1/3.png?key=a+b')).toBe(false);
    expect(isTile?.('https://a.tile.example.org/base/2/1/3.png?key=aab')).toBe(false);
    expect(isTile?.('https://evil.org/a.tile.example.org/base/2/1/3.png?key=a+b')).toBe(false);
  });

  it('refuses templates that are not http(s)', () => {
    expect(tileUrlPattern('javascript:alert(1)')).toBeUndefined();
    expect(tileUrlPattern('/tiles/{z}/{x}/{y}.png')).toBeUndefined();
  });
});
