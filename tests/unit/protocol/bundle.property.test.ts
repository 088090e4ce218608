/**
 * Properties of the bundle codec over generated canonical envelopes and
 * hostile bytes: pack → unpack is the identity; no single changed byte goes
 * unnoticed (the bundle is refused, a record is refused or damaged, or a wire
 * differs — which the signature check then catches); random and mutated bytes
 * never throw and every answer is well-formed.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { REJECTION_CODES } from '../../../src/domain/result';
import { packBundle, unpackBundle, type UnpackedBundle } from '../../../src/protocol/bundle';
import { parseEnvelope } from '../../../src/protocol/envelope';
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
