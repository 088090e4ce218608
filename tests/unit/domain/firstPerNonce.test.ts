/** firstPerNonce: one record per (author, nonce), the smallest id, whatever the order. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstPerNonce } from '../../../src/domain/firstPerNonce';

const rec = (id: string, author = 'A1', nonce = 'N1') => ({ id, author, nonce });

describe('firstPerNonce', () => {
  it('keeps only the smallest id of records sharing author and nonce', () => {
    const rs = [rec('b'), rec('a'), rec('c')];
    expect(firstPerNonce(rs)).toEqual([rec('a')]);
  });
  it('keeps records with another nonce or another author', () => {
    const rs = [rec('b'), rec('a', 'A2'), rec('c', 'A1', 'N2')];
    expect(firstPerNonce(rs)).toEqual(rs);
  });
  it('keeps repeats of the same record', () => {
    expect(firstPerNonce([rec('a'), rec('a'), rec('b')])).toEqual([rec('a'), rec('a')]);
  });
  it('is order-independent', () => {
    const arb = fc.array(
      fc.record({
        id: fc.string({ maxLength: 3 }),
        author: fc.constantFrom('A1', 'A2'),
        nonce: fc.constantFrom('N1', 'N2', 'N3'),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(arb, (rs) => {
        const key = (r: { id: string; author: string; nonce: string }) => `${r.author}|${r.nonce}|${r.id}`;
        const a = firstPerNonce(rs).map(key).sort();
        expect(
          firstPerNonce([...rs].reverse())
            .map(key)
            .sort(),
        ).toEqual(a);
        expect(new Set(firstPerNonce(rs).map((r) => `${r.author}|${r.nonce}|${r.id}`)).size).toBe(
          new Set(rs.map((r) => `${r.author}|${r.nonce}`)).size,
        );
      }),
    );
  });
});
