/**
 * One contract for every FallbackStore (the fallback places and their keys
 * this device sealed into its own points): memory and IndexedDB, each plain
 * and sealed under a PIN. What it promises: the row put for a point comes
 * back for that point only, as a copy, until it expires; damage reads as no
 * row; under a PIN nothing at rest names a point, a place or a key.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { FallbackRow, FallbackStore } from '../../src/platform/fallbackStore';
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

function row(n: number, expiresAt = T0 + 2 * HOUR): FallbackRow {
  return {
    point: randomId(),
    keys: [randomId(), randomId()],
    places: [
      { label: `Bridge ${n} ${randomId(6)}`, lat: 53.9 + n / 1000 + 0.00017, lon: 27.5 + n / 1000 + 0.00023 },
      { label: `Square ${n} ${randomId(6)}`, lat: 53.8 + n / 1000 + 0.00031, lon: 27.6 + n / 1000 + 0.00041 },
    ],
    expiresAt,
  };
}
const gets = (s: FallbackStore, rs: readonly FallbackRow[]) => Promise.all(rs.map((r) => s.get(r.point)));

export function runFallbackStoreContract(impl: StoreImpl<FallbackStore>): void {
  describe(`FallbackStore contract: ${impl.name}`, () => {
    let run: StoreRun<FallbackStore>;
    let s: FallbackStore;
    beforeEach(async () => {
      run = await impl.start();
      s = run.store;
    });

    it('gives back the row put for a point, and nothing for other points', async () => {
      const [a, b] = [row(1), row(2)];
      await s.put(a);
      await s.put(b);
      expect(await gets(s, [a, b])).toEqual([a, b]);
      expect(await s.get(randomId())).toBeUndefined();
      expect(await s.prune(T0)).toBe(0);
    });

    it('keeps one row per point: putting it again replaces the keys, places and expiry', async () => {
      const a = row(1, T0 + 10 * MINUTE);
      await s.put(a);
      const again = { ...row(2, T0 + 3 * HOUR), point: a.point };
      await s.put(again);
      expect(await s.get(a.point)).toEqual(again);
      expect(await s.prune(T0 + HOUR)).toBe(0);
      expect(await s.get(a.point)).toEqual(again);
    });

    it('keeps its own copy: changing a row after put, or the one it gave back, changes nothing stored', async () => {
      const a = row(1);
      const original = structuredClone(a);
      await s.put(a);
      a.keys.push('changed');
      a.places[0]!.label = 'changed';
      const got = await s.get(a.point);
      got?.places.pop();
      got?.keys.pop();
      expect(await s.get(a.point)).toEqual(original);
    });

    it('prunes by the exact expiry: at or before now goes, a millisecond later stays, also within the same hour', async () => {
      const now = T0 + 30 * MINUTE;
      const gone = [row(1, T0), row(2, now)];
      const kept = [row(3, now + 1), row(4, T0 + 59 * MINUTE), row(5, T0 + 4 * HOUR)];
      for (const r of [...gone, ...kept]) await s.put(r);
      expect(await s.prune(now)).toBe(2);
      expect(await gets(s, [...gone, ...kept])).toEqual([undefined, undefined, ...kept]);
      expect(await s.prune(now)).toBe(0);
    });

    it('takes concurrent writes: 30 puts at once, then puts and a prune at once', async () => {
      const rs = Array.from({ length: 30 }, (_, i) => row(i, T0 + (i % 3 === 0 ? 5 * MINUTE : 3 * HOUR)));
      await Promise.all(rs.map((r) => s.put(r)));
      expect(await gets(s, rs)).toEqual(rs);
      const late = [row(40), row(41)];
      const [pruned] = await Promise.all([s.prune(T0 + HOUR), ...late.map((r) => s.put(r))]);
      expect(pruned).toBe(10);
      expect(await gets(s, [...rs, ...late])).toEqual(
        [...rs, ...late].map((r, i) => (i < 30 && i % 3 === 0 ? undefined : r)),
      );
    });

    if (impl.persistent) {
      it('survives a reload: a new page reads and prunes what the last one wrote', async () => {
        const rs = [row(1, T0 + 5 * MINUTE), row(2)];
        for (const r of rs) await s.put(r);
        const after = await run.reopen!();
        expect(await gets(after, rs)).toEqual(rs);
        expect(await after.prune(T0 + HOUR)).toBe(1);
        expect(await gets(await run.reopen!(), rs)).toEqual([undefined, rs[1]]);
      });

      it('two tabs at once read each other’s rows', async () => {
        const tab = await run.another!();
        const [a, b] = [row(1), row(2)];
        await Promise.all([s.put(a), tab.put(b)]);
        expect(await gets(tab, [a, b])).toEqual([a, b]);
        expect(await gets(s, [a, b])).toEqual([a, b]);
      });

      it('reads a damaged row as none, keeps the valid ones, and prunes damage once its clear hour passed', async () => {
        const valid = [row(1), row(2)];
        for (const r of valid) await s.put(r);
        const [victim, shapeless, moved] = [row(3), row(4), row(5)];
        for (const r of [victim, shapeless, moved]) await s.put(r);
        const rows = await run.disk!.rows('fallbacks');
        const keyOf = async (point: string) => (run.codec ? run.codec.lookup('fallbacks', point) : point);
        const at = async (point: string) => {
          const k = await keyOf(point);
          return rows.find((r) => r.key === k)!.value;
        };
        const seal = async (v: unknown) => (run.codec ? run.codec.seal(v) : v);
        await run.disk!.put('fallbacks', { ...(await at(victim.point)), expiresAt: T0, sealed: { sealed: 'AAAA' } });
        await run.disk!.put('fallbacks', {
          ...(await at(shapeless.point)),
          sealed: await seal({ ...shapeless, keys: 'k' }),
        });
        // A row copied under another point's key is not that point's row.
        await run.disk!.put('fallbacks', { ...(await at(moved.point)), sealed: (await at(valid[0]!.point)).sealed });
        const elsewhere = await (await pinCodecs()).other.seal(row(6));
        await run.disk!.put('fallbacks', { point: 'elsewhere', expiresAt: T0 + 3 * HOUR, sealed: elsewhere });
        await run.disk!.put('fallbacks', { point: 'null', expiresAt: T0 + 3 * HOUR, sealed: null });
        const after = await run.reopen!();
        expect(await gets(after, [...valid, victim, shapeless, moved])).toEqual([
          ...valid,
          undefined,
          undefined,
          undefined,
        ]);
        expect(await after.get('elsewhere')).toBeUndefined();
        expect(await after.get('null')).toBeUndefined();
        expect(await after.prune(T0 + 30 * MINUTE)).toBe(1);
        expect(await after.prune(T0 + 3 * HOUR)).toBe(valid.length + 4);
        expect(await run.disk!.rows('fallbacks')).toEqual([]);
      });
    }

    if (impl.persistent && impl.sealed) {
      it('keeps nothing of a row at rest: rows under the HMAC of the point, the expiry only to the hour', async () => {
        const rs = [row(1, T0 + 17 * MINUTE + 3), row(2, T0 + 5 * HOUR + 11)];
        for (const r of rs) await s.put(r);
        const secrets = rs.flatMap((r) => [
          r.point,
          ...r.keys,
          ...r.places.flatMap((p) => [p.label, String(p.lat), String(p.lon), String(p.lat).slice(0, 7)]),
          'Bridge',
          String(r.expiresAt),
        ]);
        expect(readable(await run.disk!.dump(), secrets)).toEqual([]);
        await expectSealedRows(
          run,
          'fallbacks',
          rs.map((r) => r.point),
          ['expiresAt', 'point', 'sealed'],
          'expiresAt',
        );
      });

      it('another PIN reads nothing; the right PIN still reads everything after', async () => {
        const rs = [row(1), row(2)];
        for (const r of rs) await s.put(r);
        const other = await run.reopenWithOtherPin!();
        expect(await gets(other, rs)).toEqual([undefined, undefined]);
        expect(await other.prune(T0 + 30 * MINUTE)).toBe(0);
        expect(await gets(await run.reopen!(), rs)).toEqual(rs);
      });

      it('re-keys rows of the older sealed layout (clear points, exact times) after unlock and keeps them', async () => {
        const kept = row(1);
        await s.put(kept);
        const old = [row(2, T0 + 20 * MINUTE + 1), row(3, T0 + 3 * HOUR + 1)];
        for (const r of old)
          await run.disk!.put('fallbacks', {
            point: r.point,
            expiresAt: r.expiresAt,
            sealed: await run.codec!.seal(r),
          });
        expect(await run.rekey!()).toBe(old.length);
        expect(
          readable(
            await run.disk!.dump(),
            old.flatMap((r) => [r.point, String(r.expiresAt)]),
          ),
        ).toEqual([]);
        const after = await run.reopen!();
        expect(await gets(after, [kept, ...old])).toEqual([kept, ...old]);
        expect(await after.prune(T0 + 30 * MINUTE)).toBe(1);
        expect(await gets(after, old)).toEqual([undefined, old[1]]);
      });
    }
  });
}
