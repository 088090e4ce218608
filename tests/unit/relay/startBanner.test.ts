/** What the relay prints at start: addresses, fingerprint and QR code with TLS; a warning without it on a LAN. */
import { describe, expect, it } from 'vitest';
import { secureUrls, startBanner } from '../../../relay/startBanner';
import type { RelayTls } from '../../../relay/startRelay';
import { terminalQr } from '../../../relay/terminalQr';

const FP = 'AB:'.repeat(31) + 'CD';
const NOW = new Date('2026-06-01T12:00:00Z');
const tls = (over: Partial<RelayTls> = {}): RelayTls => ({
  fingerprint: FP,
  notAfter: new Date('2027-06-01T12:00:00Z'),
  origin: 'kept',
  certFile: '/data/tls/cert.pem',
  keyFile: '/data/tls/key.pem',
  ...over,
});
const LAN = ['192.168.43.12', 'fd00::12'];

describe('relay start banner', () => {
  it('says nothing more on loopback without TLS, and warns on a LAN address that phones need --tls', () => {
    expect(startBanner({ host: '127.0.0.1', port: 8765, lan: LAN, now: NOW })).toEqual([]);
    for (const host of ['0.0.0.0', '192.168.43.12']) {
      const text = startBanner({ host, port: 8765, lan: LAN, now: NOW }).join('\n');
      expect(text).toMatch(/^WARNING: phones cannot use Vada over plain http:\/\//);
      expect(text).toContain('Restart with --tls');
      expect(text).not.toContain(FP);
    }
  });

  it('with TLS on every interface: each LAN https URL, this machine, the fingerprint, then a QR code of the first URL', () => {
    const lines = startBanner({ host: '0.0.0.0', port: 8765, lan: LAN, tls: tls(), now: NOW });
    const text = lines.join('\n');
    expect(lines).toContain('  https://192.168.43.12:8765/');
    expect(lines).toContain('  https://[fd00::12]:8765/');
    expect(lines).toContain('On this machine: https://127.0.0.1:8765/');
    expect(lines).toContain(`Certificate SHA-256 fingerprint: ${FP}`);
    expect(text).toContain('Self-signed certificate kept from /data/tls/cert.pem, valid until 2027-06-01.');
    const scan = lines.indexOf('Scan to open https://192.168.43.12:8765/');
    expect(scan).toBeGreaterThan(lines.indexOf(`Certificate SHA-256 fingerprint: ${FP}`));
    expect(lines.slice(scan + 1)).toEqual(terminalQr('https://192.168.43.12:8765/'));
  });

  it('on loopback only: no LAN URL and no QR code, and says phones cannot reach it', () => {
    const lines = startBanner({ host: '127.0.0.1', port: 9000, lan: LAN, tls: tls({ origin: 'new' }), now: NOW });
    expect(lines.join('\n')).toMatch(/phones cannot reach it/);
    expect(lines).toContain('On this machine: https://127.0.0.1:9000/');
    expect(lines.some((l) => l.startsWith('Scan to open'))).toBe(false);
    expect(lines.join('\n')).toContain('Made a self-signed certificate (/data/tls/cert.pem)');
  });

  it('says loudly when the certificate was replaced, and when given files have expired', () => {
    const replaced = startBanner({
      host: '0.0.0.0',
      port: 8765,
      lan: LAN,
      tls: tls({ origin: 'new', replaced: 'the kept certificate does not name 10.42.0.1' }),
      now: NOW,
    }).join('\n');
    expect(replaced).toContain('NEW self-signed certificate (the kept certificate does not name 10.42.0.1)');
    expect(replaced).toMatch(/fingerprint changed/);
    const expired = startBanner({
      host: '0.0.0.0',
      port: 8765,
      lan: LAN,
      tls: tls({ origin: 'files', certFile: '/etc/c.pem', notAfter: new Date('2026-01-01T00:00:00Z') }),
      now: NOW,
    }).join('\n');
    expect(expired).toContain('Certificate from /etc/c.pem, valid until 2026-01-01.');
    expect(expired).toMatch(/WARNING: that certificate has expired/);
  });

  it('names a specific --host as the one address', () => {
    expect(secureUrls('192.168.43.12', 8765, LAN)).toEqual({ lan: ['https://192.168.43.12:8765/'] });
    expect(secureUrls('::1', 8765, LAN)).toEqual({ lan: [], local: 'https://[::1]:8765/' });
    expect(secureUrls('::', 1, ['10.0.0.2'])).toEqual({ lan: ['https://10.0.0.2:1/'], local: 'https://127.0.0.1:1/' });
  });
});
