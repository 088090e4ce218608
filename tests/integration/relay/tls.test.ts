/**
 * The relay with --tls, as a real process on 127.0.0.1: https and wss work
 * for a client that trusts the generated certificate (and fail for one that
 * does not), plain http answers on the same port, the fingerprint it prints
 * is the one it serves, the certificate survives a restart, and --cert/--key
 * files are served as given (a mismatched pair stops the start).
 */
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSelfSigned } from '../../../relay/tlsCertificate';
import { makeGunClient, openRawSocket, type GunClient } from '../../fixtures/rawGunClient';
import { startRelayProcess, type RelayProcess } from '../../fixtures/relayProcess';
import { publishAll, receiveValid, sealPoints, soulFor, waitFor } from './pointRecords';

interface Reply {
  status: number;
  body: string;
}

/** GET over https (trusting `ca` only, with hostname checks) or plain http. */
function fetchText(url: string, ca?: string): Promise<Reply> {
  return new Promise((ok, fail) => {
    const onResponse = (res: import('node:http').IncomingMessage) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body }));
    };
    const req = url.startsWith('https:') ? httpsGet(url, ca ? { ca } : {}, onResponse) : httpGet(url, onResponse);
    req.once('error', fail);
  });
}

/** The SHA-256 fingerprint of the certificate the server at 127.0.0.1:port presents. */
function servedFingerprint(port: number): Promise<string> {
  return new Promise((ok, fail) => {
    const socket = tlsConnect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      const cert = socket.getPeerX509Certificate();
      socket.destroy();
      if (cert) ok(cert.fingerprint256);
      else fail(new Error('no certificate presented'));
    });
    socket.once('error', fail);
  });
}

/** Every fingerprint the relay printed so far, in order. */
function printedFingerprints(relay: RelayProcess): string[] {
  return [...relay.output().matchAll(/Certificate SHA-256 fingerprint: ([0-9A-F:]+)/g)].map((m) => m[1] as string);
}

/** The fingerprints printed once `starts` starts have printed theirs (the lines follow the "listening" one). */
async function fingerprintsAfter(relay: RelayProcess, starts: number): Promise<string[]> {
  await waitFor(() => printedFingerprints(relay).length >= starts, 5_000);
  return printedFingerprints(relay);
}

const FINGERPRINT = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/;

describe('relay with --tls (self-signed certificate)', () => {
  let relay: RelayProcess;
  let ca: string;
  const clients: GunClient[] = [];

  beforeAll(async () => {
    relay = await startRelayProcess({ tls: true });
    ca = readFileSync(join(relay.dataDir, 'tls', 'cert.pem'), 'utf8');
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await relay?.kill();
  });

  it('serves the config over https to a client that trusts the certificate, and not to one that does not', async () => {
    expect(relay.url).toBe(`https://127.0.0.1:${relay.port}`);
    expect(relay.gunUrl).toBe(`https://127.0.0.1:${relay.port}/gun`);
    const reply = await fetchText(`${relay.url}/vada-config.json`, ca);
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ tls: { port: relay.port } });
    expect(reply.body).not.toMatch(/fingerprint|BEGIN/i);
    await expect(fetchText(`${relay.url}/vada-config.json`)).rejects.toMatchObject({
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
  });

  it('answers plain http on the same port (app config, and ws:// for peers)', async () => {
    const reply = await fetchText(`http://127.0.0.1:${relay.port}/vada-config.json`);
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ tls: { port: relay.port } });
    const plain = await openRawSocket(`http://127.0.0.1:${relay.port}/gun`);
    expect(plain.ws.readyState).toBe(plain.ws.OPEN);
    plain.close();
  });

  it('relays records over wss between two clients that trust the certificate', async () => {
    const records = await sealPoints(3);
    const writer = makeGunClient(relay.gunUrl, { ca });
    const reader = makeGunClient(relay.gunUrl, { ca });
    clients.push(writer, reader);
    await publishAll(writer, records, 20_000);
    const got = await receiveValid(
      reader,
      [soulFor(records[0]!)],
      records.map((r) => r.id),
      20_000,
    );
    expect([...got].sort()).toEqual(records.map((r) => r.id).sort());
  });

  it('prints the fingerprint of the certificate it serves, and keeps the key private', async () => {
    const printed = await fingerprintsAfter(relay, 1);
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(FINGERPRINT);
    expect(await servedFingerprint(relay.port)).toBe(printed[0]);
    expect(new X509Certificate(ca).fingerprint256).toBe(printed[0]);
    expect(statSync(join(relay.dataDir, 'tls', 'key.pem')).mode & 0o777).toBe(0o600);
    expect(relay.output()).toContain(`On this machine: https://127.0.0.1:${relay.port}/`);
    expect(relay.output()).toMatch(/Made a self-signed certificate/);
  });

  it('keeps the same certificate and fingerprint across a restart', async () => {
    const before = (await fingerprintsAfter(relay, 1))[0];
    await relay.restart();
    const printed = await fingerprintsAfter(relay, 2);
    expect(printed).toEqual([before, before]);
    expect(await servedFingerprint(relay.port)).toBe(before);
    expect(readFileSync(join(relay.dataDir, 'tls', 'cert.pem'), 'utf8')).toBe(ca);
    expect(relay.output()).toMatch(/Self-signed certificate kept from/);
    expect((await fetchText(`${relay.url}/vada-config.json`, ca)).status).toBe(200);
  });
});

describe('relay with --cert/--key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vada-tls-files-'));
  let relay: RelayProcess | undefined;

  afterAll(async () => {
    await relay?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the given certificate, prints its fingerprint and makes none of its own', async () => {
    const pair = await makeSelfSigned({ dns: ['localhost'], ips: ['127.0.0.1'] }, new Date());
    const certFile = join(dir, 'given-cert.pem');
    const keyFile = join(dir, 'given-key.pem');
    writeFileSync(certFile, pair.cert);
    writeFileSync(keyFile, pair.key, { mode: 0o600 });
    const expected = new X509Certificate(pair.cert).fingerprint256;

    relay = await startRelayProcess({ args: ['--cert', certFile, '--key', keyFile] });
    expect(relay.url).toBe(`https://127.0.0.1:${relay.port}`);
    expect(await servedFingerprint(relay.port)).toBe(expected);
    expect(await fingerprintsAfter(relay, 1)).toEqual([expected]);
    expect(relay.output()).toContain(`Certificate from ${certFile}`);
    expect((await fetchText(`${relay.url}/vada-config.json`, pair.cert)).status).toBe(200);
    expect(existsSync(join(relay.dataDir, 'tls'))).toBe(false);
  });

  it('refuses to start with a key that is not the certificate’s', async () => {
    const a = await makeSelfSigned({ dns: ['localhost'], ips: ['127.0.0.1'] }, new Date());
    const b = await makeSelfSigned({ dns: ['localhost'], ips: ['127.0.0.1'] }, new Date());
    const certFile = join(dir, 'a-cert.pem');
    const keyFile = join(dir, 'b-key.pem');
    writeFileSync(certFile, a.cert);
    writeFileSync(keyFile, b.key);
    await expect(startRelayProcess({ args: ['--cert', certFile, '--key', keyFile] })).rejects.toThrow(
      /are not a PEM certificate and its key/,
    );
  });
});
