/**
 * The time a phone link runs on, injected so tests drive keep-alive and
 * silence with fake timers instead of waiting 30 s. A link holds at most two
 * timers: its keep-alive wake-up and, only while it has frames to send, its
 * pacing wake-up; an idle link never polls.
 */
export interface LinkTimers {
  /** Milliseconds, for keep-alive, silence and rate buckets. */
  now(): number;
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** The global setTimeout and Date.now (read at call time, so fake timers installed later apply). */
export const systemLinkTimers: LinkTimers = {
  now: () => Date.now(),
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};
