/**
 * Runs an async step (decode one camera frame) at a bounded rate, never two at
 * once: the next step is scheduled only after the previous one finished. A
 * slow decoder therefore lowers the rate instead of piling up work on the
 * main thread, and there is always a pause between steps for the UI to run.
 */

/** The timer functions the loop uses (fakes in tests). */
export interface LoopTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
  now(): number;
}

export const BROWSER_TIMERS: LoopTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
  now: () => performance.now(),
};

/**
 * Calls `step` now, then again `intervalMs` after each call started, or at
 * least a quarter of `intervalMs` after it finished when it ran long. A step
 * that throws or rejects does not stop the loop. Returns `stop`, after which
 * `step` is never called again.
 */
export function startFrameLoop(
  step: () => Promise<void>,
  intervalMs: number,
  timers: LoopTimers = BROWSER_TIMERS,
): () => void {
  const minGap = intervalMs / 4;
  let stopped = false;
  let timer: unknown;

  const run = async (): Promise<void> => {
    timer = undefined;
    if (stopped) return;
    const started = timers.now();
    try {
      await step();
    } catch {
      // One bad frame is not a reason to stop scanning.
    }
    if (stopped) return;
    const elapsed = timers.now() - started;
    timer = timers.setTimeout(() => void run(), Math.max(intervalMs - elapsed, minGap));
  };

  void run();
  return () => {
    stopped = true;
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
  };
}
