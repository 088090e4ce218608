/**
 * A PUT the relay answers "stored" reaches every subscriber and the relay's
 * GET replies, whatever message id its writer chose. GUN's dedup table holds
 * more than the ids it heard: for a PUT `#x5` it also holds `x50`, `x51`, …
 * (one per record, gun.js `ham`: `msg['#'] + ctx.all++`), for a message with a
 * `##` hash `<@ or GET #><hash>`, and the `@` of every answer it sent. A later
 * PUT whose id was one of those used to be dropped by GUN after the relay had
 * stored, journalled and acknowledged it (docs/decisions/gun-internals.md,
 * "GUN's dedup table").
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Sealed } from '../../../src/protocol/sealRecord';
import { openRawSocket, type RawSocket } from '../../fixtures/rawGunClient';
import { startRelayProcess, type RelayProcess } from '../../fixtures/relayProcess';
import { msgId } from './hostileFrames';
import { sealPoints, soulFor } from './pointRecords';
import { answersTo, matching, recordKeys, until, type WireMsg } from './wireLog';

let relay: RelayProcess;
const sockets: RawSocket[] = [];

beforeAll(async () => {
  relay = await startRelayProcess();
});
afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});
afterAll(async () => {
  await relay.kill();
});

async function socket(): Promise<RawSocket> {
  const s = await openRawSocket(relay.gunUrl);
  sockets.push(s);
  return s;
}

/** A PUT of `records` under the message id `id`. */
function putOf(id: string, records: readonly Sealed[]): WireMsg {
  const put: Record<string, { _: { '#': string; '>': Record<string, number> } } & Record<string, unknown>> = {};
  for (const r of records) {
    const node = (put[soulFor(r)] ??= { _: { '#': soulFor(r), '>': {} } });
    node._['>'][r.id] = Date.now();
    node[r.id] = r.wire;
  }
  return { '#': id, put };
}

/** Record ids of `soul` in every PUT `s` received. */
const idsReceived = (s: RawSocket, soul: string) =>
  new Set(matching(s, (m) => m.put !== undefined).flatMap((m) => recordKeys(m, soul)));

/** Sends `put` on `writer` and expects the relay's "stored" answer under the PUT's own id. */
async function putStored(writer: RawSocket, put: WireMsg): Promise<void> {
  writer.send(JSON.stringify(put));
  const [answer] = await answersTo(writer, put['#'] as string);
  expect(answer, `answer to ${String(put['#'])}`).toMatchObject({ ok: { '': 1 } });
}

/** A reader subscribed to `soul` (its GET answered). */
async function subscriber(soul: string): Promise<RawSocket> {
  const s = await socket();
  const get = msgId();
  s.send(JSON.stringify({ '#': get, get: { '#': soul } }));
  await answersTo(s, get);
  return s;
}

/** The ids of `records` that `s` has not received (the node may hold other tests' records too). */
const missing = (s: RawSocket, records: readonly Sealed[]) => {
  const got = idsReceived(s, soulFor(records[0]!));
  return records.map((r) => r.id as string).filter((id) => !got.has(id));
};

/** Every record of `records` reaches `reader` live and is in a fresh GET reply. */
async function expectEverywhere(reader: RawSocket, records: readonly Sealed[]): Promise<void> {
  await until(reader, () => missing(reader, records).length === 0, 5000);
  expect(missing(reader, records), 'pushed to the subscriber').toEqual([]);
  const late = await subscriber(soulFor(records[0]!));
  await until(late, () => missing(late, records).length === 0, 2000);
  expect(missing(late, records), "in the relay's GET reply").toEqual([]);
}

describe('message ids and GUN’s dedup table', () => {
  it('delivers PUT `x50` after PUT `x5` (GUN keeps `x5` + record counter)', async () => {
    const records = await sealPoints(2);
    const reader = await subscriber(soulFor(records[0]!));
    const writer = await socket();
    const base = msgId();
    await putStored(writer, putOf(`${base}5`, [records[0]!]));
    await putStored(writer, putOf(`${base}50`, [records[1]!]));
    await expectEverywhere(reader, records);
  });

  it('delivers PUT `y1` after a PUT `y` of twelve records, and `y11`', async () => {
    const records = await sealPoints(14);
    const reader = await subscriber(soulFor(records[0]!));
    const writer = await socket();
    const base = msgId();
    await putStored(writer, putOf(base, records.slice(0, 12)));
    await putStored(writer, putOf(`${base}1`, [records[12]!]));
    await putStored(writer, putOf(`${base}11`, [records[13]!]));
    await expectEverywhere(reader, records);
  });

  it('delivers a PUT whose id is another peer’s GET `#` followed by that GET’s `##`', async () => {
    const records = await sealPoints(1);
    const soul = soulFor(records[0]!);
    const reader = await subscriber(soul);
    const other = await socket();
    const get = msgId();
    other.send(JSON.stringify({ '#': get, '##': 7, get: { '#': soul } }));
    await answersTo(other, get);
    await putStored(await socket(), putOf(`${get}7`, records));
    await expectEverywhere(reader, records);
  });

  it('delivers a PUT whose id another peer used first, for a refused PUT', async () => {
    const records = await sealPoints(1);
    const soul = soulFor(records[0]!);
    const reader = await subscriber(soul);
    const hostile = await socket();
    const id = msgId();
    hostile.send(JSON.stringify({ '#': id, put: { [soul]: { _: { '#': soul, '>': { nope: 1 } }, nope: 'x' } } }));
    await answersTo(hostile, id);
    await putStored(await socket(), putOf(id, records));
    await expectEverywhere(reader, records);
  });
});
