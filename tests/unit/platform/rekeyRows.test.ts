/**
 * rekeyRows (databases sealed before lookup keys existed), on a real
 * IndexedDB implementation (fake-indexeddb): after unlocking, every row of
 * the older sealed layout — its id and exact times in the clear — moves to
 * the HMAC lookup key with times to the hour, once; rows it cannot open and
 * rows already keyed stay as they are; without a PIN it does nothing. The
 * storage contracts (tests/contract) check each store still reads the moved rows.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  HOUR,
  indexedDbImplementations,
  MINUTE,
  notWholeHours,
  pinCodecs,
  randomId,
  readable,
  T0,
  type Page,
  type StoreName,
  type StoreRun,
} from '../../contract/storeHarness';

const [plain, sealed] = indexedDbImplementations((page) => page);

/** One row per store as a version before lookup keys wrote it under a PIN, and what must not stay readable. */
async function plantOlderRows(run: StoreRun<Page>): Promise<{ rows: Map<StoreName, string>; secrets: string[] }> {
  const seal = (v: unknown) => run.codec!.seal(v);
  const at = T0 + 17 * MINUTE + 3;
  const id = {
    records: randomId(),
    outbox: randomId(),
    fallbacks: randomId(),
    circles: randomId(16),
    areas: `area-${at.toString(36)}`,
  };
  const disk = run.disk!;
  await disk.put('records', {
    id: id.records,
    expiresAt: at,
    sealed: await seal({ id: id.records, wire: 'w', expiresAt: at }),
  });
  const entry = { id: id.outbox, circle: randomId(16), wire: 'w', created: at };
  await disk.put('outbox', { id: id.outbox, created: at, sealed: await seal(entry) });
  const fallback = {
    point: id.fallbacks,
    keys: [randomId()],
    places: [{ label: 'Bridge', lat: 53.9, lon: 27.5 }],
    expiresAt: at,
  };
  await disk.put('fallbacks', { point: id.fallbacks, expiresAt: at, sealed: await seal(fallback) });
  await disk.put('circles', { id: id.circles, sealed: await seal({ id: id.circles, name: 'Friends' }) });
  await disk.put('areas', { id: id.areas, sealed: await seal({ id: id.areas, name: 'Old town', createdAt: at }) });
  return { rows: new Map(Object.entries(id) as [StoreName, string][]), secrets: [...Object.values(id), String(at)] };
}

describe('rekeyRows', () => {
  let run: StoreRun<Page>;

  describe('under a PIN', () => {
    beforeEach(async () => {
      run = await sealed!.start();
    });

    it('moves each older row of all five stores to its lookup key with times to the hour, and only once', async () => {
      const { rows, secrets } = await plantOlderRows(run);
      expect(readable(await run.disk!.dump(), secrets).length).toBeGreaterThan(0);
      expect(await run.rekey!()).toBe(5);
      expect(readable(await run.disk!.dump(), secrets)).toEqual([]);
      for (const [store, id] of rows) {
        const stored = await run.disk!.rows(store);
        expect(
          stored.map((r) => r.key),
          store,
        ).toEqual([await run.codec!.lookup(store, id)]);
        const clearTimes = stored.flatMap((r) => [r.value.expiresAt, r.value.created].filter((t) => t !== undefined));
        expect(notWholeHours(clearTimes), store).toEqual([]);
      }
      // The exact time is still inside the sealed row.
      const [record] = await run.disk!.rows('records');
      expect(await run.codec!.open(record!.value.sealed)).toMatchObject({ expiresAt: T0 + 17 * MINUTE + 3 });
      const before = await run.disk!.dump();
      expect(await run.rekey!()).toBe(0);
      expect(await run.disk!.dump()).toBe(before);
    });

    it('leaves rows it cannot open, and rows already under their lookup key, as they are', async () => {
      const page = run.page();
      await (await page.records.openRecordStore()).put(randomId(), 'kept', T0 + 2 * HOUR);
      await page.circles.openCircleStore().put({
        v: 1,
        id: randomId(16) as never,
        key: randomId(),
        name: 'Kept',
        creator: randomId() as never,
        organizers: [],
        joinedAt: T0,
      });
      await run.disk!.put('records', { id: 'damaged', expiresAt: T0, sealed: { sealed: 'AAAA' } });
      const other = (await pinCodecs()).other;
      await run.disk!.put('outbox', { id: 'elsewhere', created: T0, sealed: await other.seal({ id: 'elsewhere' }) });
      await run.disk!.put('fallbacks', { point: 'unsealed', expiresAt: T0 });
      const before = await run.disk!.dump();
      expect(await run.rekey!()).toBe(0);
      expect(await run.disk!.dump()).toBe(before);
    });
  });

  it('does nothing without a PIN: rows are kept under their ids', async () => {
    run = await plain!.start();
    const page = run.page();
    const id = randomId();
    await (await page.records.openRecordStore()).put(id, 'wire', T0 + 2 * HOUR);
    await page.fallbacks.openFallbackStore().put({ point: id, keys: [], places: [], expiresAt: T0 });
    const before = await run.disk!.dump();
    expect(await run.rekey!()).toBe(0);
    expect(await run.disk!.dump()).toBe(before);
    expect((await run.disk!.rows('records')).map((r) => r.key)).toEqual([id]);
  });
});
