import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, loadRuntimeConfig, parseRuntimeConfig, type RuntimeConfig } from '../../../src/state';

const ORIGIN = 'http://127.0.0.1:8765';
/** A pack as the relay advertises it (relay/…: `--tiles-pack FILE`). */
const PACK = {
  url: '/packs/minsk.pmtiles',
  name: 'Minsk',
  attribution: '© OpenStreetMap contributors',
  tileType: 'png',
  minZoom: 10,
  maxZoom: 16,
  bounds: { west: 27.4, south: 53.8, east: 27.7, north: 54.0 },
  bytes: 123_456_789,
  etag: '"5f3a-18c"',
} as const;

describe('runtime config', () => {
  it('takes a valid config, resolving relative relays against the origin', () => {
    const c = parseRuntimeConfig(
      {
        tileUrl: 'https://tiles.example/{z}/{x}/{y}.png',
        tileAttribution: 'Example',
        relays: ['/gun', 'wss://r.example/gun', 'bad'],
      },
      ORIGIN,
    );
    expect(c).toEqual({
      tileUrl: 'https://tiles.example/{z}/{x}/{y}.png',
      tileAttribution: 'Example',
      relays: ['http://127.0.0.1:8765/gun', 'https://r.example/gun'],
      tilePacks: [],
    });
  });

  it('takes the relay’s TLS port, and only a valid port number', () => {
    expect(parseRuntimeConfig({ tls: { port: 8765 } }, ORIGIN).tlsPort).toBe(8765);
    for (const tls of [
      undefined,
      null,
      true,
      { port: '8765' },
      { port: 0 },
      { port: 65536 },
      { port: 1.5 },
      { host: 'evil.example', port: undefined },
    ])
      expect(parseRuntimeConfig({ tls }, ORIGIN).tlsPort, JSON.stringify(tls)).toBeUndefined();
    expect(parseRuntimeConfig({ tls: { port: 443, host: 'evil.example' } }, ORIGIN)).not.toHaveProperty('tls');
  });

  it('falls back to OpenStreetMap for a missing or unsafe tile URL', () => {
    expect(parseRuntimeConfig({ tileUrl: 'javascript:alert(1)/{z}/{x}/{y}' }, ORIGIN)).toEqual(DEFAULT_CONFIG);
    expect(parseRuntimeConfig(null, ORIGIN)).toEqual(DEFAULT_CONFIG);
  });

  it('keeps every field the RuntimeConfig type declares: type and parser agree', () => {
    // Required<RuntimeConfig>: a field added to the type does not compile here until it is added, and must then survive.
    const full: Required<RuntimeConfig> = {
      tileUrl: 'https://tiles.example/{z}/{x}/{y}.png',
      tileAttribution: 'Example tiles',
      relays: ['https://relay.example/gun'],
      tilesBulkMaxZoom: 16,
      tlsPort: 8443,
      tilePacks: [{ ...PACK, url: `${ORIGIN}/packs/minsk.pmtiles` }],
    };
    // As the relay serves it (relay/httpHandler.ts): the TLS port travels as `tls: { port }`.
    const { tlsPort, ...rest } = full;
    expect(parseRuntimeConfig({ ...rest, tls: { port: tlsPort } }, ORIGIN)).toEqual(full);
  });

  it('never rejects: a failing fetch gives the defaults', async () => {
    const failing = (() => Promise.reject(new Error('offline'))) as unknown as typeof fetch;
    expect(await loadRuntimeConfig(ORIGIN, failing)).toEqual(DEFAULT_CONFIG);
    const ok = (async () =>
      new Response(JSON.stringify({ relays: ['https://x.example/gun'] }))) as unknown as typeof fetch;
    expect((await loadRuntimeConfig(ORIGIN, ok)).relays).toEqual(['https://x.example/gun']);
  });

  it('takes the advertised map packs field by field: bad entries are dropped, valid ones kept', () => {
    const good = { ...PACK, etag: undefined, url: '/packs/brest.pmtiles', tileType: 'webp', minZoom: 0, maxZoom: 22 };
    const bad: unknown[] = [
      null,
      'pack',
      { ...PACK, url: 'https://elsewhere.example/packs/minsk.pmtiles' },
      { ...PACK, url: 'javascript:alert(1)' },
      { ...PACK, url: 42 },
      { ...PACK, tileType: 'pbf' },
      { ...PACK, tileType: 'svg' },
      { ...PACK, minZoom: 17 },
      { ...PACK, maxZoom: 23 },
      { ...PACK, minZoom: 1.5 },
      { ...PACK, minZoom: -1 },
      { ...PACK, bounds: { ...PACK.bounds, west: 28 } },
      { ...PACK, bounds: { ...PACK.bounds, north: 53 } },
      { ...PACK, bounds: { ...PACK.bounds, east: 181 } },
      { ...PACK, bounds: { ...PACK.bounds, south: Number.NaN } },
      { ...PACK, bounds: null },
      { ...PACK, bytes: 0 },
      { ...PACK, bytes: 1.5 },
      { ...PACK, bytes: '100' },
      { ...PACK, etag: 7 },
      { ...PACK, etag: '"a b"' },
    ];
    const c = parseRuntimeConfig({ tilePacks: [bad[0], PACK, bad[1], good, ...bad.slice(2, 16), PACK] }, ORIGIN);
    expect(c.tilePacks).toEqual([
      { ...PACK, url: `${ORIGIN}/packs/minsk.pmtiles` },
      {
        url: `${ORIGIN}/packs/brest.pmtiles`,
        name: 'Minsk',
        attribution: '© OpenStreetMap contributors',
        tileType: 'webp',
        minZoom: 0,
        maxZoom: 22,
        bounds: PACK.bounds,
        bytes: PACK.bytes,
      },
    ]);
    // Each bad entry alone is refused, so the list above proves each one was dropped for its own fault.
    for (const entry of bad) expect(parseRuntimeConfig({ tilePacks: [entry] }, ORIGIN).tilePacks).toEqual([]);
  });

  it('keeps pack names and attributions as short plain text, and at most 20 packs', () => {
    const long = parseRuntimeConfig(
      { tilePacks: [{ ...PACK, name: `  Minsk\n\u0000<b>${'x'.repeat(200)}`, attribution: 'a'.repeat(400) }] },
      ORIGIN,
    ).tilePacks[0];
    expect(long?.name).toHaveLength(80);
    expect(long?.name.startsWith('Minsk <b>xx')).toBe(true);
    expect(long?.attribution).toHaveLength(300);
    const many = Array.from({ length: 30 }, (_, i) => ({ ...PACK, url: `/packs/p${i}.pmtiles` }));
    const c = parseRuntimeConfig({ tilePacks: many }, ORIGIN);
    expect(c.tilePacks.map((p) => p.url)).toEqual(many.slice(0, 20).map((p) => `${ORIGIN}${p.url}`));
    expect(parseRuntimeConfig({ tilePacks: { url: PACK.url } }, ORIGIN).tilePacks).toEqual([]);
  });
});
