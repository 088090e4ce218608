/**
 * Record headers mined ahead of time, so publishing does not wait for the
 * proof of work (docs/protocol.md §4.4: the work covers only the header
 * v, c, k, t, a, n — never the payload). A header is mined when asked to
 * prepare (the propose sheet opens, the draft's circle changes, a point was
 * just published) and handed out once by take(). Its `t` is the time it was
 * mined, which becomes the record's created time; a header older than
 * PREMINED_MAX_AGE_MS (or dated ahead of the clock, after a clock correction),
 * or for another circle or kind, is not used: take() mines a new one on the
 * spot, exactly as sealing did before. Receivers check `t` only against
 * their own clock (future-dated, expired) and a point's start against `t`
 * (at most startBehindMs before it): a header a minute or two old passes both.
 */
import { LIMITS, type CircleId, type Clock, type RecordKind } from '../domain';
import type { Identity } from '../protocol/identity';
import { mineHeader, type MinedHeader } from '../protocol/sealRecord';

/**
 * How old a kept header may be when used: two minutes, as much as a phone's
 * clock may run ahead of a receiver's (futureSkewMs) and well inside the five
 * minutes a point's start may lie before its created time.
 */
export const PREMINED_MAX_AGE_MS = LIMITS.futureSkewMs;

/**
 * How long after a publish the next header is mined. Mining is 1.7 ms at the median here but up to
 * 20 ms (the work is luck), on the page's thread: right after Publish it would compete with the
 * sheet closing, the new marker and the send itself (on one machine, with the relay and the other
 * phone too: bench:propose). A second proposal needs its sheet opened first, which mines at once.
 */
export const MINE_AFTER_PUBLISH_MS = 1000;

export interface HeaderStock {
  /**
   * Mines a header for a `kind` record in `circle` soon (off the caller's task; after `delayMs` when
   * given) unless a fresh one is kept by then.
   */
  prepare(circle: CircleId, kind: RecordKind, delayMs?: number): void;
  /** A header for `kind` in `circle`: the kept one when fresh, else one mined now. Each is handed out once. */
  take<K extends RecordKind>(circle: CircleId, kind: K): MinedHeader<K>;
}

export function createHeaderStock(deps: {
  identity: Identity;
  clock: Clock;
  /** Runs mining later (default: a timeout of `delayMs`, at least zero, so a click's own task is not delayed). */
  later?: (run: () => void, delayMs: number) => void;
}): HeaderStock {
  const later = deps.later ?? ((run: () => void, delayMs: number) => void setTimeout(run, delayMs));
  const kept = new Map<string, MinedHeader>();
  const slot = (circle: CircleId, kind: RecordKind) => `${circle} ${kind}`;
  const fresh = (h: MinedHeader | undefined): h is MinedHeader => {
    const age = deps.clock.now() - (h?.t ?? -Infinity);
    return age >= 0 && age <= PREMINED_MAX_AGE_MS;
  };
  return {
    prepare(circle, kind, delayMs = 0) {
      later(() => {
        if (fresh(kept.get(slot(circle, kind)))) return;
        kept.set(slot(circle, kind), mineHeader(deps.identity, circle, kind, deps.clock.now()));
      }, delayMs);
    },
    take<K extends RecordKind>(circle: CircleId, kind: K): MinedHeader<K> {
      const key = slot(circle, kind);
      const h = kept.get(key);
      kept.delete(key);
      return fresh(h) ? (h as MinedHeader<K>) : mineHeader(deps.identity, circle, kind, deps.clock.now());
    },
  };
}
