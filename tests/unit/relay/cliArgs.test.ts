/** The relay's TLS flags: --tls / VADA_TLS, --cert + --key / VADA_TLS_CERT + VADA_TLS_KEY (which imply TLS). */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCliArgs, USAGE } from '../../../relay/cliArgs';

const tlsOf = (argv: string[], env: Record<string, string> = {}) => {
  const r = parseCliArgs(argv, env);
  if (r.kind !== 'run') throw new Error(`expected options, got ${JSON.stringify(r)}`);
  return r.options.tls;
};

describe('relay command line: TLS', () => {
  it('is off unless asked for', () => {
    expect(tlsOf([])).toBeUndefined();
    expect(tlsOf([], { VADA_TLS: '0' })).toBeUndefined();
    expect(tlsOf([], { VADA_TLS: '' })).toBeUndefined();
  });

  it('turns on a self-signed certificate with --tls or VADA_TLS=1', () => {
    expect(tlsOf(['--tls'])).toEqual({});
    expect(tlsOf([], { VADA_TLS: '1' })).toEqual({});
    expect(tlsOf(['--tls', '--host', '0.0.0.0'])).toEqual({});
  });

  it('uses --cert/--key files (resolved to absolute paths), which imply TLS; flags win over the environment', () => {
    expect(tlsOf(['--cert', 'c.pem', '--key', 'k.pem'])).toEqual({
      certFile: resolve('c.pem'),
      keyFile: resolve('k.pem'),
    });
    expect(tlsOf(['--cert=/etc/x/c.pem', '--key=/etc/x/k.pem', '--tls'])).toEqual({
      certFile: '/etc/x/c.pem',
      keyFile: '/etc/x/k.pem',
    });
    const env = { VADA_TLS_CERT: '/e/c.pem', VADA_TLS_KEY: '/e/k.pem' };
    expect(tlsOf([], env)).toEqual({ certFile: '/e/c.pem', keyFile: '/e/k.pem' });
    expect(tlsOf(['--cert', '/f/c.pem'], env)).toEqual({ certFile: '/f/c.pem', keyFile: '/e/k.pem' });
  });

  it('refuses a certificate without its key, a key without its certificate, and flags without values', () => {
    for (const [argv, env] of [
      [['--cert', 'c.pem'], {}],
      [['--key', 'k.pem'], {}],
      [[], { VADA_TLS_CERT: 'c.pem' }],
      [['--tls', '--key', 'k.pem'], {}],
      [['--cert'], {}],
      [['--tls=yes'], {}],
    ] as const) {
      const r = parseCliArgs([...argv], env);
      expect(r.kind, argv.join(' ')).toBe('error');
    }
    const r = parseCliArgs(['--cert', 'c.pem'], {});
    expect(r.kind === 'error' && r.message).toMatch(/--cert and --key go together/);
  });

  it('documents the flags and their variables', () => {
    for (const word of ['--tls', 'VADA_TLS=1', '--cert FILE', 'VADA_TLS_CERT', '--key FILE', 'VADA_TLS_KEY'])
      expect(USAGE).toContain(word);
  });
});
