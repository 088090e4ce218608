import { createRoot, createSignal } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNow } from '../../../src/state/createNow';

const T0 = Date.UTC(2025, 5, 1, 12, 0, 0);
const clock = { now: () => Date.now() };

// Effects start when a root's setup returns, so each test drives the clock from outside the root.
describe('createNow', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: T0 }));
  afterEach(() => vi.useRealTimers());

  it('wakes exactly at the next transition, then every second while a countdown shows', () => {
    const [next, setNext] = createSignal<number | undefined>(T0 + 5_000);
    const [seconds, setSeconds] = createSignal(false);
    const { now, dispose } = createRoot((dispose) => ({ ...createNow(clock, next, seconds), dispose }));
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
    const { now, dispose } = createRoot((dispose) => ({ ...createNow(clock, () => undefined, () => false), dispose }));
    vi.advanceTimersByTime(59_999);
    expect(now()).toBe(T0);
    vi.advanceTimersByTime(1);
    expect(now()).toBe(T0 + 60_000);
    dispose();
    vi.advanceTimersByTime(120_000);
    expect(now()).toBe(T0 + 60_000);
    expect(vi.getTimerCount()).toBe(0);
  });
});
