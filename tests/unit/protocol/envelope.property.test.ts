/**
 * Properties of the wire protocol: the parser survives anything, sealing
 * round-trips every valid payload, and no single-character change to a sealed
 * record gets through.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RejectionCode } from '../../../src/domain/result';
import { openCircle, type Circle } from '../../../src/protocol/circle';
import { parseEnvelope } from '../../../src/protocol/envelope';
import type { Identity } from '../../../src/protocol/identity';
import { openEnvelope } from '../../../src/protocol/openEnvelope';
import { sealRecord, type Sealed } from '../../../src/protocol/sealRecord';
import { cancelArb, createdArb, disperseArb, pointPayloadArb } from '../../fixtures/arbitraries';
import { fakeIdentity } from '../../fixtures/fakeIdentity';

const PARSE_CODES: RejectionCode[] = [
  'too-large',
  'not-json',
  'bad-shape',
  'bad-field',
  'unsupported-version',
  'unknown-kind',
];
let alice: Identity;
let circle: Circle;

beforeAll(async () => {
  [alice, circle] = await Promise.all([fakeIdentity('alice'), openCircle()]);
});

describe('parseEnvelope on arbitrary input', () => {
  it('never throws on any value or string, and refuses with a structural code', () => {
    const input = fc.oneof(fc.anything(), fc.string({ unit: 'binary', maxLength: 200 }), fc.json(), fc.jsonValue());
    fc.assert(
      fc.property(input, (x) => {
        const r = parseEnvelope(x);
        if (!r.ok) expect(PARSE_CODES).toContain(r.error.code);
      }),
      { numRuns: 500 },
    );
  });
});

describe('seal → open', () => {
  const recordArb = createdArb.chain((t) =>
    fc.tuple(
      fc.constant(t),
      fc.oneof(
        pointPayloadArb(t).map((p) => ['point', p] as const),
        disperseArb.map((p) => ['disperse', p] as const),
        cancelArb.map((p) => ['cancel', p] as const),
      ),
    ),
  );
  it('round-trips every valid payload of every kind', async () => {
    await fc.assert(
      fc.asyncProperty(recordArb, async ([t, [kind, payload]]) => {
        const s = await sealRecord(alice, circle, kind, payload, t);
        const r = await openEnvelope(s.wire, circle, { now: t, expectedId: s.id });
        expect(r).toEqual({
          ok: true,
          value: {
            id: s.id,
            circle: circle.id,
            author: alice.publicKey,
            created: t,
            kind,
            payload,
            nonce: s.envelope.n,
          },
        });
      }),
      { numRuns: 60 },
    );
  });
});

describe('single-character mutations of a sealed record', () => {
  let sealed: Sealed[];
  const T = Date.UTC(2025, 5, 1, 12);
  beforeAll(async () => {
    const point = { title: 'Ploshcha', note: 'x', lat: 53.9, lon: 27.56, start: T, end: T + 3_600_000 };
    const p = await sealRecord(alice, circle, 'point', point, T);
    sealed = [
      p,
      await sealRecord(alice, circle, 'disperse', { point: p.id }, T),
      await sealRecord(alice, circle, 'cancel', { point: p.id }, T),
    ];
  });
  // Characters that keep the text plausible (base64url, digits, JSON punctuation) plus anything at all.
  const charArb = fc.oneof(
    fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"{}:,. \\'.split('')),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  );
  it('is refused, unless it changed nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(2), fc.nat(), charArb, async (which, pos, ch) => {
        const s = sealed[which] as Sealed;
        const i = pos % s.wire.length;
        const mutated = s.wire.slice(0, i) + ch + s.wire.slice(i + 1);
        const r = await openEnvelope(mutated, circle, { now: T });
        if (mutated === s.wire) {
          expect(r.ok && r.value.id).toBe(s.id);
        } else {
          expect(r.ok, `accepted ${JSON.stringify(mutated)}`).toBe(false);
        }
      }),
      { numRuns: 600 },
    );
  });
  it('refuses a signature whose last character differs only in a spare bit', async () => {
    // The spare low bits of base64url's last character: the case that made clones with new ids.
    const s = sealed[0] as Sealed;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = s.envelope.s.slice(-1);
    const twin = alphabet.charAt(alphabet.indexOf(last) ^ 1);
    const r = await openEnvelope(s.wire.replace(`${s.envelope.s}"`, `${s.envelope.s.slice(0, -1)}${twin}"`), circle, {
      now: T,
    });
    expect(r.ok ? 'accepted' : r.error.code).toBe('bad-field');
  });
});
