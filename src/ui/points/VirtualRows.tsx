/**
 * A list that renders only the rows in view (plus OVERSCAN above and below),
 * for the list view of a city of points: 10,000 rows, each with a live
 * countdown, froze a phone (issue 15). The rows flow normally between two
 * spacers (padding above and below), so each keeps its natural height:
 * heights are measured once rendered and estimated until then. The scroll
 * container is the nearest scrolling ancestor (the sheet). Each row says
 * where it is (aria-setsize / aria-posinset), so a screen reader announces
 * "3 of 10,000" although only a window exists; ArrowUp/ArrowDown, Home and
 * End move between rows, bringing rows out of the window into it first.
 * Small and own: the libraries for this bring more than the app needs.
 */
import { createEffect, createMemo, createSignal, For, onCleanup, onMount, type JSX } from 'solid-js';

/** Rows rendered beyond each edge of the view. */
export const OVERSCAN = 6;

export interface VirtualRowsProps<T> {
  readonly items: readonly T[];
  /** Height of a row not measured yet, in px. */
  readonly estimate: number;
  readonly class?: string;
  readonly testId?: string;
  /** One row's content (its <li> is made here). */
  readonly children: (item: T) => JSX.Element;
}

/** The nearest ancestor that scrolls vertically, or the document's scroller. */
function scrollerOf(el: HTMLElement): HTMLElement {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const y = getComputedStyle(p).overflowY;
    if (y === 'auto' || y === 'scroll') return p;
  }
  return document.scrollingElement instanceof HTMLElement ? document.scrollingElement : document.body;
}

export function VirtualRows<T>(props: VirtualRowsProps<T>): JSX.Element {
  let list!: HTMLOListElement;
  const [view, setView] = createSignal({ top: 0, height: 0 });
  // Measured heights by item (items are the store's objects; a new object is a new row to measure).
  const heights = new WeakMap<object, number>();
  const [measured, setMeasured] = createSignal(0);
  const heightOf = (item: T) =>
    (typeof item === 'object' && item !== null ? heights.get(item) : undefined) ?? props.estimate;
  /** offsets[i] = px from the list's top to row i; offsets[n] = the list's full height. */
  const offsets = createMemo(() => {
    measured();
    const items = props.items;
    const out = new Array<number>(items.length + 1);
    out[0] = 0;
    for (let i = 0; i < items.length; i++) out[i + 1] = (out[i] as number) + heightOf(items[i] as T);
    return out;
  });
  /** First row at or below `y` px from the list's top. */
  const rowAt = (y: number) => {
    const o = offsets();
    let lo = 0;
    let hi = props.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((o[mid + 1] as number) <= y) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const range = createMemo(() => {
    const n = props.items.length;
    const { top, height } = view();
    // Nothing laid out yet (or a test without layout): a first screenful by estimate.
    const h = height > 0 ? height : props.estimate * 10;
    const start = Math.max(0, rowAt(Math.max(0, top)) - OVERSCAN);
    const end = Math.min(n, rowAt(top + h) + 1 + OVERSCAN);
    return { start, end };
  });
  const rows = createMemo(() => props.items.slice(range().start, range().end));

  let scroller: HTMLElement | undefined;
  const look = () => {
    if (!scroller || !list.isConnected) return;
    // The list's top inside the scroller's content, so the view is measured from the list's first row.
    const listTop = list.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
    setView({ top: scroller.scrollTop - listTop, height: scroller.clientHeight });
  };
  onMount(() => {
    scroller = scrollerOf(list);
    look();
    const s = scroller;
    s.addEventListener('scroll', look, { passive: true });
    window.addEventListener('resize', look);
    onCleanup(() => {
      s.removeEventListener('scroll', look);
      window.removeEventListener('resize', look);
    });
  });
  // After each render of the window: measure its rows; a changed height moves the rows after it.
  createEffect(() => {
    const items = rows();
    let changed = false;
    list.querySelectorAll<HTMLLIElement>(':scope > li').forEach((li, i) => {
      const item = items[i];
      const h = li.offsetHeight;
      if (item === undefined || typeof item !== 'object' || item === null || h === 0) return;
      if (heights.get(item) !== h) {
        heights.set(item, h);
        changed = true;
      }
    });
    if (changed) queueMicrotask(() => setMeasured((m) => m + 1));
  });

  /** Brings row `index` into the window and into view, then focuses its first control. */
  const focusRow = (index: number) => {
    const i = Math.max(0, Math.min(props.items.length - 1, index));
    const o = offsets();
    if (scroller) {
      const listTop = list.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
      const rowTop = listTop + (o[i] as number);
      const rowBottom = listTop + (o[i + 1] as number);
      if (rowTop < scroller.scrollTop) scroller.scrollTop = rowTop;
      else if (rowBottom > scroller.scrollTop + scroller.clientHeight)
        scroller.scrollTop = rowBottom - scroller.clientHeight;
    }
    look();
    // Outside the window (a jump, or no layout to scroll by): centre the window on it.
    if (i < range().start || i >= range().end) setView((v) => ({ ...v, top: o[i] as number }));
    list
      .querySelector<HTMLElement>(
        `:scope > li[aria-posinset="${i + 1}"] button, :scope > li[aria-posinset="${i + 1}"] a`,
      )
      ?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const li = (e.target as HTMLElement).closest('li');
    if (!li || li.parentElement !== list) return;
    const at = Number(li.getAttribute('aria-posinset')) - 1;
    const to =
      e.key === 'ArrowDown'
        ? at + 1
        : e.key === 'ArrowUp'
          ? at - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? props.items.length - 1
              : undefined;
    if (to === undefined) return;
    e.preventDefault();
    focusRow(to);
  };

  return (
    <ol
      ref={list}
      class={props.class}
      data-testid={props.testId}
      data-virtual-start={range().start}
      data-virtual-end={range().end}
      style={{
        'padding-top': `${offsets()[range().start] ?? 0}px`,
        'padding-bottom': `${(offsets()[props.items.length] ?? 0) - (offsets()[range().end] ?? 0)}px`,
      }}
      onKeyDown={onKeyDown}
    >
      <For each={rows()}>
        {(item, i) => (
          <li aria-setsize={props.items.length} aria-posinset={range().start + i() + 1}>
            {props.children(item)}
          </li>
        )}
      </For>
    </ol>
  );
}
