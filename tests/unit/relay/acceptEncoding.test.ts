/**
 * The relay's Accept-Encoding reading: qualities, refusals with q=0, `*`
 * for codings not named, malformed entries ignored, and the choice between
 * brotli, gzip and identity.
 */
import { describe, expect, it } from 'vitest';
import { negotiateEncoding, parseAcceptEncoding } from '../../../relay/acceptEncoding';

describe('parseAcceptEncoding', () => {
  it('reads names and qualities, lowercased, x-gzip as gzip, first quality kept', () => {
    expect([...parseAcceptEncoding('GZIP;q=0.5, br ;Q=1.0, *;q=0, x-gzip;q=0.9, br;q=0.1')]).toEqual([
      ['gzip', 0.5],
      ['br', 1],
      ['*', 0],
    ]);
  });

  it('skips malformed entries and out-of-range qualities', () => {
    expect([...parseAcceptEncoding('br;q=2, gzip;q=abc, , "zstd", identity;q=0.25, deflate;q=0.1234')]).toEqual([
      ['identity', 0.25],
    ]);
    expect(parseAcceptEncoding(undefined).size).toBe(0);
  });
});

describe('negotiateEncoding', () => {
  const cases: Array<[string | undefined, string]> = [
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip, deflate, br', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', 'identity'],
    ['gzip;q=0.5, br;q=0.8', 'br'],
    ['gzip;q=0.9, br;q=0.8', 'gzip'],
    ['*', 'br'],
    ['*;q=0.5, br;q=0', 'gzip'],
    ['*;q=0', 'identity'], // everything refused: a readable body rather than a 406
    ['identity', 'identity'],
    ['gzip;q=0.5', 'gzip'], // identity not named: only the last resort
    ['gzip;q=0.5, identity', 'identity'], // named identity ranks by its quality
    ['gzip;q=0.5, identity;q=0', 'gzip'],
    ['deflate, zstd', 'identity'],
    ['BR', 'br'],
  ];
  it.each(cases)('%j → %s', (header, want) => {
    expect(negotiateEncoding(header)).toBe(want);
  });

  it('chooses only among the encodings offered', () => {
    expect(negotiateEncoding('br, gzip', ['gzip', 'identity'])).toBe('gzip');
    expect(negotiateEncoding('br', ['gzip', 'identity'])).toBe('identity');
  });
});
