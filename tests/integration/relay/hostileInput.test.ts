/**
 * The relay defends itself: each kind of hostile input is refused under its
 * own reason code, the process survives a flood, and honest peers still
 * publish and receive afterwards. Client-driven `opt`/`mob` connections never
 * happen (a local TCP listener stays untouched).
 */
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCircle } from '../../../src/protocol/circle';
import type { CircleId } from '../../../src/domain/brand';
import { makeGunClient, openRawSocket, type GunClient, type RawSocket } from '../../fixtures/rawGunClient';
import { isAlive, relayStats, startRelayProcess, type RelayProcess } from '../../fixtures/relayProcess';
import * as hostile from './hostileFrames';
import { publishAll, receiveValid, sealPoints, soulFor, waitFor } from './pointRecords';

let relay: RelayProcess;
let raw: RawSocket;
const clients: GunClient[] = [];

beforeAll(async () => {
  relay = await startRelayProcess();
  raw = await openRawSocket(relay.gunUrl);
});
afterAll(async () => {
  raw.close();
  for (const c of clients) c.close();
  await relay.kill();
});

/** Sends frames and waits until the relay counted `code` at least `n` more times. */
async function expectRefused(code: string, frames: Array<string | Buffer>, n = frames.length, socket = raw) {
  const before = (await relayStats(relay)).refused[code] ?? 0;
  for (const f of frames) socket.send(f);
  const counted = await waitFor(async () => ((await relayStats(relay)).refused[code] ?? 0) >= before + n, 5000);
  expect(counted, `refusal code ${code}: ${JSON.stringify((await relayStats(relay)).refused)}`).toBe(true);
}

describe('relay ingress filter', () => {
  it('drops frames over 64 KB before parsing, and closes that socket', async () => {
    const big = await openRawSocket(relay.gunUrl);
    await expectRefused('frame-too-large', [JSON.stringify({ '#': 'x', get: { '#': 'a'.repeat(70_000) } })], 1, big);
    expect(await big.closed).toBe(1009);
  });

  it('refuses non-JSON, binary frames, and messages of the wrong shape', async () => {
    await expectRefused('not-json', ['not json{', '{"#":', '']);
    await expectRefused('binary-frame', [Buffer.from([1, 2, 3])]);
    await expectRefused('bad-shape', ['42', '"text"', '{"#":"x"}', '[1, null]'], 5);
  });

  it('drops any message with a __proto__, constructor or prototype key, and absurdly deep ones', async () => {
    const soul = soulFor((await sealPoints(1))[0]!);
    await expectRefused('forbidden-key', [
      '{"#":"p1","put":{"__proto__":{"_":{"#":"__proto__",">":{"x":1}},"x":"y"}}}',
      `{"#":"p2","put":{"${soul}":{"_":{"#":"${soul}",">":{"constructor":1}},"constructor":"y"}}}`,
      `{"#":"p3","get":{"#":"${soul}","prototype":{}}}`,
      '{"#":"p4","__proto__":{"dam":"?"},"dam":"?"}',
      '[{"#":"p5","get":{"#":"a","b":{"c":{"constructor":1}}}}]',
    ]);
    await expectRefused('too-deep', [hostile.deepPut(50), hostile.deepPut(10_000)]);
  });

  it('refuses message ids, hashes and peer lists that GUN would turn into Object.prototype keys', async () => {
    const soul = soulFor((await sealPoints(1))[0]!);
    const get = { '#': soul };
    await expectRefused('bad-routing', [
      JSON.stringify({ '#': '__proto__', dam: '?' }),
      JSON.stringify({ '#': 'toString', get }),
      JSON.stringify({ '#': 'x', '@': 'constructor' }),
      JSON.stringify({ '#': '__p', '##': 'roto__', get }),
      JSON.stringify({ '#': 'x', '><': 'a,__proto__', get }),
      JSON.stringify({ '#': { a: 1 }, get }),
    ]);
    await expectRefused('bad-get', [
      JSON.stringify({ '#': hostile.msgId(), get: { '#': soul, '.': '__proto__' } }),
      JSON.stringify({ '#': hostile.msgId(), get: { '#': soul, '.': { '*': '' } } }),
    ]);
  });

  it('refuses souls outside the namespace, GUN links and other non-string values', async () => {
    const [r] = await sealPoints(1);
    await expectRefused('outside-namespace', [
      hostile.putFrame('evil/1', r!.id, r!.wire),
      hostile.putFrame('vada/2/x/1', r!.id, r!.wire),
      JSON.stringify({ '#': hostile.msgId(), get: { '#': '__proto__' } }),
      JSON.stringify({ '#': hostile.msgId(), get: { '#': 'vada' } }),
    ]);
    await expectRefused('not-string', [
      hostile.putFrame(soulFor(r!), r!.id, 42),
      hostile.putFrame(soulFor(r!), r!.id, { '#': 'vada/other' }),
      hostile.putFrame(soulFor(r!), r!.id, null),
    ]);
  });

  it('refuses tampered, forged, misfiled, future, expired and foreign-circle records', async () => {
    const now = Date.now();
    const [r] = await sealPoints(1, now);
    await expectRefused('bad-id', [hostile.tamperedPut(r!)]);
    await expectRefused('bad-signature', [await hostile.badSignaturePut(r!)]);
    await expectRefused('wrong-bucket', [hostile.wrongBucketPut(r!)]);
    await expectRefused('future-dated', [hostile.honestPut((await sealPoints(1, now + 10 * 60_000))[0]!)]);
    await expectRefused('expired', [hostile.honestPut((await sealPoints(1, now - 33 * 3_600_000))[0]!)]);
    await expectRefused('future-state', [hostile.honestPut(r!, now + 10 * 60_000)]);
    const other = await importCircle('AAAAAAAAAAAAAAAAAAAAAA' as CircleId, new Uint8Array(32).fill(7));
    const [foreign] = await sealPoints(1, now, other);
    await expectRefused('wrong-circle', [hostile.putFrame(soulFor(r!), foreign!.id, foreign!.wire)]);
    expect((await relayStats(relay)).stored).toBe(0);
  });

  it('keeps a stored record unchanged when another value arrives under its id', async () => {
    const [a, b] = await sealPoints(2);
    raw.send(hostile.honestPut(a!));
    expect(await waitFor(async () => (await relayStats(relay)).stored === 1)).toBe(true);
    await expectRefused('immutable', [hostile.putFrame(soulFor(a!), a!.id, b!.wire)]);
    const reader = makeGunClient(relay.gunUrl);
    clients.push(reader);
    const value = await new Promise((r) =>
      reader.gun
        .get(soulFor(a!))
        .get(a!.id)
        .once((v) => r(v)),
    );
    expect(value).toBe(a!.wire);
  });

  it('refuses replies and acks from clients (the relay asks only its federation links)', async () => {
    const [r] = await sealPoints(1);
    await expectRefused('unexpected-reply', [
      JSON.stringify({
        '#': hostile.msgId(),
        '@': 'someonesPut',
        ok: { '': 1 },
      }),
      JSON.stringify({
        '#': hostile.msgId(),
        '@': 'someonesGet',
        put: JSON.parse(hostile.honestPut(r!)).put,
      }),
    ]);
  });

  it('ignores DAM opt and mob: the relay never dials a URL a client names', async () => {
    let contacted = 0;
    const trap: Server = createServer((s) => {
      contacted++;
      s.destroy();
    });
    await new Promise<void>((r) => trap.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(trap.address() as { port: number }).port}/gun`;
    await expectRefused('dam-forbidden', [
      JSON.stringify({ '#': hostile.msgId(), dam: 'opt', opt: { peers: url } }),
      JSON.stringify({
        '#': hostile.msgId(),
        dam: 'opt',
        opt: { peers: [url] },
      }),
      JSON.stringify({ '#': hostile.msgId(), dam: 'mob', peers: { [url]: 1 } }),
      JSON.stringify({ '#': hostile.msgId(), dam: '!', err: 'x'.repeat(1000) }),
    ]);
    await new Promise((r) => setTimeout(r, 3000)); // GUN would dial within ~2 s
    trap.close();
    expect(contacted).toBe(0);
    expect((await relayStats(relay)).federation.configured).toBe(0);
  });

  it('survives a flood and still serves honest peers', async () => {
    const [forged] = await sealPoints(1);
    const bad = await hostile.badSignaturePut(forged!);
    const soul = soulFor(forged!);
    const floods = await Promise.all([1, 2, 3, 4].map(() => openRawSocket(relay.gunUrl)));
    // 3 sockets x 4,500 frames of garbage, forged records and deep nesting...
    for (let i = 0; i < 4500; i++) {
      for (const s of floods.slice(0, 3)) s.send(['garbage', bad, hostile.deepPut(30)][i % 3]!);
    }
    // ...and one socket asking far more often than the 1,000 GETs a peer may burst.
    for (let i = 0; i < 3000; i++) floods[3]!.send(JSON.stringify({ '#': hostile.msgId(), get: { '#': soul } }));
    const reader = makeGunClient(relay.gunUrl);
    const writer = makeGunClient(relay.gunUrl);
    clients.push(reader, writer);
    const honest = await sealPoints(5);
    const ids: string[] = honest.map((r) => r.id);
    const t = performance.now();
    const got = receiveValid(reader, [soulFor(honest[0]!)], ids, 20_000);
    await publishAll(writer, honest, 20_000);
    expect([...(await got)].filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
    const honestMs = performance.now() - t;

    expect(isAlive(relay.pid)).toBe(true);
    // Every flood frame is eventually counted under its code (3 sockets x 1,500 of each kind).
    const allCounted = async () => {
      const r = (await relayStats(relay)).refused;
      return (
        ['not-json', 'bad-signature', 'too-deep'].every((c) => (r[c] ?? 0) >= 4500) && (r['rate-limited'] ?? 0) > 0
      );
    };
    expect(await waitFor(allCounted, 30_000), JSON.stringify((await relayStats(relay)).refused)).toBe(true);
    floods.forEach((f) => f.close());
    const s = await relayStats(relay);
    expect(s.stored).toBe(1 + honest.length); // the immutability test's record plus these
    console.log(
      `[relay hostile] honest publish+receive during the flood: ${honestMs.toFixed(0)} ms; refusals: ${JSON.stringify(s.refused)}`,
    );
  });
});
