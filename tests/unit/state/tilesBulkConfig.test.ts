/** The tile host's bulk-download limit travels from the relay's flag/env to the app's runtime config. */
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../../relay/cliArgs';
import { parseRuntimeConfig } from '../../../src/state/runtimeConfig';

describe('tiles bulk max zoom', () => {
  it('is read from --tiles-bulk-max-zoom or VADA_TILES_BULK_MAX_ZOOM, and checked', () => {
    expect(parseCliArgs(['--tiles-bulk-max-zoom', '16'], {})).toMatchObject({
      kind: 'run',
      options: { tilesBulkMaxZoom: 16 },
    });
    expect(parseCliArgs([], { VADA_TILES_BULK_MAX_ZOOM: '14' })).toMatchObject({
      kind: 'run',
      options: { tilesBulkMaxZoom: 14 },
    });
    const none = parseCliArgs([], {});
    expect(none.kind === 'run' && none.options.tilesBulkMaxZoom).toBeUndefined();
    for (const bad of ['23', '-1', 'x', '1.5'])
      expect(parseCliArgs(['--tiles-bulk-max-zoom', bad], {})).toMatchObject({ kind: 'error' });
  });

  it('is parsed from /vada-config.json only when it is a sane zoom', () => {
    const base = { tileUrl: 'https://t.example/{z}/{x}/{y}.png' };
    expect(parseRuntimeConfig({ ...base, tilesBulkMaxZoom: 17 }, 'http://o.example').tilesBulkMaxZoom).toBe(17);
    for (const bad of [23, -1, 2.5, '16', null])
      expect(
        parseRuntimeConfig({ ...base, tilesBulkMaxZoom: bad }, 'http://o.example').tilesBulkMaxZoom,
      ).toBeUndefined();
    expect(parseRuntimeConfig({ ...base }, 'http://o.example').tilesBulkMaxZoom).toBeUndefined();
  });
});
