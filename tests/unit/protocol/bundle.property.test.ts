/**
 * Properties of the bundle codec over generated canonical envelopes and
 * hostile bytes: pack → unpack is the identity; no single changed byte goes
 * unnoticed (the bundle is refused, a record is refused or damaged, or a wire
 * differs — which the signature check then catches); every record header
 * below 6 × C × A reads as one (kind, circle, author) and any larger one
 * refuses that record alone; random and mutated bytes never throw and every
 * answer is well-formed.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { REJECTION_CODES } from '../../../src/domain/result';
import { packBundle, unpackBundle, type UnpackedBundle } from '../../../src/protocol/bundle';
import { parseEnvelope } from '../../../src/protocol/envelope';
import { readVarint, writeVarint } from '../../../src/protocol/varint';
import type { Result } from '../../../src/domain/result';
import { sealEveryKind, wiresArb } from '../../fixtures/bundleWires';

const CODES = new Set<string>(REJECTION_CODES);
let real: string[] = [];
beforeAll(async () => {
  real = (await sealEveryKind()).map((s) => s.wire);
});

/** Every answer is well-formed: known codes, indexes 1…n in order, wires that parse, damage after the items. */
function expectWellFormed(r: Result<UnpackedBundle>) {
  if (!r.ok) {
    expect(CODES.has(r.error.code), r.error.code).toBe(true);
    expect(r.error.detail.length).toBeGreaterThan(0);
    return;
  }
  const { items, damaged } = r.value;
  expect(items.length + (damaged ? 1 : 0)).toBeGreaterThan(0);
  items.forEach((item, i) => {
    expect(item.index).toBe(i + 1);
    if (item.ok) expect(parseEnvelope(item.wire).ok).toBe(true);
    else expect(CODES.has(item.error.code), item.error.code).toBe(true);
  });
  if (damaged) {
    expect(damaged.index).toBe(items.length + 1);
    expect(CODES.has(damaged.error.code)).toBe(true);
  }
}

/** True when the answer is exactly `wires`, all accepted, nothing damaged. */
const isIdentical = (r: Result<UnpackedBundle>, wires: readonly string[]) =>
  r.ok &&
  !r.value.damaged &&
  r.value.items.length === wires.length &&
  r.value.items.every((item, i) => item.ok && item.wire === wires[i]);

/** The v1 kinds in docs/protocol.md §13.1 order: the record header's lowest radix. */
const KINDS = ['point', 'disperse', 'cancel', 'alert', 'coorganizer', 'organizer'];

/** The parsed fields of a wire (the test only builds valid ones). */
const fieldsOf = (wire: string) => {
  const e = parseEnvelope(wire);
  if (!e.ok) throw new Error(e.error.detail);
  return e.value;
};

describe('bundle properties', () => {
  it('pack → unpack gives back exactly the wires', () => {
    fc.assert(
      fc.property(wiresArb(), (wires) => {
        const r = unpackBundle(packBundle(wires));
        expect(r).toEqual({ ok: true, value: { items: wires.map((wire, i) => ({ ok: true, index: i + 1, wire })) } });
      }),
      { numRuns: 300 },
    );
  });

  it('record 1 with any header H: k = H mod 6, c = ⌊H/6⌋ mod C, a = ⌊H/6C⌋ below 6 × C × A, refused alone above', () => {
    fc.assert(
      fc.property(wiresArb(6), fc.nat({ max: 400 }), (wires, h) => {
        const envelopes = wires.map(fieldsOf);
        // wiresArb never uses the open circle, so both dictionaries are in plain order of first use.
        const circles = [...new Set(envelopes.map((e) => e.c))];
        const authors = [...new Set(envelopes.map((e) => e.a))];
        const bytes = packBundle(wires);
        const at = 4 + circles.length * 16 + authors.length * 32; // header fields are one byte each here
        expect([bytes[2], bytes[3]]).toEqual([circles.length * 2, authors.length]);
        const old = readVarint(bytes, at);
        const spliced = Uint8Array.from([...bytes.subarray(0, at), ...writeVarint(h), ...bytes.subarray(old.next)]);
        const r = unpackBundle(spliced);
        if (!r.ok) throw new Error(r.error.code);
        expect(r.value.damaged).toBeUndefined();
        expect(r.value.items.slice(1)).toEqual(wires.slice(1).map((wire, i) => ({ ok: true, index: i + 2, wire })));
        const first = r.value.items[0]!;
        if (h < 6 * circles.length * authors.length) {
          if (!first.ok) throw new Error(first.error.code);
          const e = fieldsOf(first.wire);
          expect([e.k, e.c, e.a]).toEqual([
            KINDS[h % 6],
            circles[Math.floor(h / 6) % circles.length],
            authors[Math.floor(h / 6 / circles.length)],
          ]);
          expect({ ...e, k: envelopes[0]!.k, c: envelopes[0]!.c, a: envelopes[0]!.a }).toEqual(envelopes[0]);
        } else expect(first).toMatchObject({ ok: false, index: 1, error: { code: 'bad-record' } });
      }),
      { numRuns: 1000 },
    );
  });

  it('every single-byte change of a real bundle is noticed, at every position', () => {
    const bytes = packBundle(real);
    let checked = 0;
    for (let at = 0; at < bytes.length; at++)
      for (const flip of [0x01, 0x80, 0xff, 0x55]) {
        const mutated = bytes.slice();
        mutated[at] = mutated[at]! ^ flip;
        const r = unpackBundle(mutated);
        expectWellFormed(r);
        expect(isIdentical(r, real), `byte ${at} ^ ${flip}`).toBe(false);
        checked++;
      }
    expect(checked).toBe(bytes.length * 4);
  });

  it('any single-byte change of any bundle is noticed and never throws', () => {
    fc.assert(
      fc.property(wiresArb(8), fc.nat(), fc.integer({ min: 1, max: 255 }), (wires, pos, flip) => {
        const mutated = packBundle(wires);
        const at = pos % mutated.length;
        mutated[at] = mutated[at]! ^ flip;
        const r = unpackBundle(mutated);
        expectWellFormed(r);
        expect(isIdentical(r, wires)).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('random bytes, and bundles with random bytes spliced in, never throw and answer well-formed', () => {
    const hostile = fc.oneof(
      fc.uint8Array({ maxLength: 600 }),
      fc.uint8Array({ maxLength: 600 }).map((b) => Uint8Array.of(1, ...b)),
      fc.uint8Array({ maxLength: 600 }).map((b) => Uint8Array.of(1, 2, 1, 1, ...b)),
      fc
        .tuple(wiresArb(5), fc.nat(), fc.uint8Array({ maxLength: 40 }), fc.nat({ max: 40 }))
        .map(([wires, pos, junk, drop]) => {
          const b = packBundle(wires);
          const at = pos % b.length;
          return Uint8Array.from([...b.subarray(0, at), ...junk, ...b.subarray(at + drop)]);
        }),
    );
    fc.assert(
      fc.property(hostile, (bytes) => {
        expectWellFormed(unpackBundle(bytes));
      }),
      { numRuns: 20_000 },
    );
  });
});
