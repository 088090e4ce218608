/**
 * Network time: collects the times relays tell (protocol §1.1), estimates
 * how far this device's clock is off (domain/clockOffset) and, beyond the
 * tolerance, moves the store's corrected clock by it, so this device's own
 * records are dated and its points' lifecycle decided by the relays' time,
 * not a phone clock that is minutes off. The last correction stays while
 * no relay answers (offline, the clock is as wrong as it was). The estimate
 * is a signal so the UI can say in words how far the phone's clock is off.
 */
import { createSignal, type Accessor } from 'solid-js';
import {
  correctionOf,
  estimateOffset,
  keptSamples,
  type CorrectedClock,
  type OffsetEstimate,
  type TimeSample,
} from '../domain';

export interface NetworkTimeSlice {
  /** What the relays' recent answers say (reactive); undefined before any usable answer. */
  readonly estimate: Accessor<OffsetEstimate | undefined>;
  /** The correction in force, ms added to this device's clock (reactive); 0 within the tolerance. */
  readonly correction: Accessor<number>;
  /** One relay's answer (from the sync link). */
  add(sample: TimeSample): void;
}

/** `onChange` runs after the correction changed (the store re-reads its clock then). */
export function createNetworkTime(clock: CorrectedClock, onChange: () => void): NetworkTimeSlice {
  const [estimate, setEstimate] = createSignal<OffsetEstimate | undefined>(undefined, {
    equals: (a, b) => a?.offsetMs === b?.offsetMs && a?.relays === b?.relays && a?.capped === b?.capped,
  });
  const [correction, setCorrection] = createSignal(clock.offset());
  let samples: TimeSample[] = [];
  return {
    estimate,
    correction,
    add(sample) {
      const at = clock.local.now();
      samples = keptSamples([...samples, sample], at);
      const e = estimateOffset(samples, at);
      setEstimate(e);
      const next = correctionOf(e);
      if (next === clock.offset()) return;
      clock.setOffset(next);
      setCorrection(next);
      onChange();
    },
  };
}
