/**
 * The current time as a signal that moves only when something can change:
 * every second while a countdown is on screen, otherwise exactly at the next
 * lifecycle transition (never sleeping longer than a minute, in case the
 * system clock jumped or the device slept). refresh() re-reads the clock
 * (tab shown again, tests with a manual clock). Whether the page is shown
 * comes through the visibility port: src/state touches no DOM.
 */
import { createEffect, createSignal, onCleanup, type Accessor } from 'solid-js';
import type { Clock } from '../domain';
import type { VisibilityPort } from '../platform/alertPorts';

const MAX_SLEEP_MS = 60_000;

export interface NowSignal {
  readonly now: Accessor<number>;
  refresh(): void;
}

/** createX: reactive; its timer and its visibility listener end with the owning scope. */
export function createNow(
  clock: Clock,
  nextAt: Accessor<number | undefined>,
  everySecond: Accessor<boolean>,
  visibility: VisibilityPort,
): NowSignal {
  // equals:false: a tick always re-runs the scheduler, even if a manual clock stood still.
  const [now, setNow] = createSignal(clock.now(), { equals: false });
  const refresh = () => setNow(clock.now());

  createEffect(() => {
    now();
    const next = nextAt();
    // Measure from the clock, not the signal: the signal may be older than this run.
    const t = clock.now();
    let delay = MAX_SLEEP_MS;
    if (everySecond()) delay = 1000 - (t % 1000);
    else if (next !== undefined) delay = Math.min(MAX_SLEEP_MS, Math.max(0, next - t));
    const timer = setTimeout(refresh, delay);
    onCleanup(() => clearTimeout(timer));
  });

  // Background tabs throttle timers; catch up the moment the page is shown.
  onCleanup(visibility.onChange((hidden) => !hidden && refresh()));
  return { now, refresh };
}
