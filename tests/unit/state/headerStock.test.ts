/**
 * createHeaderStock: a header mined ahead is handed out once while fresh; a
 * stale one, one dated ahead of the clock, or one for another circle or kind
 * is replaced by a header mined at take() time.
 */
import '../../fixtures/realmSafeCrypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CircleId } from '../../../src/domain/brand';
import { makeManualClock } from '../../../src/domain/clock';
import type { Identity } from '../../../src/protocol/identity';
import { hasWork } from '../../../src/protocol/pow';
import { createHeaderStock, PREMINED_MAX_AGE_MS } from '../../../src/state/createHeaderStock';
import { fakeIdentity } from '../../fixtures/fakeIdentity';

const T = Date.UTC(2025, 5, 1, 12);
const A = 'AAAAAAAAAAAAAAAAAAAAAA' as CircleId;
const B = 'BBBBBBBBBBBBBBBBBBBBBB' as CircleId;
let alice: Identity;
beforeAll(async () => {
  alice = await fakeIdentity('alice');
});

/** A stock whose "later" runs when the test says so. */
function stock() {
  const clock = makeManualClock(T);
  const queued: (() => void)[] = [];
  const delays: number[] = [];
  const s = createHeaderStock({
    identity: alice,
    clock,
    later: (run, delayMs) => {
      queued.push(run);
      delays.push(delayMs);
    },
  });
  const runLater = () => queued.splice(0).forEach((run) => run());
  return { s, clock, queued, delays, runLater };
}

describe('createHeaderStock', () => {
  it('mines later, not in prepare(); take() then hands out that header once', () => {
    const { s, clock, queued, delays, runLater } = stock();
    s.prepare(A, 'point');
    expect(queued).toHaveLength(1);
    // At once unless asked to wait (after a publish: MINE_AFTER_PUBLISH_MS).
    s.prepare(A, 'point', 1000);
    expect(delays).toEqual([0, 1000]);
    runLater();
    clock.advance(30_000);
    const first = s.take(A, 'point');
    expect(first.t).toBe(T);
    expect(hasWork(first)).toBe(true);
    const second = s.take(A, 'point');
    expect(second.t).toBe(T + 30_000);
    expect(second.n).not.toBe(first.n);
  });

  it('keeps a fresh header when asked again, and uses one exactly at the age limit', () => {
    const { s, clock, runLater } = stock();
    s.prepare(A, 'point');
    runLater();
    clock.advance(10_000);
    s.prepare(A, 'point');
    runLater();
    clock.set(T + PREMINED_MAX_AGE_MS);
    expect(s.take(A, 'point').t).toBe(T);
  });

  it('re-mines a header older than the limit', () => {
    const { s, clock, runLater } = stock();
    s.prepare(A, 'point');
    runLater();
    clock.set(T + PREMINED_MAX_AGE_MS + 1);
    expect(s.take(A, 'point').t).toBe(T + PREMINED_MAX_AGE_MS + 1);
  });

  it('re-mines a header dated after the clock (the clock was corrected back)', () => {
    const { s, clock, runLater } = stock();
    s.prepare(A, 'point');
    runLater();
    clock.set(T - 5_000);
    expect(s.take(A, 'point').t).toBe(T - 5_000);
  });

  it('re-mines for another circle or kind, and keeps each circle’s own header', () => {
    const { s, clock, runLater } = stock();
    s.prepare(A, 'point');
    runLater();
    clock.advance(1_000);
    const forB = s.take(B, 'point');
    expect(forB).toMatchObject({ c: B, t: T + 1_000 });
    const alert = s.take(A, 'alert');
    expect(alert).toMatchObject({ c: A, k: 'alert', t: T + 1_000 });
    expect(s.take(A, 'point')).toMatchObject({ c: A, k: 'point', t: T });
  });

  it('a prepare() whose slot was refreshed meanwhile mines nothing more', () => {
    const { s, clock, runLater } = stock();
    s.prepare(A, 'point');
    s.prepare(A, 'point');
    runLater();
    clock.advance(1);
    const h = s.take(A, 'point');
    expect(h.t).toBe(T);
    expect(s.take(A, 'point').t).toBe(T + 1);
  });
});
