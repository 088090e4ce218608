/** Time is injected so that lifecycle code is tested without sleeping. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock tests can move by hand. */
export function makeManualClock(start: number): Clock & { set(t: number): void; advance(ms: number): void } {
  let t = start;
  return {
    now: () => t,
    set: (v) => {
      t = v;
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

/**
 * This device's clock moved by an offset learnt from relays (clockOffset.ts):
 * what records are dated with and what lifecycle decisions read once the
 * device's own clock is known to be off. `local` is the uncorrected clock,
 * which is what round trips are measured with.
 */
export interface CorrectedClock extends Clock {
  readonly local: Clock;
  /** The correction in force (ms added to the local clock); 0 until one is set. */
  offset(): number;
  setOffset(ms: number): void;
}

/** A corrected clock over `local`, starting with no correction. */
export function makeCorrectedClock(local: Clock): CorrectedClock {
  let offset = 0;
  return {
    local,
    now: () => local.now() + offset,
    offset: () => offset,
    setOffset: (ms) => {
      offset = Number.isFinite(ms) ? ms : 0;
    },
  };
}

/** True for a clock made by makeCorrectedClock (so a store does not wrap it twice). */
export function isCorrectedClock(c: Clock): c is CorrectedClock {
  return 'local' in c && typeof (c as Partial<CorrectedClock>).setOffset === 'function';
}
