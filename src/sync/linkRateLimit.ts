/**
 * A token bucket: `burst` units at once, refilled at `perSecond`. Each phone
 * link has two on the way in (frames and UTF-8 bytes, protocol §15.6): a peer
 * over either is cut. The sender keeps a smaller pair of its own, so an honest
 * phone paces itself under what its peer allows. Time is read from `now`, so
 * tests move it by hand; nothing here runs a timer.
 */
export interface TokenBucket {
  /** Takes `n` units if they are there (true), or takes nothing (false). */
  take(n: number): boolean;
  /** Milliseconds until `n` units are there (0: now; Infinity: never, `n` is over the burst). */
  waitMs(n: number): number;
}

export function createTokenBucket(burst: number, perSecond: number, now: () => number): TokenBucket {
  let level = burst;
  let at = now();
  const refill = () => {
    const t = now();
    level = Math.min(burst, level + ((t - at) * perSecond) / 1000);
    at = t;
  };
  return {
    take(n) {
      refill();
      if (level < n) return false;
      level -= n;
      return true;
    },
    waitMs(n) {
      if (n > burst) return Infinity;
      refill();
      return level >= n ? 0 : Math.ceil(((n - level) * 1000) / perSecond);
    },
  };
}
