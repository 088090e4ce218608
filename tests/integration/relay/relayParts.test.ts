/**
 * The relay's pure parts: command line, CSP tile origin, frame splitting and
 * the message walk. (The relay is not under src/, so these live with its
 * integration tests.)
 */
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../../relay/cliArgs';
import { fitFrames } from '../../../relay/fitFrames';
import { tileOrigin } from '../../../relay/securityHeaders';
import { walkMessage } from '../../../src/protocol/walkMessage';

describe('relay command line', () => {
  it('uses flags, then VADA_* variables, then defaults', () => {
    const d = parseCliArgs([], {});
    expect(d).toMatchObject({
      kind: 'run',
      options: {
        host: '127.0.0.1',
        port: 8765,
        peers: [],
        app: true,
        exposeStats: false,
      },
    });
    expect(d.kind === 'run' && d.options.dataDir.endsWith('.vada-data')).toBe(true);
    const env = {
      VADA_HOST: '0.0.0.0',
      VADA_PORT: '9000',
      VADA_PEERS: 'http://a:1/gun, https://b/gun',
      VADA_TILE_URL: 'https://t/{z}/{x}/{y}.png',
    };
    expect(parseCliArgs([], env)).toMatchObject({
      options: {
        host: '0.0.0.0',
        port: 9000,
        peers: ['http://a:1/gun', 'https://b/gun'],
        tileUrl: 'https://t/{z}/{x}/{y}.png',
      },
    });
    const flags = parseCliArgs(
      ['--port=0', '--host', '::1', '--peer', 'http://x/gun', '--peer', 'http://y/gun', '--no-app'],
      env,
    );
    expect(flags).toMatchObject({
      options: {
        host: '::1',
        port: 0,
        peers: ['http://x/gun', 'http://y/gun'],
        app: false,
      },
    });
  });

  it('refuses unknown flags, bad ports, bad peers and missing values; knows --help', () => {
    for (const argv of [
      ['--bogus'],
      ['--port', 'x'],
      ['--port', '70000'],
      ['--peer', 'ftp://x'],
      ['--peer', 'nope'],
      ['--data'],
      ['extra'],
    ]) {
      expect(parseCliArgs(argv, {}).kind, argv.join(' ')).toBe('error');
    }
    expect(parseCliArgs(['--help'], {}).kind).toBe('help');
  });
});

describe('tile origin for the CSP', () => {
  it('turns a tile URL template into a CSP source', () => {
    expect(tileOrigin('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toBe('https://tile.openstreetmap.org');
    expect(tileOrigin('https://{s}.tile.example.org:8443/{z}/{x}/{y}.png')).toBe('https://*.tile.example.org:8443');
    expect(tileOrigin('javascript:alert(1)')).toBeUndefined();
    expect(tileOrigin('not a url')).toBeUndefined();
  });
});

describe('frame splitting', () => {
  const soul = 'vada/1/dppG_Uyoep5QtOzl6T97OA/499000';
  const key = (i: number) => `k${String(i).padStart(42, '0')}`;
  const put = (from: number, n: number) => {
    const node: Record<string, unknown> = {
      _: { '#': soul, '>': {} as Record<string, number> },
    };
    for (let i = from; i < from + n; i++) {
      (node._ as { '>': Record<string, number> })['>'][key(i)] = 1;
      node[key(i)] = 'w'.repeat(700);
    }
    return { '#': `m${from}`, put: { [soul]: node } };
  };
  const keysOf = (frames: string[]) =>
    frames.flatMap((f) =>
      (JSON.parse(f) as Array<{ put: Record<string, object> }>).flatMap((m) =>
        Object.keys(m.put[soul]!).filter((k) => k !== '_'),
      ),
    );

  it('leaves small frames alone and splits big batches and big PUTs under 64 KB, losing no key', () => {
    const small = JSON.stringify([put(0, 3)]);
    expect(fitFrames(small)).toEqual([small]);
    const batch = JSON.stringify(Array.from({ length: 40 }, (_, i) => put(i * 9, 9)));
    const one = JSON.stringify(put(0, 300));
    for (const raw of [batch, one]) {
      const frames = fitFrames(raw);
      expect(frames.length).toBeGreaterThan(1);
      for (const f of frames) expect(Buffer.byteLength(f)).toBeLessThanOrEqual(64 * 1024);
      expect(new Set(keysOf(frames)).size).toBe(raw === batch ? 360 : 300);
    }
    const ids = fitFrames(one).flatMap((f) => (JSON.parse(f) as Array<{ '#': string }>).map((m) => m['#']));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('message walk', () => {
  it('finds forbidden keys at any depth and refuses deep nesting', () => {
    expect(walkMessage(JSON.parse('{"a":{"b":[{"c":{"__proto__":1}}]}}'))).toBe('forbidden-key');
    expect(walkMessage({ a: { prototype: 1 } })).toBe('forbidden-key');
    expect(walkMessage({ put: { s: { _: { '#': 's', '>': { k: 1 } }, k: 'v' } } })).toBeUndefined();
    expect(walkMessage(JSON.parse('{"a":'.repeat(9) + '1' + '}'.repeat(9)))).toBe('too-deep');
  });
});
