import { createRoot, createSignal } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ALWAYS_VISIBLE, type VisibilityPort } from '../../../src/platform/alertPorts';
import { createNow } from '../../../src/state/createNow';

const T0 = Date.UTC(2025, 5, 1, 12, 0, 0);
const clock = { now: () => Date.now() };

/** A page whose visibility the test flips; counts its listeners. */
function fakeVisibility() {
  const listeners = new Set<(hidden: boolean) => void>();
  const port: VisibilityPort = {
    hidden: () => false,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { port, listeners, show: (hidden: boolean) => listeners.forEach((l) => l(hidden)) };
}

// Effects start when a root's setup returns, so each test drives the clock from outside the root.
describe('createNow', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: T0 }));
  afterEach(() => vi.useRealTimers());

  it('wakes exactly at the next transition, then every second while a countdown shows', () => {
    const [next, setNext] = createSignal<number | undefined>(T0 + 5_000);
    const [seconds, setSeconds] = createSignal(false);
    const { now, dispose } = createRoot((dispose) => ({ ...createNow(clock, next, seconds, ALWAYS_VISIBLE), dispose }));
    vi.advanceTimersByTime(4_999);
    expect(now()).toBe(T0);
    vi.advanceTimersByTime(1);
    expect(now()).toBe(T0 + 5_000);

    setNext(undefined);
    setSeconds(true);
    vi.advanceTimersByTime(999);
    expect(now()).toBe(T0 + 5_000);
    vi.advanceTimersByTime(1);
    expect(now()).toBe(T0 + 6_000);
    vi.advanceTimersByTime(1_000);
    expect(now()).toBe(T0 + 7_000);
    dispose();
  });

  it('sleeps at most a minute when nothing is due, and stops when disposed', () => {
    const { now, dispose } = createRoot((dispose) => ({
      ...createNow(
        clock,
        () => undefined,
        () => false,
        ALWAYS_VISIBLE,
      ),
      dispose,
    }));
    vi.advanceTimersByTime(59_999);
    expect(now()).toBe(T0);
    vi.advanceTimersByTime(1);
    expect(now()).toBe(T0 + 60_000);
    dispose();
    vi.advanceTimersByTime(120_000);
    expect(now()).toBe(T0 + 60_000);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('re-reads the clock when the page is shown again (through the visibility port), not when hidden', () => {
    const page = fakeVisibility();
    const { now, dispose } = createRoot((dispose) => ({
      ...createNow(
        clock,
        () => undefined,
        () => false,
        page.port,
      ),
      dispose,
    }));
    // Time moved without a timer firing (a throttled background tab).
    vi.setSystemTime(T0 + 30_000);
    page.show(true);
    expect(now()).toBe(T0);
    page.show(false);
    expect(now()).toBe(T0 + 30_000);
    expect(page.listeners.size).toBe(1);
    dispose();
    expect(page.listeners.size).toBe(0);
  });
});
