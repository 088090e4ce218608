/** Where a relay address may break (issue 11): only after `://`, `/`, `.` and `:`, never inside a name. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { urlSegments } from '../../../../src/ui/settings/urlSegments';

describe('urlSegments', () => {
  it('cuts after the scheme’s "://", each dot, the port’s colon and each slash', () => {
    expect(urlSegments('wss://relay.example.org:8443/gun')).toEqual([
      'wss://',
      'relay.',
      'example.',
      'org:',
      '8443/',
      'gun',
    ]);
    expect(urlSegments('http://127.0.0.1:8765/gun')).toEqual(['http://', '127.', '0.', '0.', '1:', '8765/', 'gun']);
  });

  it('keeps names with hyphens whole and a trailing separator on its piece', () => {
    expect(urlSegments('https://relay-near-the-square.localhost/gun/')).toEqual([
      'https://',
      'relay-near-the-square.',
      'localhost/',
      'gun/',
    ]);
  });

  it('never starts a piece with a separator: a run of them stays together', () => {
    expect(urlSegments('a..b//c:/d')).toEqual(['a..', 'b//', 'c:/', 'd']);
  });

  it('gives text with no separator, and nothing, back as it is', () => {
    expect(urlSegments('localhost')).toEqual(['localhost']);
    expect(urlSegments('')).toEqual([]);
    expect(urlSegments('/')).toEqual(['/']);
  });

  it('loses nothing: the pieces joined are the address, none empty, each ends at a separator but the last', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', '-', ':', '/', '.', '1', 'é') }), (url) => {
        const parts = urlSegments(url);
        expect(parts.join('')).toBe(url);
        for (const p of parts) expect(p.length).toBeGreaterThan(0);
        for (const p of parts.slice(0, -1)) expect(p).toMatch(/[:/.]$/);
        for (const p of parts.slice(1)) expect(p).not.toMatch(/^[:/.]/);
      }),
    );
  });
});
