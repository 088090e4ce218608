/**
 * Reads the stored private circles and imports their keys, before the store
 * is made: records are opened by circle as they load, so every key must be
 * ready first. A row whose key does not import is skipped (and reported).
 */
import type { CircleStore, CircleRow } from '../platform/circleStore';
import { importCircleB64, type Circle } from '../protocol/circle';

/** A circle this device belongs to: its row and its imported key. */
export interface JoinedCircle {
  readonly row: CircleRow;
  readonly circle: Circle;
}

export async function joinedCircle(row: CircleRow): Promise<JoinedCircle> {
  return { row, circle: await importCircleB64(row.id, row.key) };
}

export async function loadCircles(store: CircleStore): Promise<{ joined: JoinedCircle[]; dropped: number }> {
  const { rows, dropped } = await store.all();
  const joined: JoinedCircle[] = [];
  let failed = 0;
  for (const row of rows) {
    try {
      joined.push(await joinedCircle(row));
    } catch {
      failed++;
    }
  }
  return { joined, dropped: dropped + failed };
}
