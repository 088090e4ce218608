/**
 * One contract for every SavedAreaStore (the saved map areas' rows; their
 * tiles live in Cache Storage): memory and IndexedDB, each plain and sealed
 * under a PIN. What it promises: every row put is listed, oldest first, one
 * per id (progress updates replace it), as a copy, until removed; damage is
 * skipped; under a PIN nothing at rest names an area, its bounds or when it
 * was saved (the tiles themselves stay readable: docs/threat-model.md).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { SavedAreaRow, SavedAreaStore } from '../../src/platform/savedAreaStore';
import {
  expectSealedRows,
  HOUR,
  MINUTE,
  pinCodecs,
  randomId,
  readable,
  T0,
  type StoreImpl,
  type StoreRun,
} from './storeHarness';

/** A row as the app makes it (its id names the exact time it was saved). */
function area(n: number, createdAt = T0 + n * MINUTE + 7): SavedAreaRow {
  return {
    id: `area-${createdAt.toString(36)}-${randomId(4)}`,
    name: `Old town ${n} ${randomId(6)}`,
    bounds: {
      south: 53.89 + n / 1000 + 0.00013,
      west: 27.54 + n / 1000,
      north: 53.91 + n / 1000,
      east: 27.57 + n / 1000,
    },
    minZoom: 12,
    maxZoom: 16,
    tileCount: 420 + n,
    doneCount: 0,
    bytes: 0,
    createdAt,
    state: 'downloading',
  };
}
const idsOf = (rs: readonly SavedAreaRow[]) => rs.map((r) => r.id);

export function runSavedAreaStoreContract(impl: StoreImpl<SavedAreaStore>): void {
  describe(`SavedAreaStore contract: ${impl.name}`, () => {
    let run: StoreRun<SavedAreaStore>;
    let s: SavedAreaStore;
    beforeEach(async () => {
      run = await impl.start();
      s = run.store;
    });

    it('lists every row put, oldest first whatever the order of puts; remove deletes only its id', async () => {
      expect(await s.list()).toEqual([]);
      const rs = [area(3), area(1), area(2)];
      for (const r of rs) await s.put(r);
      expect(await s.list()).toEqual([rs[1], rs[2], rs[0]]);
      await s.remove(rs[2]!.id);
      await s.remove('area-never-saved');
      expect(await s.list()).toEqual([rs[1], rs[0]]);
    });

    it('keeps one row per id: a progress update replaces the row', async () => {
      const a = area(1);
      await s.put(a);
      const progress = { ...a, doneCount: 200, bytes: 3_400_000, state: 'paused' as const };
      await s.put(progress);
      const done = { ...progress, doneCount: a.tileCount, state: 'complete' as const };
      await s.put(done);
      expect(await s.list()).toEqual([done]);
    });

    it('keeps its own copy: changing a row after put, or one it listed, changes nothing stored', async () => {
      const a = area(1);
      const original = structuredClone(a);
      await s.put(a);
      a.bounds.north = 0;
      a.name = 'changed';
      const [got] = await s.list();
      got!.bounds.south = 0;
      got!.doneCount = 99;
      expect(await s.list()).toEqual([original]);
    });

    it('takes concurrent writes: 25 puts, then progress updates and removes, all at once', async () => {
      const rs = Array.from({ length: 25 }, (_, i) => area(i));
      await Promise.all(rs.map((r) => s.put(r)));
      expect(idsOf(await s.list())).toEqual(idsOf(rs));
      const updated = rs.map((r) => ({ ...r, doneCount: 10 }));
      await Promise.all(rs.map((r, i) => (i % 5 === 0 ? s.remove(r.id) : s.put(updated[i]!))));
      expect(await s.list()).toEqual(updated.filter((_, i) => i % 5 !== 0));
    });

    if (impl.persistent) {
      it('survives a reload: a new page lists, updates and removes what the last one wrote', async () => {
        const rs = [area(1), area(2)];
        for (const r of rs) await s.put(r);
        const after = await run.reopen!();
        expect(await after.list()).toEqual(rs);
        await after.put({ ...rs[0]!, state: 'complete' });
        await after.remove(rs[1]!.id);
        expect(await (await run.reopen!()).list()).toEqual([{ ...rs[0]!, state: 'complete' }]);
      });

      it('two tabs at once see each other’s rows and removals', async () => {
        const tab = await run.another!();
        const [a, b] = [area(1), area(2)];
        await Promise.all([s.put(a), tab.put(b)]);
        expect(await tab.list()).toEqual([a, b]);
        await tab.remove(a.id);
        expect(await s.list()).toEqual([b]);
      });

      it('skips damaged rows and rows that are no areas, and keeps every valid one', async () => {
        const valid = [area(1), area(2)];
        for (const r of valid) await s.put(r);
        const seal = async (v: unknown) => (run.codec ? run.codec.seal(v) : v);
        const damaged = [
          { id: 'damaged-1', sealed: { sealed: 'AAAA' } },
          { id: 'damaged-2', sealed: null },
          { id: 'damaged-3', sealed: await seal({ ...area(3), bounds: undefined }) },
          { id: 'damaged-4', sealed: await seal({ ...area(4), state: 'exploded' }) },
          { id: 'damaged-5', sealed: await seal({ ...area(5), maxZoom: '16' }) },
          { id: 'damaged-6', sealed: await (await pinCodecs()).other.seal(area(6)) },
          { id: 'damaged-7', name: 'no bounds, no zooms' },
        ];
        for (const d of damaged) await run.disk!.put('areas', d);
        expect(await (await run.reopen!()).list()).toEqual(valid);
      });
    }

    if (impl.persistent && impl.sealed) {
      it('keeps nothing of an area at rest: rows under the HMAC of their id (which names when it was saved)', async () => {
        const rs = [area(1), area(2)];
        for (const r of rs) await s.put(r);
        await s.put({ ...rs[0]!, doneCount: 17, bytes: 123_457 });
        const secrets = rs.flatMap((r) => [
          r.id,
          r.createdAt.toString(36),
          String(r.createdAt),
          r.name,
          'Old town',
          String(r.bounds.south),
          String(r.bounds.south).slice(0, 7),
          '123457',
        ]);
        expect(readable(await run.disk!.dump(), secrets)).toEqual([]);
        await expectSealedRows(
          run,
          'areas',
          rs.map((r) => r.id),
          ['id', 'sealed'],
        );
        // Found by its id on a new page: removing works.
        const after = await run.reopen!();
        await after.remove(rs[0]!.id);
        expect(await after.list()).toEqual([rs[1]]);
      });

      it('another PIN lists nothing and removes nothing; the right PIN still lists everything after', async () => {
        const rs = [area(1), area(2)];
        for (const r of rs) await s.put(r);
        const other = await run.reopenWithOtherPin!();
        expect(await other.list()).toEqual([]);
        await other.remove(rs[0]!.id);
        expect(await (await run.reopen!()).list()).toEqual(rs);
      });

      it('re-keys rows of the older sealed layout (clear ids) after unlock and keeps them', async () => {
        const kept = area(1);
        await s.put(kept);
        const old = [area(2), area(3, T0 + 2 * HOUR + 5)];
        for (const r of old) await run.disk!.put('areas', { id: r.id, sealed: await run.codec!.seal(r) });
        expect(await run.rekey!()).toBe(old.length);
        expect(readable(await run.disk!.dump(), idsOf(old))).toEqual([]);
        const after = await run.reopen!();
        expect(await after.list()).toEqual([kept, ...old]);
        await after.remove(old[0]!.id);
        expect(await after.list()).toEqual([kept, old[1]]);
        expect(await run.rekey!()).toBe(0);
      });
    }
  });
}
