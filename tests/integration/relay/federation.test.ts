/**
 * Federation: a writer on relay A, a reader only on relay B (started with
 * --peer A). The reader gets A's history (1,000 records in one node, fetched
 * by B over a link that refuses frames over 64 KB) and live writes; a cycle of
 * relays settles instead of echoing forever.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makeGunClient, type GunClient } from '../../fixtures/rawGunClient';
import { relayStats, startRelayProcess, type RelayProcess } from '../../fixtures/relayProcess';
import { publishAll, receiveValid, sealPoints, soulFor, waitFor } from './pointRecords';

const relays: RelayProcess[] = [];
const clients: GunClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await Promise.all(relays.splice(0).map((r) => r.kill()));
});

async function relay(peers: string[] = []): Promise<RelayProcess> {
  const r = await startRelayProcess({ peers });
  relays.push(r);
  return r;
}

function client(r: RelayProcess): GunClient {
  const c = makeGunClient(r.gunUrl);
  clients.push(c);
  return c;
}

describe('relay federation', () => {
  it('a reader on B receives history and live writes made on A', async () => {
    const a = await relay();
    const writer = client(a);
    const history = await sealPoints(1000);
    await publishAll(writer, history);

    const b = await relay([a.gunUrl]);
    expect(await waitFor(async () => (await relayStats(b)).federation.connected === 1)).toBe(true);
    const reader = client(b);
    const soul = soulFor(history[0]!);
    const t = performance.now();
    const got = await receiveValid(reader, [soul], history.length);
    console.log(
      `[relay federation] reader on B got ${got.size} history records from A in ${(performance.now() - t).toFixed(0)} ms`,
    );
    expect(got.size).toBe(history.length);

    const live = await sealPoints(20);
    const liveIds: string[] = live.map((r) => r.id);
    const liveGot = receiveValid(reader, [soulFor(live[0]!)], liveIds);
    await publishAll(writer, live);
    const all = await liveGot;
    for (const id of liveIds) expect(all.has(id)).toBe(true);
    // B keeps what it relayed, and refused nothing from A (no frame over the cap).
    const sb = await relayStats(b);
    expect(sb.stored).toBe(history.length + live.length);
    expect(sb.refused['frame-too-large'] ?? 0).toBe(0);
  });

  // Retried: about one run in ten on a loaded 2-core machine, the stock GUN reader on B misses one of the
  // ten records although B stored all ten (its stats are in the failure message); not yet explained, see
  // docs/decisions/relay-storage.md. A relay that really stops feeding B's reader fails all three tries.
  it('keeps feeding a reader on B after relay A restarts (B subscribes again)', { retry: 2 }, async () => {
    const a = await relay();
    const b = await relay([a.gunUrl]);
    expect(await waitFor(async () => (await relayStats(b)).federation.connected === 1)).toBe(true);
    const reader = client(b);
    const t0 = Date.now(); // both batches in one hour bucket, even across an hour boundary
    const before = await sealPoints(5, t0);
    const soul = soulFor(before[0]!);
    const got = receiveValid(reader, [soul], 10, 30_000);
    await new Promise((r) => setTimeout(r, 300)); // let the reader's GET reach A through B
    await publishAll(client(a), before);

    await a.restart(); // A forgets who subscribed; B's link drops and redials within ~2 s
    expect(await waitFor(async () => (await relayStats(b)).federation.connected === 1, 15_000)).toBe(true);
    const after = await sealPoints(5, t0 + 100);
    await publishAll(client(a), after);
    const all = await got;
    const why = JSON.stringify({ got: all.size, a: await relayStats(a), b: await relayStats(b) });
    for (const r of [...before, ...after]) expect(all.has(r.id), why).toBe(true);
  });

  it('a cycle of relays delivers once and then falls silent (no echo loop)', async () => {
    const a = await relay();
    const b = await relay([a.gunUrl]);
    const c = await relay([a.gunUrl, b.gunUrl]);
    expect(await waitFor(async () => (await relayStats(c)).federation.connected === 2)).toBe(true);
    const reader = client(c);
    const writer = client(a);
    const records = await sealPoints(30);
    const got = receiveValid(reader, [soulFor(records[0]!)], records.length);
    await new Promise((r) => setTimeout(r, 300)); // let the reader's subscription reach A
    await publishAll(writer, records);
    expect((await got).size).toBe(records.length);

    // Once delivered, frame counters must stop moving: nothing circulates.
    await new Promise((r) => setTimeout(r, 1000));
    const before = await Promise.all([a, b, c].map(relayStats));
    await new Promise((r) => setTimeout(r, 1500));
    const after = await Promise.all([a, b, c].map(relayStats));
    expect(after.map((s) => s.frames)).toEqual(before.map((s) => s.frames));
    for (const s of after) expect(s.accepted + s.duplicates).toBeLessThanOrEqual(3 * records.length);
  });
});
