/**
 * docs/protocol.md against the real relay process, read as a second
 * implementation would on a raw WebSocket: the greeting (§1.2), GET replies,
 * "not found" and live pushes (§1.3), per-record PUT answers (§11.1) and what
 * happens to an oversized frame (§11.2). Each test names the statements it
 * holds the relay to; a change in the relay's wire behaviour fails here
 * before the document silently goes wrong.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CircleId } from '../../../src/domain/brand';
import { bucketOf } from '../../../src/domain/bucket';
import { LIMITS } from '../../../src/domain/limits';
import { importCircle } from '../../../src/protocol/circle';
import type { Sealed } from '../../../src/protocol/sealRecord';
import { soulOf } from '../../../src/protocol/souls';
import { openRawSocket, type RawSocket } from '../../fixtures/rawGunClient';
import { relayStats, startRelayProcess, type RelayProcess } from '../../fixtures/relayProcess';
import { msgId } from './hostileFrames';
import { sealPoints, soulFor, waitFor } from './pointRecords';
import { answersTo, matching, received, recordKeys, until, type WireMsg } from './wireLog';

let relay: RelayProcess;
const sockets: RawSocket[] = [];
const extraRelays: RelayProcess[] = [];

beforeAll(async () => {
  relay = await startRelayProcess();
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await Promise.all(extraRelays.splice(0).map((r) => r.kill()));
});
afterAll(async () => {
  await relay.kill();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function socket(gunUrl = relay.gunUrl): Promise<RawSocket> {
  const s = await openRawSocket(gunUrl);
  sockets.push(s);
  return s;
}

/** One PUT message: `records` as [soul, key, value, state?] rows. */
function putMessage(rows: Array<[string, string, unknown, number?]>, id = msgId()): WireMsg & { '#': string } {
  const put: Record<string, { _: { '#': string; '>': Record<string, number> } } & Record<string, unknown>> = {};
  for (const [soul, key, value, state = Date.now()] of rows) {
    const node = (put[soul] ??= { _: { '#': soul, '>': {} } });
    node._['>'][key] = state;
    node[key] = value;
  }
  return { '#': id, put };
}

const rowsOf = (records: readonly Sealed[]): Array<[string, string, unknown]> =>
  records.map((r) => [soulFor(r), r.id, r.wire]);

/** The codes docs/protocol.md §14 says a PUT answer can carry ("answer" among "raised by"). */
const ANSWER_CODES = new Set(
  readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'protocol.md'), 'utf8')
    .split('\n')
    .map((l) => /^\|\s*`([a-z-]+)`\s*\|\s*([a-z, ]+?)\s*\|/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null && (m[2] as string).split(', ').includes('answer'))
    .map((m) => m[1] as string),
);

/** Every code in an answer is one §14 marks as an answer code. */
function expectDocumentedCodes(answer: WireMsg | undefined): void {
  expect(ANSWER_CODES.size).toBeGreaterThan(10);
  const err =
    typeof answer?.err === 'string' && answer.err.startsWith('refused: ') ? answer.err.slice(9).split(',') : [];
  const listed = Object.values((answer?.refused ?? {}) as Record<string, Record<string, string>>).flatMap(
    Object.values,
  );
  for (const code of [...err, ...listed])
    expect(ANSWER_CODES.has(code), `${code} is not marked "answer" in §14`).toBe(true);
}

/** A record id that is not the id of its content (one character changed). */
const otherId = (id: string) => id.slice(0, 10) + (id[10] === 'A' ? 'B' : 'A') + id.slice(11);

describe('the greeting (§1.2)', () => {
  it('greets every connection with DAM `?` and the relay pid, answers a client greeting, and nothing else', async () => {
    const s = await socket();
    expect(await until(s, (all) => all.length >= 1)).toBe(true);
    const [first] = received(s);
    expect(first?.inArray).toBe(false);
    expect(Object.keys(first!.msg).sort()).toEqual(['#', 'dam', 'pid']);
    expect(first!.msg.dam).toBe('?');
    const pid = first!.msg.pid;
    expect(pid).toMatch(/^[A-Za-z0-9]+$/);

    // What GUN clients send: an answer to the greeting, and `hi`. Neither is answered.
    s.send(JSON.stringify({ '#': msgId(), '@': first!.msg['#'], dam: '?', pid: 'secondClient1' }));
    s.send(JSON.stringify({ '#': msgId(), dam: 'hi' }));
    // A greeting of the client's own is answered with the relay's pid.
    const ask = msgId();
    s.send(JSON.stringify({ '#': ask, dam: '?', pid: 'secondClient1' }));
    const [answer] = await answersTo(s, ask);
    expect(answer).toMatchObject({ '@': ask, dam: '?', pid });
    await sleep(400);
    expect(received(s)).toHaveLength(2);

    // One relay, one pid on every connection.
    const t = await socket();
    expect(await until(t, (all) => all.length >= 1)).toBe(true);
    expect(received(t)[0]?.msg.pid).toBe(pid);
  });
});

describe('reading a node (§1.3)', () => {
  it('answers a GET in several messages, each with @, a part of the node and its own `_`; `%` names the next part', async () => {
    const writer = await socket();
    const reader = await socket();
    const records = await sealPoints(12);
    const soul = soulFor(records[0]!);
    const wires = new Map(records.map((r) => [r.id as string, r.wire]));
    const put = putMessage(rowsOf(records));
    writer.send(JSON.stringify(put));
    expect((await answersTo(writer, put['#']))[0]).toEqual({ '@': put['#'], '#': expect.any(String), ok: { '': 1 } });

    const get = msgId();
    reader.send(JSON.stringify({ '#': get, get: { '#': soul } }));
    const complete = (all: ReturnType<typeof received>) =>
      new Set(all.filter((r) => r.msg['@'] === get).flatMap((r) => recordKeys(r.msg, soul))).size === records.length;
    expect(await until(reader, complete)).toBe(true);
    const parts = matching(reader, (m) => m['@'] === get);
    expect(parts.length).toBeGreaterThan(1);
    let underscoreNotFirst = false;
    for (const part of parts) {
      const node = (part.put as Record<string, Record<string, unknown>>)[soul]!;
      expect(Object.keys(part.put as object)).toEqual([soul]);
      const meta = node._ as { '#': string; '>': Record<string, number> };
      expect(meta['#']).toBe(soul);
      // `_` carries the HAM state of exactly the keys of this part, wherever it sits among them.
      expect(Object.keys(meta['>']).sort()).toEqual(recordKeys(part, soul).sort());
      for (const k of recordKeys(part, soul)) {
        expect(node[k]).toBe(wires.get(k));
        expect(Number.isFinite(meta['>'][k])).toBe(true);
      }
      // Today's relays (GUN) send a few keys per message (about nine counting `_`; not a promise).
      expect(Object.keys(node).length).toBeLessThanOrEqual(12);
      if (Object.keys(node)[0] !== '_') underscoreNotFirst = true;
    }
    // Ids that sort before `_` put it after them in the first part.
    if ([...wires.keys()].some((id) => id < '_')) expect(underscoreNotFirst).toBe(true);
    const ids = new Set(parts.map((p) => p['#']));
    const next = parts.map((p) => p['%']).filter((x) => x !== undefined);
    expect(next).toHaveLength(parts.length - 1);
    for (const n of next) expect(ids.has(n)).toBe(true);
  });

  it('answers a GET of an empty node, or of a key it does not hold, with a message without `put`', async () => {
    const reader = await socket();
    const [r] = await sealPoints(1);
    const empty = soulOf(r!.envelope.c, bucketOf(Date.now()) - 3);
    const get = msgId();
    const getKey = msgId();
    reader.send(
      JSON.stringify([
        { '#': get, get: { '#': empty } },
        { '#': getKey, get: { '#': empty, '.': r!.id } },
      ]),
    );
    const [notFound] = await answersTo(reader, get);
    const [keyNotFound] = await answersTo(reader, getKey);
    expect(notFound).toEqual({ '@': get, '#': expect.any(String) });
    expect(keyNotFound).toEqual({ '@': getKey, '#': expect.any(String) });
    await sleep(300);
    expect(matching(reader, (m) => m['@'] === get || m['@'] === getKey)).toHaveLength(2);
  });

  it('answers a GET of one key with that key alone, and several GETs of one frame partly in an array frame', async () => {
    const writer = await socket();
    const reader = await socket();
    const records = await sealPoints(3);
    const soul = soulFor(records[0]!);
    const put = putMessage(rowsOf(records));
    writer.send(JSON.stringify(put));
    await answersTo(writer, put['#']);
    const one = msgId();
    const all = msgId();
    reader.send(
      JSON.stringify([
        { '#': one, get: { '#': soul, '.': records[1]!.id } },
        { '#': all, get: { '#': soul } },
      ]),
    );
    const [single] = await answersTo(reader, one);
    await answersTo(reader, all);
    expect(recordKeys(single!, soul)).toEqual([records[1]!.id]);
    expect(received(reader).some((r) => r.inArray)).toBe(true);
  });

  it('pushes a PUT it took to every connection that asked for one of its nodes, whole, with a `#` of its own and no `@`', async () => {
    const writer = await socket();
    const reader = await socket();
    const bystander = await socket();
    const [now, older] = await sealPoints(2);
    const lastHour = (await sealPoints(1, Date.now() - 3_600_000))[0]!;
    const soul = soulFor(now!);
    const get = msgId();
    reader.send(JSON.stringify({ '#': get, get: { '#': soul } }));
    await answersTo(reader, get);

    // One PUT holding a record of the node the reader asked for and one of the hour before.
    const put = putMessage(rowsOf([now!, lastHour]));
    writer.send(JSON.stringify(put));
    const pushOf = (id: string) => (m: WireMsg) => m.put !== undefined && recordKeys(m, soul).includes(id);
    expect(await until(reader, (all) => all.some((r) => pushOf(now!.id)(r.msg)))).toBe(true);
    const [push] = matching(reader, pushOf(now!.id));
    expect(push!['@']).toBeUndefined();
    // The relay's own id, never the writer's (GUN's dedup table, docs/decisions/gun-internals.md).
    expect(push!['#']).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(push!['#']).not.toBe(put['#']);
    expect(Object.keys(push!.put as object).sort()).toEqual([soul, soulFor(lastHour)].sort());
    expect(recordKeys(push!, soul)).toEqual([now!.id]);
    // A connection that asked for nothing hears nothing; records already held are not pushed again.
    const again = putMessage(rowsOf([now!, older!]));
    writer.send(JSON.stringify(again));
    expect(await until(reader, (all) => all.some((r) => pushOf(older!.id)(r.msg)))).toBe(true);
    const pushes = matching(reader, (m) => m.put !== undefined && m['@'] === undefined);
    expect(pushes.map((m) => recordKeys(m, soul))).toEqual([[now!.id], [older!.id]]);
    expect(pushes[1]!['#']).not.toBe(push!['#']);
    await sleep(300);
    expect(received(bystander).filter((r) => r.msg.put !== undefined)).toEqual([]);
  });
});

describe('the HAM state (§1)', () => {
  it('takes a state ahead of its clock within futureSkewMs, keeps at most its own clock, and serves the record at once', async () => {
    const writer = await socket();
    const reader = await socket();
    const [r] = await sealPoints(1);
    const soul = soulFor(r!);
    const put = putMessage([[soul, r!.id, r!.wire, Date.now() + 60_000]]);
    writer.send(JSON.stringify(put));
    expect((await answersTo(writer, put['#']))[0]).toMatchObject({ ok: { '': 1 } });
    const get = msgId();
    const asked = Date.now();
    reader.send(JSON.stringify({ '#': get, get: { '#': soul, '.': r!.id } }));
    const [reply] = await answersTo(reader, get);
    expect(recordKeys(reply!, soul)).toEqual([r!.id]);
    const state = (reply!.put as Record<string, { _: { '>': Record<string, number> } }>)[soul]!._['>'][r!.id]!;
    expect(state).toBeLessThanOrEqual(asked);
  });
});

describe('per-record PUT answers (§11.1)', () => {
  it('answers `ok` with the refused records by soul and key when some were taken', async () => {
    const s = await socket();
    const [good, late, forged] = await sealPoints(3);
    const soul = soulFor(good!);
    const foreignCircle = await importCircle('AAAAAAAAAAAAAAAAAAAAAA' as CircleId, new Uint8Array(32).fill(7));
    const [foreign] = await sealPoints(1, Date.now(), foreignCircle);
    const numberId = otherId(late!.id);
    const put = putMessage([
      [soul, good!.id, good!.wire],
      [soul, otherId(forged!.id), forged!.wire],
      [soul, foreign!.id, foreign!.wire],
      [soul, numberId, 42],
      [soul, late!.id, late!.wire, Date.now() + 10 * 60_000],
      [soul, 'not-a-record-id', good!.wire],
      ['evil/1', good!.id, good!.wire],
    ]);
    s.send(JSON.stringify(put));
    const [answer] = await answersTo(s, put['#']);
    expectDocumentedCodes(answer);
    expect(answer).toEqual({
      '@': put['#'],
      '#': expect.any(String),
      ok: { '': 1 },
      refused: {
        [soul]: {
          [otherId(forged!.id)]: 'bad-id',
          [foreign!.id]: 'wrong-circle',
          [numberId]: 'not-string',
          [late!.id]: 'future-state',
        },
      },
    });
  });

  it('answers `err` with every code and the refused records when nothing was taken; an already held record counts as taken', async () => {
    const s = await socket();
    const [held, other, fresh] = await sealPoints(3);
    const soul = soulFor(held!);
    const first = putMessage(rowsOf([held!]));
    s.send(JSON.stringify(first));
    await answersTo(s, first['#']);

    const none = putMessage([
      [soul, otherId(other!.id), other!.wire],
      [soul, held!.id, other!.wire],
      ['evil/1', other!.id, other!.wire],
    ]);
    s.send(JSON.stringify(none));
    const [refused] = await answersTo(s, none['#']);
    expectDocumentedCodes(refused);
    expect(refused).toEqual({
      '@': none['#'],
      '#': expect.any(String),
      err: 'refused: outside-namespace,bad-id,immutable',
      refused: { [soul]: { [otherId(other!.id)]: 'bad-id', [held!.id]: 'immutable' } },
    });

    const mixed = putMessage([...rowsOf([held!, fresh!]), [soul, otherId(other!.id), other!.wire]]);
    s.send(JSON.stringify(mixed));
    const [taken] = await answersTo(s, mixed['#']);
    expect(taken).toEqual({
      '@': mixed['#'],
      '#': expect.any(String),
      ok: { '': 1 },
      refused: { [soul]: { [otherId(other!.id)]: 'bad-id' } },
    });
  });

  it('does not answer a PUT whose `#` is not a safe id, and stays up', async () => {
    const s = await socket();
    const [r] = await sealPoints(1);
    s.send(JSON.stringify({ ...putMessage(rowsOf([r!])), '#': '__proto__' }));
    const after = putMessage(rowsOf([r!]));
    s.send(JSON.stringify(after));
    expect((await answersTo(s, after['#']))[0]).toMatchObject({ ok: { '': 1 } });
    await sleep(200);
    expect(matching(s, (m) => m['@'] === '__proto__')).toEqual([]);
  });

  it('gives one answer per PUT even when a federated relay stores the records too', async () => {
    const upstream = await startRelayProcess();
    extraRelays.push(upstream);
    const front = await startRelayProcess({ peers: [upstream.gunUrl] });
    extraRelays.push(front);
    expect(await waitFor(async () => (await relayStats(front)).federation.connected === 1, 15_000)).toBe(true);
    const s = await socket(front.gunUrl);
    const [good, forged] = await sealPoints(2);
    const put = putMessage([...rowsOf([good!]), [soulFor(good!), otherId(forged!.id), forged!.wire]]);
    s.send(JSON.stringify(put));
    expect(await waitFor(async () => (await relayStats(upstream)).stored === 1, 10_000)).toBe(true);
    await sleep(1000);
    const answers = matching(s, (m) => m['@'] === put['#']);
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({
      ok: { '': 1 },
      refused: { [soulFor(good!)]: { [otherId(forged!.id)]: 'bad-id' } },
    });
  });
});

describe('oversized frames (§11.2)', () => {
  /** A PUT frame padded with trailing spaces (still JSON) to exactly `bytes` UTF-8 bytes. */
  const padded = (msg: WireMsg, bytes: number) => {
    const text = JSON.stringify(msg);
    return text + ' '.repeat(bytes - Buffer.byteLength(text));
  };
  const closeOf = (s: RawSocket) =>
    new Promise<[number, string]>((r) =>
      s.ws.once('close', (code: number, reason: Buffer) => r([code, reason.toString()])),
    );

  it('reads and answers a frame of exactly frameBytes bytes', async () => {
    const s = await socket();
    const [r] = await sealPoints(1);
    const put = putMessage(rowsOf([r!]));
    s.send(padded(put, LIMITS.frameBytes));
    expect((await answersTo(s, put['#']))[0]).toMatchObject({ ok: { '': 1 } });
    expect(s.ws.readyState).toBe(s.ws.OPEN);
  });

  it('closes the connection with 1009 and an empty reason on one byte more, reading and storing nothing of it', async () => {
    const s = await socket();
    const closed = closeOf(s);
    const [r] = await sealPoints(1);
    const before = (await relayStats(relay)).refused['frame-too-large'] ?? 0;
    const put = putMessage(rowsOf([r!]));
    s.send(padded(put, LIMITS.frameBytes + 1));
    expect(await closed).toEqual([1009, '']);
    expect(matching(s, (m) => m['@'] === put['#'])).toEqual([]);
    const after = await relayStats(relay);
    expect(after.refused['frame-too-large']).toBe(before + 1);
    // The record was never read: a reader asking for its node finds no such key.
    const reader = await socket();
    const get = msgId();
    reader.send(JSON.stringify({ '#': get, get: { '#': soulFor(r!), '.': r!.id } }));
    expect((await answersTo(reader, get))[0]).toEqual({ '@': get, '#': expect.any(String) });
  });

  it('counts the limit in UTF-8 bytes: 40,000 Cyrillic letters (80,000 bytes) close the connection', async () => {
    const s = await socket();
    const closed = closeOf(s);
    s.send(JSON.stringify({ '#': msgId(), get: { '#': 'ж'.repeat(40_000) } }));
    expect(await closed).toEqual([1009, '']);
  });
});
