/**
 * The relay's self-signed certificate: made once and kept (same fingerprint)
 * while it is valid and names every address; replaced, with the reason, when
 * it expires or the machine has an address it does not name; and what
 * Chromium needs of it (SHA-256 signature, P-256 key, SANs, server auth).
 */
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  certificateFromFiles,
  makeSelfSigned,
  renewalReason,
  selfSignedCertificate,
} from '../../../relay/tlsCertificate';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'vada-cert-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const NAMES = { dns: ['localhost'], ips: ['127.0.0.1', '::1', '192.168.43.12'] };
const NOW = new Date('2026-06-01T12:00:00Z');
const DAY = 86_400_000;

describe('self-signed relay certificate', () => {
  it('is made once with a private key file, then kept with the same fingerprint', async () => {
    const dir = tempDir();
    const first = await selfSignedCertificate(dir, NAMES, NOW);
    expect(first.origin).toBe('new');
    expect(first.replaced).toBeUndefined();
    expect(first.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(first.fingerprint).toBe(new X509Certificate(first.cert).fingerprint256);
    expect(statSync(join(dir, 'tls', 'key.pem')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'tls')).mode & 0o777).toBe(0o700);
    expect(readFileSync(join(dir, 'tls', 'cert.pem'), 'utf8')).toBe(first.cert);

    const again = await selfSignedCertificate(dir, NAMES, new Date(NOW.getTime() + 30 * DAY));
    expect(again.origin).toBe('kept');
    expect(again.fingerprint).toBe(first.fingerprint);
    expect(again.key).toBe(first.key);
  });

  it('has what Chromium needs: SHA-256 over ECDSA P-256, SANs for every name, server auth, valid from a day ago', async () => {
    const { cert } = await makeSelfSigned(NAMES, NOW);
    const x = new X509Certificate(cert);
    expect(x.subjectAltName).toBe(
      'DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, IP Address:192.168.43.12',
    );
    expect(x.publicKey.asymmetricKeyType).toBe('ec');
    expect(x.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(x.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(x.ca).toBe(false);
    expect(new Date(x.validFrom).getTime()).toBe(NOW.getTime() - DAY);
    expect(new Date(x.validTo).getTime()).toBe(NOW.getTime() + 365 * DAY);
    // ecdsa-with-SHA256 is OID 1.2.840.10045.4.3.2: DER 06 08 2A 86 48 CE 3D 04 03 02
    expect(x.raw.includes(Buffer.from('06082a8648ce3d040302', 'hex'))).toBe(true);
  });

  it('is replaced, with the reason, when the machine has an address it does not name', async () => {
    const dir = tempDir();
    const first = await selfSignedCertificate(dir, NAMES, NOW);
    const moved = { dns: ['localhost'], ips: ['127.0.0.1', '::1', '10.42.0.1'] };
    const next = await selfSignedCertificate(dir, moved, NOW);
    expect(next.origin).toBe('new');
    expect(next.replaced).toBe('the kept certificate does not name 10.42.0.1');
    expect(next.fingerprint).not.toBe(first.fingerprint);
    expect(new X509Certificate(next.cert).checkIP('10.42.0.1')).toBe('10.42.0.1');
    // An address that went away is no reason to replace it.
    expect((await selfSignedCertificate(dir, { dns: ['localhost'], ips: ['127.0.0.1'] }, NOW)).origin).toBe('kept');
  });

  it('is replaced when it has expired or has less than a week left', async () => {
    const dir = tempDir();
    const first = await selfSignedCertificate(dir, NAMES, NOW);
    expect(renewalReason(first.cert, first.key, NAMES, new Date(NOW.getTime() + 300 * DAY))).toBeUndefined();
    expect(renewalReason(first.cert, first.key, NAMES, new Date(NOW.getTime() + 360 * DAY))).toMatch(
      /^the kept certificate expires on 2027-06-01/,
    );
    const later = new Date(NOW.getTime() + 400 * DAY);
    const next = await selfSignedCertificate(dir, NAMES, later);
    expect(next.origin).toBe('new');
    expect(next.replaced).toMatch(/^the kept certificate expired on 2027-06-01/);
    expect(next.notAfter.getTime()).toBe(later.getTime() + 365 * DAY);
  });

  it('is replaced when the kept files are damaged or do not belong together', async () => {
    const dir = tempDir();
    const first = await selfSignedCertificate(dir, NAMES, NOW);
    const other = await makeSelfSigned(NAMES, NOW);
    writeFileSync(join(dir, 'tls', 'key.pem'), other.key);
    const next = await selfSignedCertificate(dir, NAMES, NOW);
    expect(next.replaced).toMatch(/do not match/);
    expect(next.fingerprint).not.toBe(first.fingerprint);
    writeFileSync(join(dir, 'tls', 'cert.pem'), 'garbage');
    expect((await selfSignedCertificate(dir, NAMES, NOW)).origin).toBe('new');
  });
});

describe('certificate files (--cert/--key)', () => {
  it('reads a matching pair and refuses a mismatched or missing one with a clear message', async () => {
    const dir = tempDir();
    const a = await makeSelfSigned(NAMES, NOW);
    const b = await makeSelfSigned(NAMES, NOW);
    writeFileSync(join(dir, 'a.crt'), a.cert);
    writeFileSync(join(dir, 'a.key'), a.key);
    writeFileSync(join(dir, 'b.key'), b.key);
    const ok = certificateFromFiles(join(dir, 'a.crt'), join(dir, 'a.key'));
    expect(ok).toMatchObject({ origin: 'files', fingerprint: new X509Certificate(a.cert).fingerprint256 });
    expect(() => certificateFromFiles(join(dir, 'a.crt'), join(dir, 'b.key'))).toThrow(
      /are not a PEM certificate and its key/,
    );
    expect(() => certificateFromFiles(join(dir, 'nope.crt'), join(dir, 'a.key'))).toThrow(/cannot read --cert\/--key/);
  });
});
