/**
 * The visible side of a fresh sync (issue 15): after a relay link opens, while
 * records this device did not have keep arriving, how many points it shows so
 * far — "Syncing… 412 points" in the connection indicator, so a person on a
 * slow network sees that the map is still filling. The number changes at most
 * once a second (the indicator is a polite live region: a screen reader must
 * not read out every record), and it goes away once nothing new arrived for a
 * couple of seconds. Live records arriving later, one by one, show nothing:
 * only the catch-up right after a link opens does. Timers run only while a
 * link just opened or records are arriving, so an idle device has none.
 */
import { createComputed, createSignal, onCleanup, untrack, type Accessor } from 'solid-js';

/** How often the shown number may change (ms). */
export const SYNC_PROGRESS_TICK_MS = 1000;
/** Ticks without a new record after which the sync counts as done. */
const QUIET_TICKS = 2;
/** Ticks after a link opened during which the first new record still starts a sync. */
const FIRST_RECORD_TICKS = 15;

export interface SyncProgress {
  /** Points shown so far while a sync is in progress; undefined otherwise. */
  readonly points: Accessor<number | undefined>;
  /** A record this device did not have arrived from a relay. */
  arrived(): void;
}

/**
 * `links`: how many relay links are open (a rise starts a sync window);
 * `points`: how many points the device shows now (read on ticks, untracked).
 */
export function createSyncProgress(links: Accessor<number>, points: Accessor<number>): SyncProgress {
  const [shown, setShown] = createSignal<number | undefined>();
  let timer: ReturnType<typeof setInterval> | undefined;
  /** Ticks left in which a first record starts a sync (0: no link opened lately). */
  let window = 0;
  let syncing = false;
  let arrivedSinceTick = false;
  let quiet = 0;
  const stop = () => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  };
  // The number is read on ticks only: by then the records of the last second are folded.
  const tick = () => {
    if (!syncing) {
      if (--window <= 0) stop();
      return;
    }
    if (arrivedSinceTick) {
      quiet = 0;
      setShown(untrack(points));
    } else if (++quiet >= QUIET_TICKS) {
      syncing = false;
      window = 0;
      setShown(undefined);
      stop();
    }
    arrivedSinceTick = false;
  };
  const start = () => {
    if (timer === undefined) timer = setInterval(tick, SYNC_PROGRESS_TICK_MS);
  };
  let before = untrack(links);
  createComputed(() => {
    const now = links();
    if (now > before) {
      window = FIRST_RECORD_TICKS;
      start();
    }
    before = now;
  });
  onCleanup(stop);
  return {
    points: shown,
    arrived() {
      if (!syncing && window <= 0) return;
      syncing = true;
      arrivedSinceTick = true;
      start();
    },
  };
}
