/**
 * The virtual list (issue 15): with 10,000 rows only the window in view
 * (plus overscan) is in the DOM, each row says where it is in the whole list
 * (aria-setsize / aria-posinset), spacers keep the full height so the
 * scrollbar is right, scrolling moves the window, and the keyboard moves
 * from row to row, including to rows that were not rendered.
 */
import { fireEvent, render, screen, cleanup } from '@solidjs/testing-library';
import { createSignal } from 'solid-js';
import { afterEach, describe, expect, it } from 'vitest';
import { OVERSCAN, VirtualRows } from '../../../../src/ui/points/VirtualRows';

afterEach(cleanup);

const ROW = 50;
const VIEW = 400;
const items = Array.from({ length: 10_000 }, (_, i) => ({ n: i }));

/** A scroller of VIEW px (jsdom has no layout: its height is given, rows count at the estimate). */
function renderList() {
  const result = render(() => (
    <div
      data-testid="scroller"
      style={{ 'overflow-y': 'auto' }}
      ref={(el) => {
        Object.defineProperty(el, 'clientHeight', { value: VIEW });
        Object.defineProperty(el, 'scrollTop', { value: 0, writable: true });
      }}
    >
      <VirtualRows items={items} estimate={ROW} testId="rows">
        {(it) => (
          <button type="button" data-n={it.n}>
            Row {it.n}
          </button>
        )}
      </VirtualRows>
    </div>
  ));
  const scroller = screen.getByTestId('scroller');
  const list = screen.getByTestId('rows');
  // The layout jsdom lacks: the list starts at the scroller's top and moves up as it scrolls.
  list.getBoundingClientRect = () => DOMRect.fromRect({ x: 0, y: -scroller.scrollTop, width: 360, height: 0 });
  const rows = () => [...list.querySelectorAll(':scope > li')];
  const shown = () => rows().map((li) => Number(li.getAttribute('aria-posinset')));
  const scrollTo = (top: number) => {
    scroller.scrollTop = top;
    fireEvent.scroll(scroller);
  };
  return { result, scroller, list, rows, shown, scrollTo };
}

describe('VirtualRows', () => {
  it('renders only the window in view plus overscan, with the full list’s size and positions', () => {
    const { list, rows, shown } = renderList();
    const inView = VIEW / ROW;
    expect(rows().length).toBeGreaterThanOrEqual(inView);
    expect(rows().length).toBeLessThanOrEqual(inView + 1 + OVERSCAN * 2);
    expect(shown()[0]).toBe(1);
    for (const li of rows()) expect(li).toHaveAttribute('aria-setsize', '10000');
    // Consecutive positions, matching the content.
    rows().forEach((li, i) => {
      expect(li).toHaveAttribute('aria-posinset', String(i + 1));
      expect(li.querySelector('button')).toHaveTextContent(`Row ${i}`);
    });
    // Spacers keep the whole list's height: nothing above, the rest below.
    expect(list.style.paddingTop).toBe('0px');
    expect(list.style.paddingBottom).toBe(`${(10_000 - rows().length) * ROW}px`);
  });

  it('moves the window with the scroll, keeping positions and the spacers right', () => {
    const { list, rows, shown, scrollTo } = renderList();
    scrollTo(5_000 * ROW);
    const first = shown()[0] as number;
    expect(first).toBe(5_000 + 1 - OVERSCAN);
    expect(rows().length).toBeLessThanOrEqual(VIEW / ROW + 1 + OVERSCAN * 2);
    rows().forEach((li, i) => expect(li.querySelector('button')).toHaveTextContent(`Row ${first - 1 + i}`));
    expect(list.style.paddingTop).toBe(`${(first - 1) * ROW}px`);
    const last = shown().at(-1) as number;
    expect(list.style.paddingBottom).toBe(`${(10_000 - last) * ROW}px`);
    scrollTo(10_000 * ROW);
    expect(shown().at(-1)).toBe(10_000);
    expect(screen.queryByText('Row 0')).toBeNull();
  });

  it('ArrowDown/ArrowUp/End/Home move focus row to row, rendering rows outside the window first', () => {
    const { rows, shown } = renderList();
    const button = (n: number) => document.querySelector<HTMLButtonElement>(`button[data-n="${n}"]`);
    button(0)?.focus();
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(button(1));
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(button(0));
    // Up from the first row stays there.
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(button(0));
    fireEvent.keyDown(document.activeElement as Element, { key: 'End' });
    expect(document.activeElement).toBe(button(9_999));
    expect(document.activeElement?.closest('li')).toHaveAttribute('aria-posinset', '10000');
    expect(shown()).toContain(10_000);
    expect(button(0)).toBeNull();
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(button(9_998));
    fireEvent.keyDown(document.activeElement as Element, { key: 'Home' });
    expect(document.activeElement).toBe(button(0));
    expect(rows().length).toBeLessThanOrEqual(VIEW / ROW + 1 + OVERSCAN * 2);
  });

  it('follows a list that changes: its size, positions and spacers', () => {
    const [list, setList] = createSignal(items.slice(0, 3));
    render(() => (
      <VirtualRows items={list()} estimate={ROW} testId="few">
        {(it) => <span>Row {it.n}</span>}
      </VirtualRows>
    ));
    const few = screen.getByTestId('few');
    const sizes = () => [...few.querySelectorAll('li')].map((li) => li.getAttribute('aria-setsize'));
    expect(few.querySelectorAll('li')).toHaveLength(3);
    expect(sizes()).toEqual(['3', '3', '3']);
    expect(few.style.paddingBottom).toBe('0px');
    setList(items.slice(0, 1_000));
    const n = few.querySelectorAll('li').length;
    expect(n).toBeLessThan(40);
    expect(new Set(sizes())).toEqual(new Set(['1000']));
    expect(few.style.paddingBottom).toBe(`${(1_000 - n) * ROW}px`);
    setList(items.slice(0, 2));
    expect(sizes()).toEqual(['2', '2']);
  });
});
