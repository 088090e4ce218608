/** A token bucket: `burst` tokens at most, refilled at `perSecond`; one per action. */
export class TokenBucket {
  private tokens: number;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private refilled: number,
  ) {
    this.tokens = burst;
  }

  /** Takes a token at time `now` (ms); false when none is left. */
  take(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilled) / 1000) * this.perSecond);
    this.refilled = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
