/**
 * The relay's TLS certificate: the operator's own files (--cert/--key), or a
 * self-signed one made on first start and kept in <data>/tls so its
 * fingerprint stays the same across restarts (people compare it once, by eye,
 * with what the relay's screen shows). A kept certificate is replaced when it
 * has expired (or nearly), or when it does not name an address the machine
 * has now (a laptop that moved to another hotspot); the reason is returned so
 * the operator is told that the fingerprint changed.
 *
 * Key: ECDSA P-256 signed with SHA-256. Chromium (BoringSSL) accepts it like
 * RSA-2048, but it is made in milliseconds, keeps the handshake small, and
 * every browser that has WebCrypto Ed25519 has it. SHA-256 because Chromium
 * refuses SHA-1 signatures, which is selfsigned's default.
 */
import { X509Certificate } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import { generate } from 'selfsigned';

export interface TlsMaterial {
  /** PEM private key. */
  readonly key: string;
  /** PEM certificate (chain, for --cert files). */
  readonly cert: string;
  /** SHA-256 of the certificate, colon-separated uppercase hex, as browsers' certificate viewers show it. */
  readonly fingerprint: string;
  readonly notAfter: Date;
  /** Made on this start, kept from an earlier one, or the operator's --cert/--key files. */
  readonly origin: 'new' | 'kept' | 'files';
  /** Why a kept certificate was replaced (origin 'new' after an earlier one). */
  readonly replaced?: string;
  /** The files the certificate and key are in. */
  readonly certFile: string;
  readonly keyFile: string;
}

/** Names a certificate must cover. */
export interface CertificateNames {
  readonly dns: readonly string[];
  readonly ips: readonly string[];
}

/** A self-signed certificate lives a year; it is replaced when less than a week is left. */
const VALID_DAYS = 365;
const RENEW_BEFORE_MS = 7 * 86_400_000;
/** Valid from a day ago: a phone whose clock is behind would otherwise call it "not yet valid". */
const BACKDATE_MS = 86_400_000;

function notAfterOf(x: X509Certificate): Date {
  return new Date(x.validTo);
}

/** Why a kept certificate must be replaced now, or undefined when it is still good for these names. */
export function renewalReason(certPem: string, keyPem: string, names: CertificateNames, now: Date): string | undefined {
  let x: X509Certificate;
  try {
    x = new X509Certificate(certPem);
    createSecureContext({ cert: certPem, key: keyPem });
  } catch {
    return 'the kept certificate or key could not be read, or they do not match';
  }
  const notAfter = notAfterOf(x);
  if (notAfter.getTime() <= now.getTime()) return `the kept certificate expired on ${notAfter.toISOString()}`;
  if (notAfter.getTime() - now.getTime() < RENEW_BEFORE_MS)
    return `the kept certificate expires on ${notAfter.toISOString()}`;
  const missing = [
    ...names.ips.filter((ip) => x.checkIP(ip) === undefined),
    ...names.dns.filter((n) => x.checkHost(n) === undefined),
  ];
  if (missing.length > 0) return `the kept certificate does not name ${missing.join(', ')}`;
  return undefined;
}

function writePrivate(file: string, text: string, mode: number): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, text, { mode });
  chmodSync(tmp, mode);
  renameSync(tmp, file);
}

function readIfThere(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Makes a new self-signed certificate for `names`, valid from a day before `now` for a year. */
export async function makeSelfSigned(names: CertificateNames, now: Date): Promise<{ key: string; cert: string }> {
  const notBeforeDate = new Date(now.getTime() - BACKDATE_MS);
  const notAfterDate = new Date(now.getTime() + VALID_DAYS * 86_400_000);
  const pems = await generate([{ name: 'commonName', value: 'Vada relay' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...names.dns.map((value) => ({ type: 2 as const, value })),
          ...names.ips.map((ip) => ({ type: 7 as const, ip })),
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

/**
 * The self-signed certificate in `<dataDir>/tls` (key.pem mode 0600,
 * cert.pem), kept when it is still good for `names`, else made anew.
 */
export async function selfSignedCertificate(dataDir: string, names: CertificateNames, now: Date): Promise<TlsMaterial> {
  const dir = join(dataDir, 'tls');
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  const oldKey = readIfThere(keyFile);
  const oldCert = readIfThere(certFile);
  const had = oldKey !== undefined || oldCert !== undefined;
  const reason = had ? renewalReason(oldCert ?? '', oldKey ?? '', names, now) : 'none was made yet';
  if (reason === undefined && oldKey !== undefined && oldCert !== undefined) {
    const x = new X509Certificate(oldCert);
    return {
      key: oldKey,
      cert: oldCert,
      fingerprint: x.fingerprint256,
      notAfter: notAfterOf(x),
      origin: 'kept',
      certFile,
      keyFile,
    };
  }
  const made = await makeSelfSigned(names, now);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Key first: a crash between the two writes leaves a pair that does not match, which the next start replaces.
  writePrivate(keyFile, made.key, 0o600);
  writePrivate(certFile, made.cert, 0o644);
  const x = new X509Certificate(made.cert);
  return {
    ...made,
    fingerprint: x.fingerprint256,
    notAfter: notAfterOf(x),
    origin: 'new',
    ...(had ? { replaced: reason } : {}),
    certFile,
    keyFile,
  };
}

/** The operator's certificate and key; throws a clear Error when they cannot be read or do not match. */
export function certificateFromFiles(certFile: string, keyFile: string): TlsMaterial {
  let cert: string;
  let key: string;
  try {
    cert = readFileSync(certFile, 'utf8');
    key = readFileSync(keyFile, 'utf8');
  } catch (e) {
    throw new Error(`cannot read --cert/--key: ${e instanceof Error ? e.message : String(e)}`);
  }
  let x: X509Certificate;
  try {
    x = new X509Certificate(cert);
    createSecureContext({ cert, key });
  } catch (e) {
    throw new Error(
      `--cert ${certFile} and --key ${keyFile} are not a PEM certificate and its key: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  return { key, cert, fingerprint: x.fingerprint256, notAfter: notAfterOf(x), origin: 'files', certFile, keyFile };
}
