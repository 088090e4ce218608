/**
 * One contract for every RecordStore (the verified records kept on the
 * device): memory and IndexedDB, each plain and sealed under a PIN. What it
 * promises: every wire put is listed until removed or expired, one row per
 * id, pruning by the exact expiry, damage skipped without losing the rest,
 * and under a PIN nothing at rest names a record.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { RecordStore } from '../../src/platform/recordStore';
import {
  HOUR,
  MINUTE,
  pinCodecs,
  randomId,
  expectSealedRows,
  readable,
  T0,
  type StoreImpl,
  type StoreRun,
} from './storeHarness';

interface Rec {
  id: string;
  wire: string;
  expiresAt: number;
}

/** A record with its own id, title and place (what must not be readable at rest under a PIN). */
function rec(n: number, expiresAt = T0 + 2 * HOUR): Rec {
  const title = `Kastryčnickaja ${n} ${randomId(6)}`;
  return { id: randomId(), wire: `{"c":"${randomId(16)}","title":"${title}","lat":53.9${n}17}`, expiresAt };
}
const put = (s: RecordStore, r: Rec) => s.put(r.id, r.wire, r.expiresAt);
const sorted = (xs: readonly string[]) => [...xs].sort();
const wires = (rs: readonly Rec[]) => sorted(rs.map((r) => r.wire));
const listed = async (s: RecordStore) => sorted(await s.all());

export function runRecordStoreContract(impl: StoreImpl<RecordStore>): void {
  describe(`RecordStore contract: ${impl.name}`, () => {
    let run: StoreRun<RecordStore>;
    let s: RecordStore;
    beforeEach(async () => {
      run = await impl.start();
      s = run.store;
    });

    it('starts empty: lists nothing and prunes nothing', async () => {
      expect(await s.all()).toEqual([]);
      expect(await s.prune(T0 + 10 * HOUR)).toBe(0);
      await s.remove([randomId()]);
      expect(await s.all()).toEqual([]);
    });

    it('lists every wire put, and remove deletes exactly the ids it is given', async () => {
      const rs = [rec(1), rec(2), rec(3), rec(4)];
      for (const r of rs) await put(s, r);
      expect(await listed(s)).toEqual(wires(rs));
      await s.remove([rs[1]!.id, rs[3]!.id, randomId()]);
      expect(await listed(s)).toEqual(wires([rs[0]!, rs[2]!]));
      await s.remove([]);
      expect(await listed(s)).toEqual(wires([rs[0]!, rs[2]!]));
    });

    it('keeps one row per id: putting an id again replaces its wire and expiry', async () => {
      const a = rec(1, T0 + 10 * MINUTE);
      await put(s, a);
      const again = { ...a, wire: `${a.wire} (again)`, expiresAt: T0 + 3 * HOUR };
      await put(s, again);
      expect(await s.all()).toEqual([again.wire]);
      // The later expiry counts: the first one has passed, the row stays.
      expect(await s.prune(T0 + HOUR)).toBe(0);
      expect(await s.all()).toEqual([again.wire]);
      expect(await s.prune(T0 + 3 * HOUR)).toBe(1);
      expect(await s.all()).toEqual([]);
    });

    it('prunes by the exact expiry: at or before now goes, a millisecond later stays, also within the same hour', async () => {
      const now = T0 + 30 * MINUTE;
      const gone = [rec(1, T0), rec(2, T0 + 29 * MINUTE), rec(3, now)];
      const kept = [rec(4, now + 1), rec(5, T0 + 59 * MINUTE), rec(6, T0 + 5 * HOUR)];
      for (const r of [...kept, ...gone]) await put(s, r);
      expect(await s.prune(now)).toBe(gone.length);
      expect(await listed(s)).toEqual(wires(kept));
      expect(await s.prune(now)).toBe(0);
      expect(await s.prune(T0 + 59 * MINUTE)).toBe(2);
      expect(await listed(s)).toEqual(wires([kept[2]!]));
    });

    it('takes concurrent writes: 40 puts at once, then removes and a prune at once, lose nothing else', async () => {
      const rs = Array.from({ length: 40 }, (_, i) => rec(i, T0 + (i % 2 === 0 ? 10 * MINUTE : 3 * HOUR)));
      await Promise.all(rs.map((r) => put(s, r)));
      expect(await listed(s)).toEqual(wires(rs));
      const removed = rs.filter((_, i) => i % 4 === 1);
      const expired = rs.filter((_, i) => i % 2 === 0);
      const [, pruned] = await Promise.all([s.remove(removed.map((r) => r.id)), s.prune(T0 + HOUR)]);
      expect(pruned).toBe(expired.length);
      expect(await listed(s)).toEqual(wires(rs.filter((r) => !removed.includes(r) && !expired.includes(r))));
    });

    it('puts a batch at once: every record listed, an id again replaces its row', async () => {
      const rs = Array.from({ length: 30 }, (_, i) => rec(i));
      await s.putAll(rs);
      await s.putAll([]);
      expect(await listed(s)).toEqual(wires(rs));
      const again = { ...rs[0]!, wire: `${rs[0]!.wire} (again)` };
      await s.putAll([again]);
      expect(await listed(s)).toEqual(wires([again, ...rs.slice(1)]));
    });

    if (impl.persistent) {
      it('stores none of a batch when a record of it cannot be stored, and says so', async () => {
        const kept = rec(1);
        await put(s, kept);
        const batch = [rec(2), rec(3), rec(4)];
        // Neither structured clone (plain rows) nor the PIN's sealing can read this one.
        const unreadable = {
          get text(): string {
            throw new Error('unreadable wire');
          },
        };
        await expect(
          s.putAll([batch[0]!, { ...batch[1]!, wire: unreadable as unknown as string }, batch[2]!]),
        ).rejects.toThrow();
        expect(await listed(s)).toEqual(wires([kept]));
        // The store still takes the next batch.
        await s.putAll(batch);
        expect(await listed(s)).toEqual(wires([kept, ...batch]));
      });

      it('survives a reload: a new page lists, removes and prunes what the last one wrote', async () => {
        const rs = [rec(1, T0 + 20 * MINUTE), rec(2), rec(3)];
        for (const r of rs) await put(s, r);
        const after = await run.reopen!();
        expect(await listed(after)).toEqual(wires(rs));
        await after.remove([rs[2]!.id]);
        expect(await after.prune(T0 + 30 * MINUTE)).toBe(1);
        expect(await listed(await run.reopen!())).toEqual(wires([rs[1]!]));
      });

      it('two tabs at once see each other’s writes and removals', async () => {
        const tab = await run.another!();
        const [a, b] = [rec(1), rec(2)];
        await Promise.all([put(s, a), put(tab, b)]);
        expect(await listed(s)).toEqual(wires([a, b]));
        await tab.remove([a.id]);
        expect(await s.all()).toEqual([b.wire]);
      });

      it('skips damaged rows and rows that are no records, keeps every valid one, and prunes damage once its clear hour passed', async () => {
        const valid = [rec(1), rec(2)];
        for (const r of valid) await put(s, r);
        // A row of the layout before rows were sealed: read as it is.
        const older = rec(3);
        await run.disk!.put('records', older);
        const later = T0 + 3 * HOUR;
        const elsewhere = (await pinCodecs()).other;
        const damaged = [
          { id: 'damaged-1', expiresAt: later, sealed: { sealed: 'AAAA' } },
          { id: 'damaged-2', expiresAt: later, sealed: 7 },
          { id: 'damaged-3', expiresAt: later },
          { id: 'damaged-4', expiresAt: later, wire: 42 },
          { id: 'damaged-5', expiresAt: T0, sealed: null },
          {
            id: 'elsewhere',
            expiresAt: later,
            sealed: await elsewhere.seal({ id: 'x', wire: 'other PIN', expiresAt: later }),
          },
        ];
        for (const d of damaged) await run.disk!.put('records', d);
        const after = await run.reopen!();
        expect(await listed(after)).toEqual(wires([...valid, older]));
        // Damage whose clear hour passed goes with the expired records; the rest stays until its hour.
        expect(await after.prune(T0 + 30 * MINUTE)).toBe(1);
        expect(await listed(after)).toEqual(wires([...valid, older]));
        expect(await after.prune(later)).toBe(damaged.length - 1 + valid.length + 1);
        expect(await run.disk!.rows('records')).toEqual([]);
      });
    }

    if (impl.persistent && impl.sealed) {
      it('keeps nothing of a record at rest: rows under the HMAC of their id, times only to the hour', async () => {
        const rs = [rec(1, T0 + 17 * MINUTE + 123), rec(2, T0 + 2 * HOUR + 1), rec(3, T0 + 26 * HOUR + 59_999)];
        for (const r of rs) await put(s, r);
        const text = await run.disk!.dump();
        const secrets = rs.flatMap((r) => [r.id, r.wire, r.wire.slice(6, 28), 'Kastryčnickaja', String(r.expiresAt)]);
        expect(readable(text, secrets)).toEqual([]);
        await expectSealedRows(
          run,
          'records',
          rs.map((r) => r.id),
          ['expiresAt', 'id', 'sealed'],
          'expiresAt',
        );
        // The lookup key finds the row: removing by id works on a new page.
        const after = await run.reopen!();
        await after.remove([rs[0]!.id]);
        expect(await listed(after)).toEqual(wires(rs.slice(1)));
      });

      it('another PIN reads nothing and removes nothing; the right PIN still reads everything after', async () => {
        const rs = [rec(1), rec(2)];
        for (const r of rs) await put(s, r);
        const other = await run.reopenWithOtherPin!();
        expect(await other.all()).toEqual([]);
        await other.remove(rs.map((r) => r.id));
        expect(await other.prune(T0 + 30 * MINUTE)).toBe(0);
        expect(await listed(await run.reopen!())).toEqual(wires(rs));
      });

      it('re-keys rows of the older sealed layout (clear ids, exact times) after unlock and keeps them', async () => {
        const kept = rec(1);
        await put(s, kept);
        const old = [rec(2, T0 + 20 * MINUTE), rec(3, T0 + 3 * HOUR + 7)];
        for (const r of old)
          await run.disk!.put('records', { id: r.id, expiresAt: r.expiresAt, sealed: await run.codec!.seal(r) });
        expect(await run.rekey!()).toBe(old.length);
        const text = await run.disk!.dump();
        expect(
          readable(
            text,
            old.flatMap((r) => [r.id, String(r.expiresAt)]),
          ),
        ).toEqual([]);
        const after = await run.reopen!();
        expect(await listed(after)).toEqual(wires([kept, ...old]));
        expect(await after.prune(T0 + 30 * MINUTE)).toBe(1);
        await after.remove([old[1]!.id]);
        expect(await after.all()).toEqual([kept.wire]);
        expect(await run.rekey!()).toBe(0);
      });
    }
  });
}
