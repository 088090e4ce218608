/**
 * The scanner's frame loop on fake timers: a bounded rate, never two steps at
 * once, a pause even after a slow step, survives a failing step, and nothing
 * runs after stop().
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFrameLoop, type LoopTimers } from '../../../src/platform/frameLoop';

const timers: LoopTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A step that takes `ms` of (fake) time and records when it started and whether it overlapped another. */
function timedStep(durations: (n: number) => number, fail?: (n: number) => boolean) {
  const starts: number[] = [];
  let running = 0;
  let maxRunning = 0;
  const step = async () => {
    const n = starts.length;
    starts.push(Date.now());
    running++;
    maxRunning = Math.max(maxRunning, running);
    await new Promise((r) => setTimeout(r, durations(n)));
    running--;
    if (fail?.(n)) throw new Error('bad frame');
  };
  return { step, starts, maxRunning: () => maxRunning };
}

describe('startFrameLoop', () => {
  it('runs a quick step once per interval, starting at once', async () => {
    const s = timedStep(() => 10);
    const stop = startFrameLoop(s.step, 120, timers);
    await vi.advanceTimersByTimeAsync(1000);
    stop();
    expect(s.starts).toEqual([0, 120, 240, 360, 480, 600, 720, 840, 960]);
    expect(s.maxRunning()).toBe(1);
  });

  it('never overlaps a slow step, and still pauses a quarter interval after it', async () => {
    const s = timedStep(() => 200);
    const stop = startFrameLoop(s.step, 120, timers);
    await vi.advanceTimersByTimeAsync(1000);
    stop();
    // 200 ms of work, then a 30 ms pause (120 / 4): a start every 230 ms.
    expect(s.starts).toEqual([0, 230, 460, 690, 920]);
    expect(s.maxRunning()).toBe(1);
  });

  it('keeps going after a step that throws', async () => {
    const s = timedStep(
      () => 5,
      (n) => n === 1,
    );
    const stop = startFrameLoop(s.step, 100, timers);
    await vi.advanceTimersByTimeAsync(450);
    stop();
    expect(s.starts).toEqual([0, 100, 200, 300, 400]);
  });

  it('calls nothing after stop(), also when stopped during a step or between steps', async () => {
    const during = timedStep(() => 50);
    const stopDuring = startFrameLoop(during.step, 120, timers);
    await vi.advanceTimersByTimeAsync(20);
    stopDuring();
    await vi.advanceTimersByTimeAsync(1000);
    expect(during.starts).toEqual([0]);

    const between = timedStep(() => 10);
    const stopBetween = startFrameLoop(between.step, 120, timers);
    await vi.advanceTimersByTimeAsync(300);
    stopBetween();
    await vi.advanceTimersByTimeAsync(1000);
    expect(between.starts).toEqual([1020, 1140, 1260]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
