/**
 * openPack fuzzed: valid packs (plain, with leaf directories, with gzip
 * directories) with random header bytes, random bit flips in the header and
 * directories, random section offsets and lengths, random root bytes and cuts.
 * Whatever the bytes, openPack and tile() settle within a time box, either
 * with a sane pack or with a PackProblem, never another exception, and a tile
 * they return is bytes read from inside the file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPackProblem } from '../../../src/domain/packProblem';
import type { ByteSource } from '../../../src/tiles/byteSource';
import { openPack } from '../../../src/tiles/openPack';
import { decodeHeader, encodeHeader, type RawHeader } from '../../../src/tiles/packHeader';
import { writePack } from '../../../src/tiles/writePack';
import { encodeDirectory, fakeImage, gzipPack, joinParts, packSource, tileGrid } from '../../fixtures/packs';

const TIME_BOX_MS = 3000;

const SMALL = await joinParts(writePack(tileGrid('png', 0, 2), { name: 'S', attribution: '', tileType: 'png' }).parts);
// 5,461 entries: more than the root's 16 KiB holds, so the writer adds leaf directories.
const LEAVES = await joinParts(
  writePack(tileGrid('webp', 0, 6), { name: 'L', attribution: '', tileType: 'webp' }).parts,
);
const GZ_DATA = fakeImage('jpeg', 'gz');
const GZ = gzipPack({
  root: encodeDirectory([
    { tileId: 0, offset: 0, length: GZ_DATA.length, runLength: 1 },
    { tileId: 1, offset: 0, length: GZ_DATA.length, runLength: 4 },
  ]),
  metadata: { name: 'G', attribution: '<i>x</i>' },
  data: GZ_DATA,
  header: { tileType: 3, maxZoom: 1 },
});
const BASES = [SMALL, LEAVES, GZ];
const PROBES: [number, number, number][] = [
  [0, 0, 0],
  [1, 1, 0],
  [2, 3, 3],
  [5, 10, 20],
  [6, 63, 0],
];

const SECTION_FIELDS = [
  'rootOffset',
  'rootLength',
  'metadataOffset',
  'metadataLength',
  'leafOffset',
  'leafLength',
  'tileOffset',
  'tileLength',
] as const;

type Mutation =
  | { kind: 'bytes'; edits: { at: number; value: number }[] }
  | { kind: 'flips'; flips: { at: number; bit: number }[] }
  | { kind: 'section'; field: (typeof SECTION_FIELDS)[number]; value: number }
  | { kind: 'root'; noise: Uint8Array }
  | { kind: 'cut'; at: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('bytes' as const),
    edits: fc.array(fc.record({ at: fc.nat(126), value: fc.nat(255) }), { minLength: 1, maxLength: 8 }),
  }),
  fc.record({
    kind: fc.constant('flips' as const),
    flips: fc.array(fc.record({ at: fc.nat(40_000), bit: fc.nat(7) }), { minLength: 1, maxLength: 6 }),
  }),
  fc.record({
    kind: fc.constant('section' as const),
    field: fc.constantFrom(...SECTION_FIELDS),
    value: fc.oneof(
      fc.nat(70_000),
      fc.constantFrom(0, 1, 126, 127, 128, 16_383, 16_384, 256 * 1024, 2 ** 32, 2 ** 53, 2 ** 63),
    ),
  }),
  fc.record({ kind: fc.constant('root' as const), noise: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(70_000) }),
);

function mutate(base: Uint8Array, m: Mutation): Uint8Array {
  const bytes = base.slice();
  const h = decodeHeader(base);
  // Flips land in the header and the directories (everything before the tile data).
  const dirEnd = Math.min(h.tileOffset, bytes.length);
  switch (m.kind) {
    case 'bytes':
      for (const { at, value } of m.edits) bytes[at] = value;
      return bytes;
    case 'flips':
      for (const { at, bit } of m.flips) bytes[at % dirEnd] = (bytes[at % dirEnd] ?? 0) ^ (1 << bit);
      return bytes;
    case 'section': {
      const changed: RawHeader = { ...h, [m.field]: m.value };
      bytes.set(encodeHeader(changed), 0);
      return bytes;
    }
    case 'root':
      bytes.set(m.noise.subarray(0, h.rootLength), h.rootOffset);
      return bytes;
    case 'cut':
      return bytes.subarray(0, m.at % bytes.length);
  }
}

/** A ByteSource that records every range it is asked for. */
function recording(bytes: Uint8Array): { source: ByteSource; reads: { offset: number; length: number }[] } {
  const inner = packSource(bytes);
  const reads: { offset: number; length: number }[] = [];
  return {
    reads,
    source: {
      key: inner.key,
      size: inner.size,
      read(offset, length, signal) {
        reads.push({ offset, length });
        return inner.read(offset, length, signal);
      },
    },
  };
}

function timeBoxed<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${TIME_BOX_MS} ms`)), TIME_BOX_MS);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Fails unless `p` settles in time with a value or a PackProblem; returns the value or undefined. */
async function settles<T>(p: Promise<T>, what: string): Promise<{ value?: T; problem?: string }> {
  try {
    return { value: await timeBoxed(p, what) };
  } catch (e) {
    expect(isPackProblem(e), `${what} threw ${String(e)}`).toBe(true);
    return { problem: (e as { code: string }).code };
  }
}

describe('openPack on fuzzed packs', () => {
  it('the unmutated bases open and return their tiles', async () => {
    for (const base of BASES) {
      const pack = await openPack(packSource(base));
      expect(await pack.tile(0, 0, 0)).toBeInstanceOf(Uint8Array);
    }
  });

  it('settles in time with a sane pack or a PackProblem, and returns only bytes from inside the file', async () => {
    const codes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...BASES.keys()), mutationArb, async (which, m) => {
        const bytes = mutate(BASES[which] as Uint8Array, m);
        const { source, reads } = recording(bytes);
        const opened = await settles(openPack(source), 'openPack');
        const code = opened.problem ?? 'opened';
        codes.set(code, (codes.get(code) ?? 0) + 1);
        const pack = opened.value;
        if (!pack) return;
        const { info } = pack;
        expect(0 <= info.minZoom && info.minZoom <= info.maxZoom && info.maxZoom <= 22).toBe(true);
        expect(info.bounds.west <= info.bounds.east && info.bounds.south <= info.bounds.north).toBe(true);
        expect(Math.abs(info.bounds.west) <= 180 && Math.abs(info.bounds.north) <= 90).toBe(true);
        expect(info.bytes).toBe(bytes.length);
        expect(Array.from(info.name).length).toBeLessThanOrEqual(80);
        expect(info.name).not.toMatch(/[<>]/);
        for (const [z, x, y] of PROBES) {
          const { value: tile } = await settles(pack.tile(z, x, y), `tile ${z}/${x}/${y}`);
          if (!tile) continue;
          const from = reads.find(
            (r) =>
              r.offset + r.length <= bytes.length && sameBytes(bytes.subarray(r.offset, r.offset + r.length), tile),
          );
          expect(from, 'a returned tile is bytes read from inside the file').toBeDefined();
        }
        for (const r of reads) expect(r.offset >= 0 && r.offset + r.length <= bytes.length).toBe(true);
      }),
      { numRuns: 2000 },
    );
    // The fuzzing reached both sides: packs that still open and several kinds of refusal.
    expect(codes.get('opened') ?? 0).toBeGreaterThan(0);
    expect([...codes.keys()].filter((c) => c !== 'opened').length).toBeGreaterThanOrEqual(4);
    console.info(`fuzzed openPack outcomes: ${JSON.stringify(Object.fromEntries(codes))}`);
  });
});
