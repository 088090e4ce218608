/**
 * Proof-of-work, nonce replay and per-key quotas, against a real relay
 * process: each refusal comes back in the PUT's ack with its code and is
 * counted; the boundary cases pass (exactly 12 bits, the Nth record of a
 * quota); and after a restart the rebuilt ledger and nonce index still refuse.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CircleId } from '../../../src/domain/brand';
import { LIMITS } from '../../../src/domain/limits';
import type { RecordKind } from '../../../src/domain/records';
import { toB64url } from '../../../src/protocol/base64url';
import { importCircle, openCircle, type Circle } from '../../../src/protocol/circle';
import { generateIdentity, type Identity } from '../../../src/protocol/identity';
import { sealRecord, type Sealed } from '../../../src/protocol/sealRecord';
import { openRawSocket, type RawSocket } from '../../fixtures/rawGunClient';
import { relayStats, startRelayProcess, type RelayProcess } from '../../fixtures/relayProcess';
import { nonceWithBits, pointPayload, sealWithNonce } from '../../fixtures/records';
import { putFrame } from './hostileFrames';
import { soulFor } from './pointRecords';

let relay: RelayProcess;
let raw: RawSocket;
let open: Circle;
const HOUR = LIMITS.bucketMs;
/** A time safely inside the current hour bucket (so `now` and `now − 1 h` are two buckets). */
const now = () => {
  const t = Date.now();
  return t % HOUR < 5000 ? t + 5000 : t;
};

beforeAll(async () => {
  relay = await startRelayProcess();
  raw = await openRawSocket(relay.gunUrl);
  open = await openCircle();
});
afterAll(async () => {
  raw.close();
  await relay.kill();
});

/** The ack text for a PUT frame's `#`: "ok" or the relay's error. */
function ackOf(id: string, ms = 10_000): Promise<string> {
  return new Promise((done, fail) => {
    const end = Date.now() + ms;
    const look = () => {
      for (const text of raw.received) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          continue;
        }
        for (const m of Array.isArray(parsed) ? parsed : [parsed]) {
          const msg = m as { '@'?: string; err?: string; ok?: unknown };
          if (msg['@'] === id) return done(msg.err ?? 'ok');
        }
      }
      if (Date.now() > end) return fail(new Error(`no ack for ${id}`));
      setTimeout(look, 10);
    };
    look();
  });
}

/** Sends each record as its own PUT, one after the other; resolves with each ack. */
async function put(...records: Sealed[]): Promise<string[]> {
  const acks: string[] = [];
  for (const r of records) {
    const frame = putFrame(soulFor(r), r.id, r.wire);
    raw.send(frame);
    acks.push(await ackOf((JSON.parse(frame) as { '#': string })['#']));
  }
  return acks;
}

const point = (who: Identity, t: number, circle = open, i = 0) =>
  sealRecord(who, circle, 'point', pointPayload(`p${i}`, t), t + i);

/** `n` records of `kind` by `who`, created 1 ms apart from `t`. */
async function sealMany(who: Identity, kind: RecordKind, n: number, t: number, target?: Sealed): Promise<Sealed[]> {
  const out: Sealed[] = [];
  for (let i = 0; i < n; i++) {
    if (kind === 'point') out.push(await point(who, t, open, i));
    else if (!target) throw new Error('alerts and cancels need a target point');
    else if (kind === 'alert')
      out.push(await sealRecord(who, open, 'alert', { point: target.id, alert: 'caution' }, t + i));
    else out.push(await sealRecord(who, open, 'cancel', { point: target.id }, t + i));
  }
  return out;
}

describe('proof-of-work at the relay', () => {
  it('takes a record with exactly 12 bits and refuses one with 11 as insufficient-work', async () => {
    const who = await generateIdentity();
    const t = now();
    const at = await sealWithNonce(who, open, 'point', pointPayload('twelve', t), t, nonceWithBits(LIMITS.powBits));
    const below = await sealWithNonce(
      who,
      open,
      'point',
      pointPayload('eleven', t),
      t + 1,
      nonceWithBits(LIMITS.powBits - 1),
    );
    const none = await sealWithNonce(who, open, 'point', pointPayload('none', t), t + 2, nonceWithBits(0));
    expect(await put(at, below, none)).toEqual(['ok', 'refused: insufficient-work', 'refused: insufficient-work']);
    expect((await relayStats(relay)).refused['insufficient-work']).toBe(2);
  });
});

describe('nonce replay at the relay', () => {
  it('refuses a second record with the same author and nonce and another ciphertext', async () => {
    const who = await generateIdentity();
    const t = now();
    const first = await point(who, t);
    // Same header (so the paid work holds), another plaintext: a free second record if replays were allowed.
    const again = await sealWithNonce(
      who,
      open,
      'point',
      pointPayload('another ciphertext', t),
      t,
      () => first.envelope.n,
    );
    expect(again.id).not.toBe(first.id);
    expect(again.envelope.p).not.toBe(first.envelope.p);
    expect(await put(first, again)).toEqual(['ok', 'refused: replayed-nonce']);
    // The same record again is a duplicate, not a replay.
    expect(await put(first)).toEqual(['ok']);
    // Another author may use the same nonce (the work is bound to the author).
    const other = await generateIdentity();
    const theirs = await sealWithNonce(
      other,
      open,
      'point',
      pointPayload('theirs', t),
      t,
      nonceWithBits(LIMITS.powBits),
    );
    expect(await put(theirs)).toEqual(['ok']);
    expect((await relayStats(relay)).refused['replayed-nonce']).toBe(1);
  });
});

describe('quotas at the relay', () => {
  it.each([
    ['point', LIMITS.quotaPointsPerHour],
    ['alert', LIMITS.quotaAlertsPerHour],
    ['cancel', LIMITS.quotaOtherPerHour],
  ] as const)('%s: takes N = %i from one key in one hour and refuses the next as over-quota', async (kind, n) => {
    const author = await generateIdentity();
    const t = now();
    const target = await point(await generateIdentity(), t);
    await put(target);
    const records = await sealMany(author, kind, n + 1, t, target);
    const acks = await put(...records);
    expect(
      acks.slice(0, n).every((a) => a === 'ok'),
      acks.join(),
    ).toBe(true);
    expect(acks[n]).toBe('refused: over-quota');
  });

  it('counts per key, per circle, per hour bucket and per class', async () => {
    const who = await generateIdentity();
    const t = now();
    const full = await sealMany(who, 'point', LIMITS.quotaPointsPerHour, t);
    expect((await put(...full)).every((a) => a === 'ok')).toBe(true);
    const before = (await relayStats(relay)).refused['over-quota'] ?? 0;
    const secret = await importCircle(
      toB64url(crypto.getRandomValues(new Uint8Array(16))) as CircleId,
      crypto.getRandomValues(new Uint8Array(32)),
    );
    const acks = await put(
      await point(who, t, open, 100), // the 21st point: refused
      await point(await generateIdentity(), t), // another key
      await point(who, t, secret), // another circle
      await point(who, t - HOUR), // the previous hour
      await sealRecord(who, open, 'alert', { point: full[0]!.id, alert: 'caution' }, t), // another class
      await sealRecord(who, open, 'cancel', { point: full[0]!.id }, t), // and the third class
    );
    expect(acks).toEqual(['refused: over-quota', 'ok', 'ok', 'ok', 'ok', 'ok']);
    expect((await relayStats(relay)).refused['over-quota']).toBe(before + 1);
  });
});

describe('after a restart', () => {
  it('rebuilds the quota ledger and the nonce index from the journal', async () => {
    const who = await generateIdentity();
    const t = now();
    const full = await sealMany(who, 'point', LIMITS.quotaPointsPerHour, t);
    expect((await put(...full)).every((a) => a === 'ok')).toBe(true);
    const replay = await sealWithNonce(who, open, 'point', pointPayload('replay', t), t, () => full[0]!.envelope.n);
    raw.close();
    await relay.restart();
    raw = await openRawSocket(relay.gunUrl);
    expect(await put(await point(who, t, open, 500), replay, full[0]!)).toEqual([
      'refused: over-quota',
      'refused: replayed-nonce',
      'ok',
    ]);
  });
});
