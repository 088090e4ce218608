/** The clock offset estimate from relays' answers: round trips, medians, hostile relays, bounds. */
import { describe, expect, it } from 'vitest';
import {
  CLOCK_SYNC,
  correctionOf,
  estimateOffset,
  keptSamples,
  sampleOffset,
  type TimeSample,
} from '../../../src/domain/clockOffset';
import { makeCorrectedClock, makeManualClock } from '../../../src/domain/clock';

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
const MIN = 60_000;

/** A relay whose clock reads `offset` ms ahead of this device, answering after `rtt` ms (read half-way). */
function sample(relay: string, offset: number, rtt = 100, sentAt = NOW - rtt): TimeSample {
  return { relay, sentAt, receivedAt: sentAt + rtt, relayTime: sentAt + rtt / 2 + offset };
}

describe('sampleOffset', () => {
  it('corrects for the round trip: the relay read its clock half-way', () => {
    // Asked at 0, answered at 800 with relay time 10 min + 400: the relay is exactly 10 min ahead.
    expect(sampleOffset({ relay: 'a', sentAt: 0, receivedAt: 800, relayTime: 10 * MIN + 400 })).toBe(10 * MIN);
    // Without the correction it would read 10 min − 400 ms (against the arrival) or + 400 ms (the sending).
    expect(sampleOffset(sample('a', -10 * MIN, 2_000))).toBe(-10 * MIN);
  });

  it('refuses samples that say too little: negative or slow round trips, non-numbers', () => {
    expect(sampleOffset({ relay: 'a', sentAt: 1000, receivedAt: 999, relayTime: 5 })).toBeUndefined();
    expect(sampleOffset(sample('a', 0, CLOCK_SYNC.maxRoundTripMs + 1))).toBeUndefined();
    expect(sampleOffset({ relay: 'a', sentAt: 0, receivedAt: 10, relayTime: Number.NaN })).toBeUndefined();
    expect(sampleOffset(sample('a', 0, CLOCK_SYNC.maxRoundTripMs))).toBe(0);
  });
});

describe('estimateOffset', () => {
  it('gives nothing, and no correction, without samples', () => {
    expect(estimateOffset([], NOW)).toBeUndefined();
    expect(correctionOf(estimateOffset([], NOW))).toBe(0);
    // Only unusable or old samples count as none.
    const old = sample('a', 10 * MIN, 100, NOW - CLOCK_SYNC.maxSampleAgeMs - 1_000);
    expect(estimateOffset([old, sample('b', MIN, 60_000)], NOW)).toBeUndefined();
  });

  it('takes the median of one relay’s recent samples, so one odd answer does not move it', () => {
    const samples = [9, 10, 10, 11, 300].map((m, i) => sample('a', m * MIN, 100, NOW - 5_000 + i * 1_000));
    expect(estimateOffset(samples, NOW)).toEqual({
      offsetMs: 10 * MIN,
      measuredMs: 10 * MIN,
      relays: 1,
      capped: false,
    });
  });

  it('keeps only the newest samples of each relay', () => {
    const stale = [1, 2, 3].map((i) => sample('a', 50 * MIN, 100, NOW - 60_000 + i));
    const fresh = [1, 2, 3, 4, 5].map((i) => sample('a', -10 * MIN, 100, NOW - 10_000 + i));
    const kept = keptSamples([...stale, ...fresh], NOW);
    expect(kept).toHaveLength(CLOCK_SYNC.samplesPerRelay);
    expect(estimateOffset([...stale, ...fresh], NOW)?.offsetMs).toBe(-10 * MIN);
  });

  it('counts each relay once: a relay answering often cannot outvote the others', () => {
    const liar = Array.from({ length: 20 }, (_, i) => sample('liar', 3 * 3_600_000, 100, NOW - 20_000 + i));
    const honest = [sample('b', 10 * MIN), sample('c', 10 * MIN + 500)];
    const e = estimateOffset([...liar, ...honest], NOW);
    expect(e?.relays).toBe(3);
    expect(e?.offsetMs).toBe(10 * MIN + 500);
  });

  it('between two relays that disagree, takes the smaller correction', () => {
    const e = estimateOffset([sample('honest', -10 * MIN), sample('liar', -5 * 3_600_000)], NOW);
    expect(e?.offsetMs).toBe(-10 * MIN);
    expect(estimateOffset([sample('honest', 0), sample('liar', 4 * 3_600_000)], NOW)?.offsetMs).toBe(0);
  });

  it('a single relay lying by hours moves the clock by at most the bound, and says it was capped', () => {
    for (const lie of [5 * 3_600_000, -5 * 3_600_000, 1e15]) {
      const e = estimateOffset([sample('liar', lie)], NOW);
      expect(Math.abs(e!.offsetMs)).toBe(CLOCK_SYNC.maxCorrectionMs);
      expect(Math.sign(e!.offsetMs)).toBe(Math.sign(lie));
      expect(e!.capped).toBe(true);
      expect(Math.abs(correctionOf(e))).toBeLessThanOrEqual(CLOCK_SYNC.maxCorrectionMs);
    }
  });

  it('leaves offsets within the tolerance alone and corrects beyond it', () => {
    expect(correctionOf(estimateOffset([sample('a', CLOCK_SYNC.toleranceMs)], NOW))).toBe(0);
    expect(correctionOf(estimateOffset([sample('a', -30_000)], NOW))).toBe(0);
    expect(correctionOf(estimateOffset([sample('a', CLOCK_SYNC.toleranceMs + 1_000)], NOW))).toBe(
      CLOCK_SYNC.toleranceMs + 1_000,
    );
    expect(correctionOf(estimateOffset([sample('a', -10 * MIN)], NOW))).toBe(-10 * MIN);
  });
});

describe('makeCorrectedClock', () => {
  it('adds the correction to the local clock and keeps the local one for measuring', () => {
    const local = makeManualClock(NOW);
    const c = makeCorrectedClock(local);
    expect(c.now()).toBe(NOW);
    c.setOffset(-10 * MIN);
    expect(c.now()).toBe(NOW - 10 * MIN);
    expect(c.local.now()).toBe(NOW);
    c.setOffset(Number.NaN);
    expect(c.offset()).toBe(0);
  });
});

describe('docs/protocol.md §1.1', () => {
  it('lists the same bounds as CLOCK_SYNC', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../../../docs/protocol.md', import.meta.url), 'utf8');
    const section = doc.slice(doc.indexOf('### 1.1 Relay time'), doc.indexOf('## 2. Graph namespace'));
    const rows = new Map([...section.matchAll(/^\| `(\w+)` \| (\d+) \|/gm)].map((m) => [m[1], Number(m[2])]));
    expect(Object.fromEntries(rows)).toEqual({ ...CLOCK_SYNC });
  });
});
