import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, loadRuntimeConfig, parseRuntimeConfig, type RuntimeConfig } from '../../../src/state';

const ORIGIN = 'http://127.0.0.1:8765';

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
});
