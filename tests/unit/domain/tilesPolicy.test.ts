/** Bulk-download policy: OSM refused, host limits, tile cap; and the storage warning levels. */
import { describe, expect, it } from 'vitest';
import { FULL_RATIO, NEARLY_FULL_RATIO, storageLevel } from '../../../src/domain/storageLevel';
import { checkBulkDownload, isOsmPublicTiles } from '../../../src/domain/tilePolicy';
import { countTiles, MAX_TILES_PER_AREA } from '../../../src/domain/tiles';

const own = { tileUrl: 'https://tiles.example.org/{z}/{x}/{y}.png', bulkMaxZoom: 16 };
const small = { south: 52.5, west: 13.38, north: 52.53, east: 13.42 };

describe('checkBulkDownload', () => {
  it('refuses OpenStreetMap public tile servers whatever the config says', () => {
    for (const url of [
      'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
      'https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png',
      'https://tile.osm.org/{z}/{x}/{y}.png',
    ]) {
      expect(isOsmPublicTiles(url)).toBe(true);
      expect(checkBulkDownload({ tileUrl: url, bulkMaxZoom: 19 }, { bounds: small, minZoom: 10, maxZoom: 12 })).toEqual(
        { ok: false, reason: 'osm' },
      );
    }
    expect(isOsmPublicTiles(own.tileUrl)).toBe(false);
  });

  it('refuses a host that states no bulk limit, and zooms deeper than its limit', () => {
    expect(checkBulkDownload({ tileUrl: own.tileUrl }, { bounds: small, minZoom: 10, maxZoom: 12 })).toMatchObject({
      ok: false,
      reason: 'noBulk',
    });
    expect(checkBulkDownload(own, { bounds: small, minZoom: 10, maxZoom: 17 })).toEqual({
      ok: false,
      reason: 'tooDeep',
      maxZoom: 16,
    });
  });

  it('allows a small area and reports its tile count', () => {
    expect(checkBulkDownload(own, { bounds: small, minZoom: 10, maxZoom: 15 })).toEqual({
      ok: true,
      count: countTiles(small, 10, 15),
    });
  });

  it('refuses an area over the cap, saying how many tiles it would be', () => {
    const big = { south: 52.3, west: 13.0, north: 52.7, east: 13.8 };
    const count = countTiles(big, 10, 16);
    expect(count).toBeGreaterThan(MAX_TILES_PER_AREA);
    expect(checkBulkDownload(own, { bounds: big, minZoom: 10, maxZoom: 16 })).toEqual({
      ok: false,
      reason: 'overCap',
      count,
      cap: MAX_TILES_PER_AREA,
    });
  });

  it('refuses nonsense zooms and bounds', () => {
    expect(checkBulkDownload(own, { bounds: small, minZoom: 12, maxZoom: 10 })).toMatchObject({ reason: 'badRequest' });
    expect(checkBulkDownload(own, { bounds: { ...small, north: Number.NaN }, minZoom: 1, maxZoom: 2 })).toMatchObject({
      reason: 'badRequest',
    });
  });
});

describe('storageLevel', () => {
  const q = 1_000_000;
  it('grades usage against the thresholds', () => {
    expect(storageLevel(0, q)).toBe('ok');
    expect(storageLevel(NEARLY_FULL_RATIO * q, q)).toBe('ok');
    expect(storageLevel(NEARLY_FULL_RATIO * q + 1, q)).toBe('nearlyFull');
    expect(storageLevel(FULL_RATIO * q + 1, q)).toBe('full');
  });
  it('is unknown when the browser gives no figures', () => {
    expect(storageLevel(undefined, q)).toBe('unknown');
    expect(storageLevel(10, 0)).toBe('unknown');
  });
});
