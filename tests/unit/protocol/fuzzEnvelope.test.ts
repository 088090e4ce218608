/**
 * Fuzz of the envelope path every untrusted record takes (parseEnvelope, then
 * the work, time, id and signature checks of inspectEnvelope): 100,000
 * generated inputs — random text, JSON of any shape and depth, prototype keys,
 * huge and odd numbers, and valid sealed envelopes mutated field by field and
 * character by character. Nothing may throw, every refusal carries a code of
 * RejectionCode, and nothing but an untouched genuine record is accepted.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { REJECTION_CODES } from '../../../src/domain/result';
import { openCircle } from '../../../src/protocol/circle';
import { encodeEnvelope } from '../../../src/protocol/envelope';
import { inspectEnvelope } from '../../../src/protocol/inspectEnvelope';
import { sealRecord, type Sealed } from '../../../src/protocol/sealRecord';
import { fakeIdentity } from '../../fixtures/fakeIdentity';

const T = Date.UTC(2025, 5, 1, 12, 30);
const RUNS = 100_000;
const CODES = new Set<string>(REJECTION_CODES);
const FIELDS = ['v', 'c', 'k', 't', 'a', 'n', 'p', 's'] as const;
let genuine: Sealed[] = [];
let genuineWires = new Set<string>();

beforeAll(async () => {
  const [alice, circle] = await Promise.all([fakeIdentity('alice'), openCircle()]);
  const pay = { title: 'Square', note: 'x', lat: 1, lon: 2, start: T + 60_000, end: T + 3_600_000 };
  const point = await sealRecord(alice, circle, 'point', pay, T);
  genuine = [
    point,
    await sealRecord(alice, circle, 'cancel', { point: point.id }, T + 1),
    await sealRecord(alice, circle, 'alert', { point: point.id, alert: 'disperse', reason: 'police' }, T + 2),
  ];
  genuineWires = new Set(genuine.map((g) => g.wire));
});

/** Odd values for any field: wrong types, huge and negative numbers, prototype names, long strings. */
const oddValue = fc.oneof(
  fc.constantFrom(
    null,
    true,
    0,
    -1,
    -0,
    1e308,
    -1e308,
    2 ** 53,
    2 ** 53 + 2,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    0.5,
    '',
    '__proto__',
    'constructor',
    'toString',
    '1',
    [],
    {},
    { __proto__: null },
    'A'.repeat(5000),
  ),
  fc.double(),
  fc.bigInt().map((b) => b.toString()),
  fc.string({ maxLength: 100 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Random text of every flavour. */
const randomText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.json({ maxDepth: 4 }),
);

/** Deeply nested JSON text (arrays or objects), possibly over the size cap. */
const deepJson = fc
  .tuple(fc.integer({ min: 1, max: 5000 }), fc.boolean())
  .map(([d, arr]) => (arr ? `${'['.repeat(d)}1${']'.repeat(d)}` : `${'{"v":'.repeat(d)}1${'}'.repeat(d)}`));

/** Text with prototype keys in an otherwise valid envelope. */
const protoKeys = fc
  .tuple(fc.nat(), fc.constantFrom('__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString'), oddValue)
  .map(([g, key, value]) => {
    const w = genuine[g % genuine.length]!.wire;
    return `{${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'},${w.slice(1)}`;
  });

/** One envelope field replaced by an odd value, deleted, or duplicated; as text or as an object. */
const fieldMutation = fc
  .tuple(fc.nat(), fc.constantFrom(...FIELDS), oddValue, fc.constantFrom('replace', 'delete', 'extra'), fc.boolean())
  .map(([g, field, value, how, asText]) => {
    const o: Record<string, unknown> = { ...genuine[g % genuine.length]!.envelope };
    if (how === 'replace') o[field] = value;
    else if (how === 'delete') delete o[field];
    else o[`${field}${field}`] = value;
    return asText ? JSON.stringify(o) : o;
  });

/** Single-character edits of genuine wire text: replace, delete, insert. */
const charMutation = fc
  .tuple(fc.nat(), fc.nat(), fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }), fc.constantFrom(0, 1, 2))
  .map(([g, at, ch, how]) => {
    const w = genuine[g % genuine.length]!.wire;
    const i = at % w.length;
    return how === 0
      ? w.slice(0, i) + ch + w.slice(i + 1)
      : how === 1
        ? w.slice(0, i) + w.slice(i + 1)
        : w.slice(0, i) + ch + w.slice(i);
  });

/** A base64url character changed inside one field's value (keeps the shape valid: reaches the work/crypto checks). */
const b64Mutation = fc
  .tuple(
    fc.nat(),
    fc.constantFrom('c', 'a', 'n', 'p', 's'),
    fc.nat(),
    fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
  )
  .map(([g, field, at, ch]) => {
    const e = genuine[g % genuine.length]!.envelope;
    const v = e[field];
    const i = at % v.length;
    return encodeEnvelope({ ...e, [field]: v.slice(0, i) + ch + v.slice(i + 1) });
  });

/** Numeric fields pushed around: t and v as huge, negative, fractional or exponent-spelled numbers. */
const numberMutation = fc
  .tuple(
    fc.nat(),
    fc.constantFrom('t', 'v'),
    fc.oneof(fc.double(), fc.integer(), fc.constantFrom('1e3', '1.0', '-0', '1E400', '00', '0x1')),
  )
  .map(([g, field, value]) => {
    const e = genuine[g % genuine.length]!.envelope;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return encodeEnvelope(e).replace(`"${field}":${JSON.stringify(e[field])}`, `"${field}":${text}`);
  });

const anyInput = fc.oneof(
  { arbitrary: fc.anything({ maxDepth: 4 }), weight: 2 },
  { arbitrary: randomText, weight: 2 },
  { arbitrary: deepJson, weight: 1 },
  { arbitrary: protoKeys, weight: 1 },
  { arbitrary: fieldMutation, weight: 3 },
  { arbitrary: charMutation, weight: 3 },
  { arbitrary: b64Mutation, weight: 2 },
  { arbitrary: numberMutation, weight: 1 },
  { arbitrary: fc.constantFrom(...[0, 1, 2].map((i) => () => genuine[i]!.wire)).map((f) => f()), weight: 1 },
);

describe(`envelope fuzz (${RUNS.toLocaleString('en')} inputs)`, () => {
  it('never throws, refuses only with RejectionCode codes, accepts only untouched genuine records', async () => {
    const seen = new Map<string, number>();
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(anyInput, async (input) => {
        const r = await inspectEnvelope(input, { now: T + 10 });
        const code = r.ok ? 'accepted' : r.error.code;
        seen.set(code, (seen.get(code) ?? 0) + 1);
        if (r.ok) expect(genuineWires.has(encodeEnvelope(r.value.envelope))).toBe(true);
        else {
          expect(CODES.has(r.error.code), r.error.code).toBe(true);
          expect(typeof r.error.detail).toBe('string');
        }
      }),
      { numRuns: RUNS },
    );
    const ms = performance.now() - started;
    console.log(
      `envelope fuzz: ${RUNS} inputs in ${Math.round(ms)} ms; outcomes ${JSON.stringify(Object.fromEntries(seen))}`,
    );
    // The generators must reach deep into the pipeline, not only the parser's first checks.
    for (const code of ['not-json', 'bad-shape', 'bad-field', 'insufficient-work', 'bad-signature', 'accepted'])
      expect(seen.get(code) ?? 0, code).toBeGreaterThan(0);
  }, 120_000);
});
