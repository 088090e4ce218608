/** Pack metadata text as plain text: tags removed, entities decoded, controls dropped, bounded. */
import { describe, expect, it } from 'vitest';
import { plainText } from '../../../src/tiles/plainText';

describe('plainText', () => {
  it('turns an HTML attribution into text', () => {
    expect(plainText('<a href="https://osm.org/copyright">&copy; OpenStreetMap</a> contributors', 300)).toBe(
      '© OpenStreetMap contributors',
    );
    expect(plainText('Tom &amp; Jerry &lt;3 &#x41;&#66; &unknown; &#0; &#xD800;', 300)).toBe(
      'Tom & Jerry <3 AB &unknown; \uFFFD \uFFFD',
    );
    expect(plainText('<script>alert(1)</script>x', 300)).toBe('alert(1) x');
  });

  it('drops controls and direction overrides, collapses whitespace, bounds the length in code points', () => {
    expect(plainText(' a\u202eb\u0000c\n\td\u2066 ', 300)).toBe('a b c d');
    expect(plainText('😀'.repeat(100), 80)).toBe('😀'.repeat(80));
    expect(plainText('x'.repeat(1_000_000), 300)).toHaveLength(300);
  });

  it('gives "" for anything but a string', () => {
    for (const v of [undefined, null, 3, {}, ['a']]) expect(plainText(v, 10)).toBe('');
  });
});
