/**
 * Migration for databases sealed before lookup keys existed: rows written
 * under an app PIN kept their id (and exact times) in the clear. After the
 * right PIN is entered, each such row is written again under its lookup key
 * with coarse times (sealedRow.ts) and the old row deleted. Rows already keyed
 * are left alone; without a PIN the lookup key is the id, so nothing changes.
 * Saved areas got lookup keys later than the other stores (their id names the
 * moment the area was saved), so their older rows are moved the same way.
 */
import { atRest } from './atRest';
import { coarseTime, lookupKey, openRow, sealRow } from './sealedRow';
import { openVadaDb } from './vadaDb';

type Store = 'records' | 'outbox' | 'fallbacks' | 'circles' | 'areas';

/** A stored row again in today's layout, or undefined when it is already (or cannot be). */
async function rekeyed(store: Store, stored: Record<string, unknown>): Promise<object | undefined> {
  const body = await openRow<Record<string, unknown>>(stored);
  if (!body || !('sealed' in stored)) return undefined;
  const clearId = store === 'fallbacks' ? stored.point : stored.id;
  const id = (store === 'fallbacks' ? body.point : body.id) ?? clearId;
  if (typeof id !== 'string' || typeof clearId !== 'string' || (await lookupKey(store, id)) === clearId)
    return undefined;
  const key = await lookupKey(store, id);
  const time = (v: unknown) => (typeof v === 'number' ? coarseTime(v) : 0);
  // Circles and saved areas keep nothing else in the clear: the sealed value moves as it is.
  if (store === 'circles' || store === 'areas') return { id: key, sealed: stored.sealed };
  if (store === 'outbox') return sealRow({ id: key, created: time(body.created) }, body);
  const expiresAt = typeof body.expiresAt === 'number' ? body.expiresAt : stored.expiresAt;
  if (store === 'fallbacks') return sealRow({ point: key, expiresAt: time(expiresAt) }, body);
  return sealRow({ id: key, expiresAt: time(expiresAt) }, { ...body, id, expiresAt });
}

/** Rewrites every row still keyed by its clear id; returns how many. Call once after unlocking. */
export async function rekeyRows(): Promise<number> {
  if ((await atRest().lookup('probe', 'x')) === 'x') return 0;
  const db = await openVadaDb();
  let n = 0;
  for (const store of ['records', 'outbox', 'fallbacks', 'circles', 'areas'] as const) {
    const read = db.transaction(store).store;
    const [keys, rows] = await Promise.all([read.getAllKeys(), read.getAll()]);
    const moves: { old: string; row: object }[] = [];
    for (const [i, stored] of rows.entries()) {
      const row = await rekeyed(store, stored as unknown as Record<string, unknown>);
      const old = keys[i];
      if (row && old !== undefined) moves.push({ old, row });
    }
    if (moves.length === 0) continue;
    const tx = db.transaction(store, 'readwrite');
    const puts = moves.flatMap(({ old, row }) => [tx.store.delete(old), tx.store.put(row as never)]);
    await Promise.all([...puts, tx.done]);
    n += moves.length;
  }
  return n;
}
