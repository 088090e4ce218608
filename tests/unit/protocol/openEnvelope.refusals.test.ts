/** openEnvelope refuses every tampered or out-of-limit record with the right code. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CircleId, PublicKey } from '../../../src/domain/brand';
import { bucketOf } from '../../../src/domain/bucket';
import { LIMITS } from '../../../src/domain/limits';
import type { RecordKind } from '../../../src/domain/records';
import { buf, toB64url } from '../../../src/protocol/base64url';
import { signingBytes } from '../../../src/protocol/canonical';
import { importCircle, openCircle, type Circle } from '../../../src/protocol/circle';
import { encodeEnvelope, type Envelope } from '../../../src/protocol/envelope';
import { generateIdentity, type Identity } from '../../../src/protocol/identity';
import { openEnvelope } from '../../../src/protocol/openEnvelope';
import { mineNonce } from '../../../src/protocol/pow';
import { sealRecord, sealUnchecked, type Sealed } from '../../../src/protocol/sealRecord';
import { fakeIdentity } from '../../fixtures/fakeIdentity';

const T = Date.UTC(2025, 5, 1, 12, 30);
const payload = {
  title: 'Victoria Park',
  note: '',
  lat: 22.2819,
  lon: 114.1887,
  start: T + 600_000,
  end: T + 4_200_000,
};
let alice: Identity;
let bob: Identity;
let circle: Circle;
let good: Sealed;

/** The record's fields with some replaced, signed again by `who` (alice by default). */
async function resigned(change: Partial<Record<keyof Envelope, unknown>>, who: Identity = alice): Promise<string> {
  const unsigned = { ...good.envelope, a: who.publicKey, ...change } as Envelope;
  const sig = await crypto.subtle.sign('Ed25519', who.privateKey, buf(signingBytes(unsigned)));
  return encodeEnvelope({ ...unsigned, s: toB64url(new Uint8Array(sig)) });
}
/** The record's wire text with fields replaced and the old signature kept. */
const edited = (change: Partial<Record<keyof Envelope, unknown>>) => JSON.stringify({ ...good.envelope, ...change });
/** `change` plus a nonce mined for the changed header: the forger pays the work, so the signature check is reached. */
const mined = (change: Partial<Envelope>) => ({ ...change, n: mineNonce({ ...good.envelope, ...change }).n });

async function expectCode(
  wire: unknown,
  code: string,
  opts: { now?: number; expectedId?: string; expectedBucket?: number; circle?: Circle } = {},
) {
  const r = await openEnvelope(wire, opts.circle ?? circle, {
    now: opts.now ?? T,
    expectedId: opts.expectedId,
    expectedBucket: opts.expectedBucket,
  });
  expect(r.ok ? 'accepted' : r.error.code).toBe(code);
}

beforeAll(async () => {
  [alice, bob, circle] = await Promise.all([fakeIdentity('alice'), fakeIdentity('bob'), openCircle()]);
  good = await sealRecord(alice, circle, 'point', payload, T);
});

describe('openEnvelope refusals', () => {
  it('accepts the untouched record (the baseline every case below changes)', async () => {
    await expectCode(good.wire, 'accepted', { expectedId: good.id, expectedBucket: bucketOf(T) });
  });

  it('bad-id: found under a key that is not its content hash', async () => {
    await expectCode(good.wire, 'bad-id', { expectedId: good.id.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) });
  });

  it('bad-signature: any signed field changed without re-signing', async () => {
    await expectCode(edited(mined({ t: T + 1 })), 'bad-signature');
    await expectCode(edited(mined({})), 'bad-signature');
    await expectCode(edited({ p: toB64url(new Uint8Array(40)) }), 'bad-signature');
    await expectCode(edited(mined({ k: 'cancel' })), 'bad-signature');
    await expectCode(edited(mined({ c: toB64url(new Uint8Array(16)) as CircleId })), 'bad-signature');
  });
  it('bad-signature: a signature by a different key than the author field names', async () => {
    const byBob = JSON.parse(await resigned({}, bob)) as Envelope;
    await expectCode(edited({ s: byBob.s }), 'bad-signature');
    await expectCode(edited(mined({ a: bob.publicKey })), 'bad-signature');
  });
  it('bad-signature: an author key that is not a curve point', async () => {
    await expectCode(
      edited(mined({ a: toB64url(new Uint8Array(32).fill(0xff)).replace(/.$/, 'w') as PublicKey })),
      'bad-signature',
    );
  });

  it('undecryptable: the right circle id with a wrong key', async () => {
    const impostor = await importCircle(circle.id, crypto.getRandomValues(new Uint8Array(32)));
    await expectCode(good.wire, 'undecryptable', { circle: impostor });
  });
  it('undecryptable: ciphertext bits flipped by the author (signature valid, GCM tag not)', async () => {
    const p = good.envelope.p;
    await expectCode(await resigned({ p: (p[0] === 'A' ? 'B' : 'A') + p.slice(1) }), 'undecryptable');
  });

  it('wrong-circle: a valid record of another circle', async () => {
    const other = await importCircle(
      toB64url(new Uint8Array(16).fill(9)) as CircleId,
      crypto.getRandomValues(new Uint8Array(32)),
    );
    await expectCode(good.wire, 'wrong-circle', { circle: other });
  });

  it('future-dated / expired: only within [now - retention, now + skew]', async () => {
    await expectCode(good.wire, 'accepted', { now: T - LIMITS.futureSkewMs });
    await expectCode(good.wire, 'future-dated', { now: T - LIMITS.futureSkewMs - 1 });
    await expectCode(good.wire, 'accepted', { now: T + LIMITS.retentionMs });
    await expectCode(good.wire, 'expired', { now: T + LIMITS.retentionMs + 1 });
  });

  it('wrong-bucket: filed under another hour', async () => {
    await expectCode(good.wire, 'wrong-bucket', { expectedBucket: bucketOf(T) + 1 });
    await expectCode(good.wire, 'wrong-bucket', { expectedBucket: bucketOf(T) - 1 });
  });

  it('too-large: wire text over the limit, before parsing', async () => {
    await expectCode(good.wire + ' '.repeat(LIMITS.envelopeChars - good.wire.length + 1), 'too-large');
    await expectCode('x'.repeat(LIMITS.envelopeChars + 1), 'too-large');
  });
  it('a payload sealed over its byte limit never reaches the parser', async () => {
    const fat = await sealUnchecked(
      alice,
      circle,
      'point',
      { ...payload, note: 'ж'.repeat(LIMITS.payloadBytes / 2) },
      T,
    );
    await expectCode(fat.wire, 'bad-field');
    const huge = await sealUnchecked(alice, circle, 'point', { ...payload, note: 'ж'.repeat(LIMITS.payloadBytes) }, T);
    await expectCode(huge.wire, 'too-large');
  });

  it('not-json', async () => {
    for (const w of ['', 'not json', good.wire.slice(0, -1), "{'v':1}"]) await expectCode(w, 'not-json');
  });

  it('bad-shape: extra, missing or misplaced fields, non-objects and non-canonical text', async () => {
    await expectCode(edited({ x: 1 } as never), 'bad-shape');
    const { s: _s, ...noSig } = good.envelope;
    await expectCode(JSON.stringify(noSig), 'bad-shape');
    await expectCode(JSON.stringify({ ...noSig, S: good.envelope.s }), 'bad-shape');
    for (const w of ['null', '[]', '1', '"x"', JSON.stringify([good.envelope])]) await expectCode(w, 'bad-shape');
    // Same fields, other spelling: reordered, spaced, escaped.
    const { v, ...rest } = good.envelope;
    await expectCode(JSON.stringify({ ...rest, v }), 'bad-shape');
    await expectCode(JSON.stringify(good.envelope, null, 1), 'bad-shape');
    await expectCode(good.wire.replace('"k":"point"', '"k":"\\u0070oint"'), 'bad-shape');
  });

  it('unsupported-version, even when signed', async () => {
    await expectCode(await resigned({ v: 2 }), 'unsupported-version');
    await expectCode(edited({ v: '1' }), 'unsupported-version');
    await expectCode(edited({ v: 0 }), 'unsupported-version');
  });

  it('unknown-kind, even when signed', async () => {
    await expectCode(await resigned({ k: 'poll' }), 'unknown-kind');
    await expectCode(edited({ k: 'Point' }), 'unknown-kind');
    await expectCode(edited({ k: 7 }), 'unknown-kind');
  });

  it.each([
    ['c', ['short', toB64url(new Uint8Array(17)), 42, 'A'.repeat(21) + 'B']],
    ['t', [-1, 1.5, '1', null, 2 ** 53]],
    ['a', ['short', 42, 'A'.repeat(42) + 'B', 'A'.repeat(42) + '+']],
    ['n', [toB64url(new Uint8Array(11)), toB64url(new Uint8Array(13)), 5, '!'.repeat(16)]],
    ['p', ['', 'A'.repeat(21), 'A'.repeat(2753), 'A'.repeat(22) + '=', 'A'.repeat(25), 'A'.repeat(22) + 'B']],
    ['s', [toB64url(new Uint8Array(63)), 'A'.repeat(85) + 'B', 0]],
  ])('bad-field: malformed %s', async (field, values) => {
    for (const value of values) await expectCode(edited({ [field]: value }), 'bad-field');
  });

  it('checks the payload after decrypting: a schema violation signed and sealed by the author', async () => {
    const seal = <K extends RecordKind>(k: K, p: unknown) => sealUnchecked(alice, circle, k, p, T);
    await expectCode((await seal('point', { ...payload, title: 'x'.repeat(81) })).wire, 'bad-field');
    await expectCode((await seal('point', { point: good.id })).wire, 'bad-shape');
    await expectCode((await seal('cancel', payload)).wire, 'bad-shape');
    await expectCode(
      (
        await seal('point', {
          ...payload,
          start: T + LIMITS.startAheadMs + 1,
          end: T + LIMITS.startAheadMs + 3_600_000,
        })
      ).wire,
      'bad-field',
    );
  });
});

describe('sealRecord', () => {
  it('refuses to sign a payload that receivers would refuse', async () => {
    const circle = await openCircle();
    const who = await generateIdentity();
    const now = Date.now();
    await expect(
      sealRecord(who, circle, 'point', { title: '', note: '', lat: 0, lon: 0, start: now, end: now + 3_600_000 }, now),
    ).rejects.toThrow(/title is required/);
  });
});
