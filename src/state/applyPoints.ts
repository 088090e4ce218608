/**
 * Puts a new fold into the points store at a cost proportional to what
 * changed (issue 15). `reconcile` over the whole list first unwraps it deeply
 * (every view, every alert status) and then diffs every point, each time a
 * batch of records arrives: with thousands of points that was most of a fresh
 * sync's time. The incremental fold (domain/createPointFold) hands back the
 * same view object for a point nothing touched, so here such a point keeps its
 * store item as is; a changed point's item is reconciled alone (merge by
 * position, as before: an alert's statuses have no id); new points go in as
 * they are; and the list is set once, in the fold's order, only when points
 * came, went or moved. What it keeps between folds is updated in place too.
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
  /**
   * Per id: the fold's view last applied, the store's item (proxy) holding it, where it stands, and the
   * last pass that saw it. Kept from pass to pass (a new map of every point each batch was most of this
   * function's time, and garbage): only what arrived, changed or left is written.
   */
  const held = new Map<RecordId, { view: PointView; item: PointView; index: number; pass: number }>();
  let pass = 0;
  return (next) =>
    untrack(() => {
      pass++;
      const list: PointView[] = [];
      const changed: number[] = [];
      const fresh: number[] = [];
      let moved = next.length !== held.size;
      for (let i = 0; i < next.length; i++) {
        const view = next[i] as PointView;
        const h = held.get(view.id);
        if (!h) {
          list.push(view);
          fresh.push(i);
          moved = true;
          continue;
        }
        h.pass = pass;
        if (h.index !== i) {
          h.index = i;
          moved = true;
        }
        if (h.view !== view) {
          h.view = view;
          changed.push(i);
        }
        list.push(h.item);
      }
      // The list is written only when points came, went or moved: a fold that changed points in place
      // (a state, an alert) leaves the array as it is.
      if (moved) setStore(list);
      // Only a changed view is diffed into its item, where it stands now.
      for (const i of changed) setStore(i, reconcile(next[i] as PointView, { key: 'id', merge: true }));
      for (const i of fresh) {
        const view = next[i] as PointView;
        held.set(view.id, { view, item: store[i] as PointView, index: i, pass });
      }
      if (held.size > next.length) for (const [id, h] of held) if (h.pass !== pass) held.delete(id);
    });
}
