/**
 * Protest mode for one followed point: keeps the screen awake (through the
 * wake-lock port, which re-acquires on its own when the page comes back),
 * forces alert vibration on, and gives distance and direction to the point
 * from the user's shared location.
 */
import { createMemo, createSignal, onCleanup, untrack, type Accessor } from 'solid-js';
import { bearingDegrees, distanceMeters, type LatLon, type RecordId } from '../domain';
import type { WakeLockPort, WakeLockState } from '../platform/alertPorts';
import type { ProtestSlice } from './alertTypes';

export interface ProtestDeps {
  readonly wakeLock: WakeLockPort;
  follow(point: RecordId): void;
  /** Where the point is, when it is still on the map. */
  place(point: RecordId): LatLon | undefined;
  readonly position: Accessor<LatLon | undefined>;
}

export function createProtestMode(deps: ProtestDeps): ProtestSlice {
  const [point, setPoint] = createSignal<RecordId | undefined>();
  const [wakeLock, setWakeLock] = createSignal<WakeLockState>('off');
  // Only while protest mode is on: a late 'on' from the port after stop() must not light the indicator.
  const on = () => untrack(point) !== undefined;
  onCleanup(
    deps.wakeLock.onChange((s) => {
      if (on()) setWakeLock(s);
    }),
  );
  onCleanup(() => {
    if (on()) void deps.wakeLock.release();
  });

  const bearing = createMemo(() => {
    const id = point();
    const from = deps.position();
    const to = id === undefined ? undefined : deps.place(id);
    if (!from || !to) return undefined;
    return { meters: distanceMeters(from, to), degrees: bearingDegrees(from, to) };
  });

  return {
    point,
    wakeLock,
    async start(id) {
      deps.follow(id);
      setPoint(id);
      const state = await deps.wakeLock.acquire();
      // stop() (or another start) may have happened while the browser was deciding.
      if (point() === id) setWakeLock(state);
      else if (state === 'on' && point() === undefined) await deps.wakeLock.release();
    },
    async stop() {
      if (point() === undefined) return;
      setPoint(undefined);
      setWakeLock('off');
      await deps.wakeLock.release();
    },
    bearing,
  };
}
