/** The in-memory fallback store (the contract the IndexedDB one shares): put/get by point, prune by expiry. */
import { describe, expect, it } from 'vitest';
import { createMemoryFallbackStore, type FallbackRow } from '../../../src/platform/fallbackStore';

const row = (point: string, expiresAt: number): FallbackRow => ({
  point,
  keys: ['k'.repeat(43)],
  places: [{ label: 'Bridge', lat: 1, lon: 2 }],
  expiresAt,
});

describe('createMemoryFallbackStore', () => {
  it('returns the row put for a point, and nothing for others', async () => {
    const s = createMemoryFallbackStore();
    await s.put(row('p1', 100));
    expect(await s.get('p1')).toEqual(row('p1', 100));
    expect(await s.get('p2')).toBeUndefined();
    await s.put({ ...row('p1', 200), keys: ['a', 'b'] });
    expect((await s.get('p1'))?.keys).toEqual(['a', 'b']);
  });

  it('keeps its own copy of rows', async () => {
    const s = createMemoryFallbackStore();
    const r = row('p1', 100);
    await s.put(r);
    r.keys.push('x');
    r.places[0]!.label = 'changed';
    const got = await s.get('p1');
    got?.places.pop();
    expect(await s.get('p1')).toEqual(row('p1', 100));
  });

  it('prunes rows expired at or before now', async () => {
    const s = createMemoryFallbackStore();
    await Promise.all([s.put(row('a', 100)), s.put(row('b', 200)), s.put(row('c', 300))]);
    expect(await s.prune(200)).toBe(2);
    expect(await s.get('a')).toBeUndefined();
    expect(await s.get('b')).toBeUndefined();
    expect(await s.get('c')).toEqual(row('c', 300));
    expect(await s.prune(200)).toBe(0);
  });
});
