/**
 * How far this device's clock is off, estimated from the times relays tell
 * it (protocol §1.1). Pure, so it is tested with hostile samples: a relay
 * that lies by hours, slow round trips, no samples at all. Each sample is
 * corrected for its round trip (the relay read its clock about half-way);
 * each relay counts once (the median of its own recent samples); the relays'
 * estimates are combined by their median, taking the one nearer zero when
 * two are in the middle; and the result is capped, so one lying relay
 * moves this device's clock by at most CLOCK_SYNC.maxCorrectionMs.
 */

/** The bounds of protocol §1.1; docs/protocol.md lists the same numbers. */
export const CLOCK_SYNC = {
  /** Offsets within this are left alone (ordinary clocks, round-trip noise). */
  toleranceMs: 60_000,
  /** No correction is ever larger than this, whatever relays say. */
  maxCorrectionMs: 3_600_000,
  /** A sample whose round trip took longer says too little about the time. */
  maxRoundTripMs: 5_000,
  /** Samples kept per relay (the newest). */
  samplesPerRelay: 5,
  /** Samples older than this (by this device's clock) are forgotten. */
  maxSampleAgeMs: 15 * 60_000,
  /** How often a relay is asked again while its link is open. */
  askEveryMs: 60_000,
} as const;

/** One answer of a relay: when this device asked and heard back (its own clock) and the relay's time. */
export interface TimeSample {
  /** The relay's address, so each relay counts once. */
  readonly relay: string;
  /** This device's clock when it asked (ms since the epoch). */
  readonly sentAt: number;
  /** This device's clock when the answer arrived. */
  readonly receivedAt: number;
  /** The relay's clock as it answered. */
  readonly relayTime: number;
}

/** What the samples say. */
export interface OffsetEstimate {
  /** Relay time minus this device's time (ms): positive when this clock is slow. After the cap. */
  readonly offsetMs: number;
  /** The estimate before the cap (what relays said). */
  readonly measuredMs: number;
  /** Relays that contributed. */
  readonly relays: number;
  /** True when the cap cut it down. */
  readonly capped: boolean;
}

/** The sample's offset (relay minus device, at the middle of the round trip), or undefined if unusable. */
export function sampleOffset(s: TimeSample): number | undefined {
  const rtt = s.receivedAt - s.sentAt;
  if (![s.sentAt, s.receivedAt, s.relayTime].every(Number.isFinite)) return undefined;
  if (rtt < 0 || rtt > CLOCK_SYNC.maxRoundTripMs) return undefined;
  return s.relayTime - (s.sentAt + rtt / 2);
}

function median(sorted: readonly number[]): number {
  const n = sorted.length;
  if (n % 2 === 1) return sorted[(n - 1) / 2]!;
  const a = sorted[n / 2 - 1]!;
  const b = sorted[n / 2]!;
  // Between two middle values, the smaller correction: two disagreeing relays move the clock least.
  return Math.abs(a) <= Math.abs(b) ? a : b;
}

/** The samples worth keeping at `now`: usable, recent, the newest few per relay. */
export function keptSamples(samples: Iterable<TimeSample>, now: number): TimeSample[] {
  const byRelay = new Map<string, TimeSample[]>();
  for (const s of samples) {
    if (sampleOffset(s) === undefined || now - s.receivedAt > CLOCK_SYNC.maxSampleAgeMs) continue;
    const list = byRelay.get(s.relay) ?? byRelay.set(s.relay, []).get(s.relay)!;
    list.push(s);
  }
  const out: TimeSample[] = [];
  for (const list of byRelay.values())
    out.push(...list.sort((a, b) => a.receivedAt - b.receivedAt).slice(-CLOCK_SYNC.samplesPerRelay));
  return out;
}

/** The offset the recent samples support at `now`; undefined with no usable sample. */
export function estimateOffset(samples: Iterable<TimeSample>, now: number): OffsetEstimate | undefined {
  const byRelay = new Map<string, number[]>();
  for (const s of keptSamples(samples, now)) {
    const list = byRelay.get(s.relay) ?? byRelay.set(s.relay, []).get(s.relay)!;
    list.push(sampleOffset(s)!);
  }
  if (byRelay.size === 0) return undefined;
  const perRelay = [...byRelay.values()].map((l) => median(l.sort((a, b) => a - b)));
  const measuredMs = Math.round(median(perRelay.sort((a, b) => a - b)));
  const cap = CLOCK_SYNC.maxCorrectionMs;
  const offsetMs = Math.max(-cap, Math.min(cap, measuredMs));
  return { offsetMs, measuredMs, relays: byRelay.size, capped: offsetMs !== measuredMs };
}

/** The correction to apply: the estimate when it is beyond the tolerance, else none. */
export function correctionOf(estimate: OffsetEstimate | undefined): number {
  if (!estimate || Math.abs(estimate.offsetMs) <= CLOCK_SYNC.toleranceMs) return 0;
  return estimate.offsetMs;
}
