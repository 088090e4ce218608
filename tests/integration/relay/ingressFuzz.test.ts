/**
 * Fuzz of the relay's ingress: 100,000 generated GUN messages through the
 * message sanitizer (relay/sanitizeMessage.ts), and 20,000 text frames through
 * the whole in-process ingress (parse, sanitize, verify, admit, accept) with a
 * real store and admission and a stub GUN. Inputs mix random values, deep
 * JSON, prototype keys at any depth, huge numbers, odd routing fields and
 * genuine PUTs mutated field by field. Nothing may throw or count as
 * `internal-error`; every refusal carries a known code (RejectionCode or one
 * of the relay's own); nothing delivered to GUN holds a prototype key.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { bucketOf } from '../../../src/domain/bucket';
import { REJECTION_CODES } from '../../../src/domain/result';
import { openCircle } from '../../../src/protocol/circle';
import { generateIdentity } from '../../../src/protocol/identity';
import { sealRecord, type Sealed } from '../../../src/protocol/sealRecord';
import { soulOf } from '../../../src/protocol/souls';
import { Admission } from '../../../relay/admission';
import type { GunMsg, GunPeer } from '../../../relay/gunTypes';
import { makeIngress } from '../../../relay/ingress';
import type { RecordJournal } from '../../../relay/recordJournal';
import { RecordStore } from '../../../relay/recordStore';
import { RELAY_REFUSAL_CODES } from '../../../relay/refusalCodes';
import { StatsCounter } from '../../../relay/relayStats';
import { sanitizeMessage } from '../../../relay/sanitizeMessage';
import { walkMessage } from '../../../src/protocol/walkMessage';
import { sealWithNonce } from '../../fixtures/records';

const NOW = Date.now();
const KNOWN = new Set<string>([...REJECTION_CODES, ...RELAY_REFUSAL_CODES]);
let genuine: Sealed[] = [];

beforeAll(async () => {
  const [me, circle] = await Promise.all([generateIdentity(), openCircle()]);
  const pay = { title: 'Square', note: '', lat: 1, lon: 2, start: NOW + 60_000, end: NOW + 3_600_000 };
  const point = await sealRecord(me, circle, 'point', pay, NOW);
  // The third reuses the point's nonce with another ciphertext: a replay once the point is held.
  const replay = await sealWithNonce(me, circle, 'point', { ...pay, title: 'Replay' }, NOW, () => point.envelope.n);
  genuine = [point, await sealRecord(me, circle, 'cancel', { point: point.id }, NOW), replay];
});

const soulOfSealed = (s: Sealed) => soulOf(s.envelope.c, bucketOf(s.envelope.t));

const huge = fc.constantFrom(1e308, -1e308, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, -1, 0.5, 1e21, NOW + 1e9);
const protoName = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf');
const odd = fc.oneof(
  huge,
  protoName,
  fc.constantFrom(null, true, '', [], {}, 'vada/1/', 'vada/1/x/1', '#', '>', '_', 'A'.repeat(800)),
  fc.string({ maxLength: 80 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** A genuine PUT message (as an object) with the record's soul, id, state and wire. */
function putOf(s: Sealed, state = NOW): Record<string, unknown> {
  const soul = soulOfSealed(s);
  return { '#': 'm' + s.id.slice(0, 8), put: { [soul]: { _: { '#': soul, '>': { [s.id]: state } }, [s.id]: s.wire } } };
}

/** Sets `value` at a random path of `o` (creating objects), or deletes it. */
function mutateAt(o: unknown, path: string[], value: unknown, del: boolean): unknown {
  if (path.length === 0) return del ? undefined : value;
  const base = typeof o === 'object' && o !== null && !Array.isArray(o) ? { ...(o as object) } : {};
  const [k, ...rest] = path as [string, ...string[]];
  const next = mutateAt((base as Record<string, unknown>)[k], rest, value, del);
  if (next === undefined) delete (base as Record<string, unknown>)[k];
  // defineProperty: an own `__proto__` key, as JSON.parse would make, not a prototype change.
  else Object.defineProperty(base, k, { value: next, enumerable: true, writable: true, configurable: true });
  return base;
}

/** Paths into a genuine PUT that a mutation may hit. */
function pathsFor(s: Sealed): string[][] {
  const soul = soulOfSealed(s);
  return [
    ['#'],
    ['@'],
    ['##'],
    ['><'],
    ['ok'],
    ['err'],
    ['dam'],
    ['get'],
    ['put'],
    ['put', soul],
    ['put', soul, '_'],
    ['put', soul, '_', '#'],
    ['put', soul, '_', '>'],
    ['put', soul, '_', '>', s.id],
    ['put', soul, s.id],
    ['put', 'vada/1/' + s.envelope.c + '/0'],
    ['put', soul, '__proto__'],
    ['put', soul, '_', '>', 'constructor'],
  ];
}

const mutatedPut = fc
  .tuple(
    fc.nat(),
    fc.array(fc.tuple(fc.nat(), odd, fc.boolean()), { minLength: 1, maxLength: 3 }),
    fc.oneof(huge, fc.constant(NOW)),
  )
  .map(([g, edits, state]) => {
    const s = genuine[g % genuine.length]!;
    const paths = pathsFor(s);
    let m: unknown = putOf(s, state);
    for (const [at, value, del] of edits) m = mutateAt(m, paths[at % paths.length] as string[], value, del);
    return m;
  });

/** Messages of every other kind: GETs, DAM, acks, random objects, deep nests. */
const otherMessage = fc.oneof(
  fc.tuple(fc.nat(), fc.boolean()).map(([g, one]) => {
    const r = genuine[g % genuine.length]!;
    return { '#': 'g' + (g % 1000), get: one ? { '#': soulOfSealed(r), '.': r.id } : { '#': soulOfSealed(r) } };
  }),
  fc.record({
    '#': fc.oneof(fc.string({ maxLength: 70 }), protoName),
    get: fc.oneof(odd, fc.record({ '#': odd, '.': odd })),
  }),
  fc.record({
    '#': fc.string({ maxLength: 10 }),
    dam: fc.oneof(fc.constantFrom('?', 'hi', 'opt', 'mob'), odd),
    pid: odd,
  }),
  fc.record({ '@': fc.oneof(fc.string({ maxLength: 70 }), protoName), ok: odd, err: odd, '##': odd }),
  fc.dictionary(fc.oneof(fc.string({ maxLength: 5 }), protoName), odd, { maxKeys: 6 }),
  fc.integer({ min: 1, max: 40 }).map((d) => {
    let v: unknown = { '#': 'x', put: 1 };
    for (let i = 0; i < d; i++) v = { put: v };
    return v;
  }),
  fc.anything({ maxDepth: 5 }),
);

/** A genuine PUT whose wire text has one base64url character changed in one field (id kept). */
const mutatedWire = fc
  .tuple(
    fc.nat(),
    fc.constantFrom('c', 'a', 'n', 'p', 's'),
    fc.nat(),
    fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
  )
  .map(([g, field, at, ch]) => {
    const s = genuine[g % genuine.length]!;
    const v = s.envelope[field];
    const i = at % v.length;
    const wire = JSON.stringify({ ...s.envelope, [field]: v.slice(0, i) + ch + v.slice(i + 1) });
    return mutateAt(putOf(s), ['put', soulOfSealed(s), s.id], wire, false);
  });

const anyMessage = fc.oneof(
  { arbitrary: mutatedPut, weight: 4 },
  { arbitrary: mutatedWire, weight: 2 },
  { arbitrary: otherMessage, weight: 3 },
  { arbitrary: fc.nat().map((g) => putOf(genuine[g % genuine.length]!)), weight: 1 },
);

/** JSON text, as it comes off a socket: JSON.parse makes own `__proto__` keys. */
const toText = (m: unknown) => {
  try {
    return JSON.stringify(m) ?? 'null';
  } catch {
    return String(m);
  }
};

describe('relay ingress fuzz', () => {
  it('sanitizeMessage: 100,000 messages, no throw, known codes, no prototype keys passed on', () => {
    const seen = new Map<string, number>();
    const started = performance.now();
    fc.assert(
      fc.property(anyMessage, fc.boolean(), (m, viaText) => {
        const input = viaText ? (JSON.parse(toText(m)) as unknown) : m;
        const r = sanitizeMessage(input, NOW);
        for (const code of r.refusals) {
          expect(KNOWN.has(code), code).toBe(true);
          seen.set(code, (seen.get(code) ?? 0) + 1);
        }
        if (!r.out) {
          // Only a GUN `hi` greeting is dropped without a refusal.
          const hi = typeof input === 'object' && input !== null && (input as { dam?: unknown }).dam === 'hi';
          expect(r.refusals.length > 0 || hi).toBe(true);
          return;
        }
        seen.set(`out:${r.out.kind}`, (seen.get(`out:${r.out.kind}`) ?? 0) + 1);
        expect(walkMessage(r.out.msg)).toBeUndefined();
        if (r.out.kind === 'put')
          for (const c of r.out.candidates) {
            expect(typeof c.wire).toBe('string');
            expect(c.state).toBeLessThanOrEqual(NOW + 120_000);
          }
      }),
      { numRuns: 100_000 },
    );
    console.log(
      `sanitizeMessage fuzz: 100000 messages in ${Math.round(performance.now() - started)} ms; ${JSON.stringify(Object.fromEntries(seen))}`,
    );
    for (const k of ['out:put', 'out:get', 'bad-shape', 'forbidden-key', 'bad-routing', 'outside-namespace'])
      expect(seen.get(k) ?? 0, k).toBeGreaterThan(0);
  }, 120_000);

  it('whole ingress: 20,000 frames, no internal error, known codes, only verified records reach GUN', async () => {
    const stats = new StatsCounter();
    const store = new RecordStore();
    const admission = new Admission();
    const delivered: GunMsg[] = [];
    const journal = { append: () => Promise.resolve() } as unknown as RecordJournal;
    const logs: string[] = [];
    const hear = makeIngress({
      store,
      admission,
      journal,
      stats,
      deliver: (m) => delivered.push(m),
      say: () => {},
      isOwnGet: () => false,
      subscribe: () => {},
      now: () => NOW,
      log: (l) => logs.push(l),
    });
    const peer: GunPeer = { id: 'fuzz', wire: { send: () => {}, close: () => {} } };
    const frame = fc.oneof(
      { arbitrary: anyMessage.map(toText), weight: 6 },
      { arbitrary: fc.array(anyMessage, { maxLength: 4 }).map(toText), weight: 2 },
      { arbitrary: fc.string({ maxLength: 200 }), weight: 1 },
      { arbitrary: fc.integer({ min: 1, max: 3000 }).map((d) => `${'['.repeat(d)}${']'.repeat(d)}`), weight: 1 },
    );
    const started = performance.now();
    const frames = fc.sample(frame, { numRuns: 20_000, seed: 5 });
    for (const f of frames) hear(f, peer);
    hear(Buffer.from([1, 2]) as unknown, peer);
    // Let every frame's chain settle.
    for (let i = 0; i < 200 && stats.frames > 0; i++) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 200));
    const snap = stats.snapshot({ peers: 0, federation: { configured: 0, connected: 0 }, stored: store.size });
    console.log(
      `ingress fuzz: 20001 frames in ${Math.round(performance.now() - started)} ms; ${JSON.stringify(snap.refused)}; accepted ${snap.accepted}`,
    );
    expect(logs).toEqual([]);
    expect(snap.refused['internal-error']).toBeUndefined();
    for (const code of Object.keys(snap.refused)) expect(KNOWN.has(code) || code === 'not-json', code).toBe(true);
    expect(snap.refused['binary-frame']).toBe(1);
    // Only the genuine records can have been stored, and never both holders of one nonce.
    expect(store.size).toBeLessThanOrEqual(genuine.length - 1);
    expect((snap.refused['replayed-nonce'] ?? 0) + (snap.refused['insufficient-work'] ?? 0)).toBeGreaterThan(0);
    // Everything delivered is free of prototype keys.
    expect(store.size).toBeGreaterThan(0);
    for (const m of delivered) expect(walkMessage(m)).toBeUndefined();
  }, 120_000);
});
