/** A tile is the declared image type only when it starts with that format's signature. */
import { describe, expect, it } from 'vitest';
import { isImageOfType } from '../../../src/tiles/imageMagic';

describe('isImageOfType', () => {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1];
  const jpeg = [0xff, 0xd8, 0xff, 0xdb];
  const webp = [0x52, 0x49, 0x46, 0x46, 9, 9, 9, 9, 0x57, 0x45, 0x42, 0x50, 0x56];
  it('accepts each type by its signature only', () => {
    expect(isImageOfType(Uint8Array.from(png), 'png')).toBe(true);
    expect(isImageOfType(Uint8Array.from(jpeg), 'jpeg')).toBe(true);
    expect(isImageOfType(Uint8Array.from(webp), 'webp')).toBe(true);
    expect(isImageOfType(Uint8Array.from(png), 'jpeg')).toBe(false);
    expect(isImageOfType(Uint8Array.from(jpeg), 'webp')).toBe(false);
    expect(isImageOfType(Uint8Array.from(webp.slice(0, 11)), 'webp')).toBe(false);
    expect(isImageOfType(Uint8Array.from(png.slice(0, 7)), 'png')).toBe(false);
    expect(isImageOfType(new TextEncoder().encode('<svg/>'), 'png')).toBe(false);
  });
});
