/**
 * One contract for every CircleStore (the private circles this device
 * belongs to, with their keys): memory and IndexedDB, each plain and sealed
 * under a PIN. What it promises: every circle put is listed, one per id, as
 * a copy, until deleted; rows that do not open or are not valid circles are
 * counted as dropped, never listed; under a PIN nothing at rest names a
 * circle, its key, its name or its organizers.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { CircleId, PublicKey } from '../../src/domain/brand';
import type { CircleRow, CircleStore } from '../../src/platform/circleStore';
import { expectSealedRows, pinCodecs, randomId, readable, T0, type StoreImpl, type StoreRun } from './storeHarness';

function circle(n: number, extra: Partial<CircleRow> = {}): CircleRow {
  return {
    v: 1,
    id: randomId(16) as CircleId,
    key: randomId(),
    name: `Friends of the square ${n} ${randomId(6)}`,
    creator: randomId() as PublicKey,
    organizers: [randomId() as PublicKey],
    joinedAt: T0 + n,
    ...extra,
  };
}
const byId = (a: CircleRow, b: CircleRow) => (a.id < b.id ? -1 : 1);
const listed = async (s: CircleStore) => {
  const { rows, dropped } = await s.all();
  return { rows: [...rows].sort(byId), dropped };
};
const expected = (rows: readonly CircleRow[], dropped = 0) => ({ rows: [...rows].sort(byId), dropped });

export function runCircleStoreContract(impl: StoreImpl<CircleStore>): void {
  describe(`CircleStore contract: ${impl.name}`, () => {
    let run: StoreRun<CircleStore>;
    let s: CircleStore;
    beforeEach(async () => {
      run = await impl.start();
      s = run.store;
    });

    it('lists every circle put, and delete removes only its id', async () => {
      expect(await s.all()).toEqual({ rows: [], dropped: 0 });
      const cs = [circle(1), circle(2, { replaces: randomId(16) as CircleId }), circle(3, { organizers: [] })];
      for (const c of cs) await s.put(c);
      expect(await listed(s)).toEqual(expected(cs));
      await s.delete(cs[1]!.id);
      await s.delete(randomId(16) as CircleId);
      expect(await listed(s)).toEqual(expected([cs[0]!, cs[2]!]));
    });

    it('keeps one row per circle: putting it again (replaced by a re-key) replaces the row', async () => {
      const c = circle(1);
      await s.put(c);
      const replaced = { ...c, replacedBy: randomId(16) as CircleId, organizers: [] };
      await s.put(replaced);
      expect(await s.all()).toEqual({ rows: [replaced], dropped: 0 });
    });

    it('keeps its own copy: changing the organizers after put, or of a listed row, changes nothing stored', async () => {
      const organizers = [randomId() as PublicKey];
      const c = circle(1, { organizers });
      const original = structuredClone(c);
      await s.put(c);
      organizers.push(randomId() as PublicKey);
      const { rows } = await s.all();
      (rows[0]!.organizers as PublicKey[]).pop();
      expect(await s.all()).toEqual({ rows: [original], dropped: 0 });
    });

    it('takes concurrent writes: 20 puts, then updates and deletes, all at once', async () => {
      const cs = Array.from({ length: 20 }, (_, i) => circle(i));
      await Promise.all(cs.map((c) => s.put(c)));
      expect(await listed(s)).toEqual(expected(cs));
      const updated = cs.map((c, i) => ({ ...c, name: `Renamed ${i}` }));
      await Promise.all(cs.map((c, i) => (i % 4 === 0 ? s.delete(c.id) : s.put(updated[i]!))));
      expect(await listed(s)).toEqual(expected(updated.filter((_, i) => i % 4 !== 0)));
    });

    if (impl.persistent) {
      it('survives a reload: a new page lists, updates and deletes what the last one wrote', async () => {
        const cs = [circle(1), circle(2)];
        for (const c of cs) await s.put(c);
        const after = await run.reopen!();
        expect(await listed(after)).toEqual(expected(cs));
        await after.delete(cs[0]!.id);
        expect(await (await run.reopen!()).all()).toEqual({ rows: [cs[1]], dropped: 0 });
      });

      it('two tabs at once see each other’s circles and deletions', async () => {
        const tab = await run.another!();
        const [a, b] = [circle(1), circle(2)];
        await Promise.all([s.put(a), tab.put(b)]);
        expect(await listed(tab)).toEqual(expected([a, b]));
        await tab.delete(a.id);
        expect(await s.all()).toEqual({ rows: [b], dropped: 0 });
      });

      it('counts rows that do not open or are no valid circles as dropped, and keeps every valid one', async () => {
        const valid = [circle(1), circle(2)];
        for (const c of valid) await s.put(c);
        const seal = async (v: unknown) => (run.codec ? run.codec.seal(v) : v);
        const keyOf = async (id: string) => (run.codec ? run.codec.lookup('circles', id) : id);
        const bad = [circle(3, { key: 'short' }), circle(4, { name: '' }), { ...circle(5), joinedAt: 'today' }];
        for (const b of bad) await run.disk!.put('circles', { id: await keyOf(b.id), sealed: await seal(b) });
        const moved = circle(6);
        await run.disk!.put('circles', { id: await keyOf(randomId(16)), sealed: await seal(moved) });
        await run.disk!.put('circles', { id: 'damaged', sealed: { sealed: 'AAAA' } });
        await run.disk!.put('circles', { id: 'null', sealed: null });
        const elsewhere = circle(7);
        await run.disk!.put('circles', { id: elsewhere.id, sealed: await (await pinCodecs()).other.seal(elsewhere) });
        expect(await listed(await run.reopen!())).toEqual(expected(valid, bad.length + 4));
      });
    }

    if (impl.persistent && impl.sealed) {
      it('keeps nothing of a circle at rest: rows under the HMAC of the circle id', async () => {
        const cs = [circle(1, { replaces: randomId(16) as CircleId }), circle(2)];
        for (const c of cs) await s.put(c);
        const secrets = cs.flatMap((c) => [
          c.id,
          c.key,
          c.name,
          'Friends of the square',
          c.creator,
          ...c.organizers,
          ...(c.replaces ? [c.replaces] : []),
          String(c.joinedAt),
        ]);
        expect(readable(await run.disk!.dump(), secrets)).toEqual([]);
        await expectSealedRows(
          run,
          'circles',
          cs.map((c) => c.id),
          ['id', 'sealed'],
        );
      });

      it('another PIN lists nothing (every row dropped) and deletes nothing; the right PIN still lists everything', async () => {
        const cs = [circle(1), circle(2)];
        for (const c of cs) await s.put(c);
        const other = await run.reopenWithOtherPin!();
        expect(await other.all()).toEqual({ rows: [], dropped: 2 });
        await other.delete(cs[0]!.id);
        expect(await listed(await run.reopen!())).toEqual(expected(cs));
      });

      it('re-keys rows of the older sealed layout (clear circle ids) after unlock and keeps them', async () => {
        const kept = circle(1);
        await s.put(kept);
        const old = [circle(2), circle(3)];
        for (const c of old) await run.disk!.put('circles', { id: c.id, sealed: await run.codec!.seal(c) });
        expect(await run.rekey!()).toBe(old.length);
        expect(
          readable(
            await run.disk!.dump(),
            old.map((c) => c.id),
          ),
        ).toEqual([]);
        const after = await run.reopen!();
        expect(await listed(after)).toEqual(expected([kept, ...old]));
        await after.delete(old[0]!.id);
        expect(await listed(after)).toEqual(expected([kept, old[1]!]));
      });
    }
  });
}
