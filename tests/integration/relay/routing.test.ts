/**
 * The relay forwards a PUT only to peers that asked for its soul, and never
 * forwards one client's GET to the other clients (each would answer with the
 * whole node). A peer that only watches sees nothing but the handshake.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGunClient, openRawSocket, type GunClient, type RawSocket } from '../../fixtures/rawGunClient';
import { relayStats, startRelayProcess, type RelayProcess } from '../../fixtures/relayProcess';
import { publishAll, receiveValid, sealPoints, soulFor } from './pointRecords';

let relay: RelayProcess;
const clients: GunClient[] = [];
let bystander: RawSocket;

beforeAll(async () => {
  relay = await startRelayProcess();
  bystander = await openRawSocket(relay.gunUrl);
});
afterAll(async () => {
  bystander.close();
  for (const c of clients) c.close();
  await relay.kill();
});

const messages = (frames: string[]) =>
  frames.flatMap((f) => {
    const parsed = JSON.parse(f) as unknown;
    return (Array.isArray(parsed) ? parsed : [parsed]) as Array<Record<string, unknown>>;
  });

describe('relay routing', () => {
  it('sends PUTs only to subscribers and GETs to no client', async () => {
    const [reader, writer, holder] = [1, 2, 3].map(() => makeGunClient(relay.gunUrl)) as [
      GunClient,
      GunClient,
      GunClient,
    ];
    clients.push(reader, writer, holder);
    const records = await sealPoints(10);
    const soul = soulFor(records[0]!);
    // `holder` already has the node; with GUN's default it would be asked again for every newcomer.
    const held = receiveValid(holder, [soul], records.length);
    const got = receiveValid(reader, [soul], records.length);
    await publishAll(writer, records);
    expect((await got).size).toBe(records.length);
    expect((await held).size).toBe(records.length);

    const before = (await relayStats(relay)).duplicates;
    const late = makeGunClient(relay.gunUrl);
    clients.push(late);
    expect((await receiveValid(late, [soul], records.length)).size).toBe(records.length);
    await new Promise((r) => setTimeout(r, 500));
    expect((await relayStats(relay)).duplicates).toBe(before);

    const seen = messages(bystander.received);
    expect(seen.filter((m) => m.put !== undefined || m.get !== undefined)).toEqual([]);
    expect(seen.some((m) => m.dam === '?')).toBe(true);
  });
});
