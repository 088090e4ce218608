/**
 * Puts a new fold into the points store at a cost proportional to what
 * changed (issue 15). `reconcile` over the whole list first unwraps it deeply
 * (every view, every alert status) and then diffs every point, each time a
 * batch of records arrives: with thousands of points that was most of a fresh
 * sync's time. The incremental fold (domain/createPointFold) hands back the
 * same view object for a point nothing touched, so here such a point keeps its
 * store item as is; a changed point's item is reconciled alone (merge by
 * position, as before: an alert's statuses have no id); new points go in as
 * they are; and the list is set once, in the fold's order.
 */
import { reconcile, type SetStoreFunction } from 'solid-js/store';
import { untrack } from 'solid-js';
import type { PointView, RecordId } from '../domain';

/**
 * Returns the function that applies a fold to `store` (a Solid store array of
 * points, keyed by id, that only this applier writes).
 */
export function applyPoints(
  store: readonly PointView[],
  setStore: SetStoreFunction<PointView[]>,
): (next: readonly PointView[]) => void {
  /** Per id: the fold's view last applied and the store's item (proxy) holding it. */
  let held = new Map<RecordId, { view: PointView; item: PointView; index: number }>();
  return (next) =>
    untrack(() => {
      const list: PointView[] = new Array<PointView>(next.length);
      const fresh = new Set<number>();
      for (const [i, view] of next.entries()) {
        const h = held.get(view.id);
        if (!h) {
          list[i] = view;
          fresh.add(i);
          continue;
        }
        // Only a changed view is diffed into its item, where it stands in the store now.
        if (h.view !== view) setStore(h.index, reconcile(view, { key: 'id', merge: true }));
        list[i] = h.item;
      }
      setStore(list);
      const now = new Map<RecordId, { view: PointView; item: PointView; index: number }>();
      for (const [i, view] of next.entries()) {
        const h = held.get(view.id);
        now.set(view.id, { view, item: h ? h.item : (store[i] as PointView), index: i });
      }
      held = now;
    });
}
