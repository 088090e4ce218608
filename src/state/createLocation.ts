/**
 * "Share my location with the app": off unless the user turns it on; then
 * the position is watched for distances and kept in memory only. Turning it
 * off stops the watch and forgets the position.
 */
import { createEffect, createSignal, onCleanup, type Accessor } from 'solid-js';
import type { LocationError, LocationFix, LocationSource } from '../platform/geolocation';
import type { SettingsStore } from '../platform/settingsStore';

export interface LocationSlice {
  readonly sharing: Accessor<boolean>;
  setSharing(on: boolean): void;
  readonly position: Accessor<LocationFix | undefined>;
  readonly error: Accessor<LocationError | undefined>;
}

export function createLocation(source: LocationSource, settings: SettingsStore): LocationSlice {
  const [sharing, setSharingSignal] = createSignal(settings.load().shareLocation);
  const [position, setPosition] = createSignal<LocationFix | undefined>();
  const [error, setError] = createSignal<LocationError | undefined>();

  createEffect(() => {
    if (!sharing()) return;
    setError(undefined);
    const stop = source(
      (fix) => {
        setError(undefined);
        setPosition(fix);
      },
      (e) => setError(e),
    );
    onCleanup(() => {
      stop();
      setPosition(undefined);
    });
  });

  return {
    sharing,
    setSharing(on) {
      setSharingSignal(on);
      settings.save({ shareLocation: on });
    },
    position,
    error,
  };
}
