/**
 * The points store takes a new fold point by point: untouched points keep
 * their store item (nothing to diff), a changed point is updated in place,
 * new ones go in and gone ones out, in the fold's order.
 */
import { createRoot } from 'solid-js';
import { createStore } from 'solid-js/store';
import { expect, it } from 'vitest';
import type { PointView } from '../../../src/domain';
import { foldPoints } from '../../../src/domain/foldPoints';
import { applyPoints } from '../../../src/state/applyPoints';
import { alert, cancel, MIN, point, T0 } from '../../fixtures/recordBuilders';

it('keeps untouched items, updates a changed one in place, adds and drops points in the fold’s order', () => {
  createRoot((dispose) => {
    const [store, setStore] = createStore<PointView[]>([]);
    const apply = applyPoints(store, setStore);
    const now = T0 + 20 * MIN;
    const p0 = point('p0');
    const p1 = point('p1', { created: T0 + MIN });
    const p2 = point('p2', { created: T0 + 2 * MIN });
    const first = foldPoints([p0, p1], now);
    apply(first);
    expect(store).toEqual(first);
    const item0 = store[0];
    const item1 = store[1];

    // p1 gets an alert (a new view object), p2 arrives; p0's view is the very same object.
    const second = foldPoints([p1, p2, alert('a', 'p1', 'caution', now)], now);
    apply([first[0] as PointView, ...second]);
    expect(store).toEqual([first[0], ...second]);
    expect(store[0]).toBe(item0);
    expect(store[1]).toBe(item1);
    expect(store[1]?.alerts?.statuses.map((s) => s.kind)).toEqual(['caution']);

    // p0 is cancelled past its linger: it leaves the list; the others keep their items.
    const third = foldPoints(
      [p0, p1, p2, cancel('c', 'p0', T0 + MIN), alert('a', 'p1', 'caution', now)],
      now + 10 * MIN,
    );
    apply(third);
    expect(store).toEqual(third);
    expect(store.map((p) => p.title)).toEqual(['p1', 'p2']);
    expect(store[0]).toBe(item1);
    dispose();
  });
});

it('equals every fold of a long random run (points come, go, move, change) and keeps the items of unchanged points', () => {
  createRoot((dispose) => {
    const [store, setStore] = createStore<PointView[]>([]);
    const apply = applyPoints(store, setStore);
    const now = T0 + 20 * MIN;
    // A small deterministic generator: the run is the same every time.
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) >> 8) % n;
    const base = foldPoints(
      Array.from({ length: 40 }, (_, i) => point(`p${i}`, { created: T0 + i * MIN })),
      now,
    );
    let views: PointView[] = [];
    const items = new Map<string, PointView>();
    for (let step = 0; step < 200; step++) {
      const before = new Set(views);
      const next = [...views];
      for (let k = rand(4); k > 0; k--) {
        const op = rand(4);
        const at = rand(next.length + 1);
        if (op === 0) {
          const v = base[rand(base.length)] as PointView;
          if (!next.some((x) => x.id === v.id)) next.splice(at, 0, v);
        } else if (op === 1 && next.length > 0) next.splice(at % next.length, 1);
        else if (op === 2 && next.length > 1) next.push(...next.splice(at % next.length, 1));
        else if (op === 3 && next.length > 0) {
          const i = at % next.length;
          next[i] = { ...(next[i] as PointView), title: `changed ${step}` };
        }
      }
      apply(next);
      expect(store).toEqual(next);
      // A point whose view is the very same object kept its store item; one that left and came back did not.
      for (const [i, v] of next.entries()) {
        if (before.has(v) && items.has(v.id)) expect(store[i]).toBe(items.get(v.id));
      }
      items.clear();
      for (const [i, v] of next.entries()) items.set(v.id, store[i] as PointView);
      views = next;
    }
    dispose();
  });
});
