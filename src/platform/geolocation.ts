/**
 * The device's own position, for distances only. It stays on the device:
 * nothing here publishes or stores it. Feature-detected; every failure is a
 * named reason the UI can explain.
 */

export interface LocationFix {
  readonly lat: number;
  readonly lon: number;
  /** Metres (95% radius), as the browser reports it. */
  readonly accuracy: number;
}

export type LocationError = 'unsupported' | 'denied' | 'unavailable' | 'timeout';

/** Starts watching; returns the function that stops it. */
export type LocationSource = (onFix: (fix: LocationFix) => void, onError: (e: LocationError) => void) => () => void;

function reason(err: GeolocationPositionError): LocationError {
  if (err.code === err.PERMISSION_DENIED) return 'denied';
  if (err.code === err.TIMEOUT) return 'timeout';
  return 'unavailable';
}

/** Watches the browser's position (makeX style: not reactive, returns its cleanup). */
export const watchLocation: LocationSource = (onFix, onError) => {
  const geo = typeof navigator !== 'undefined' ? navigator.geolocation : undefined;
  // Geolocation only exists in secure contexts (https or localhost).
  if (!geo || (typeof isSecureContext === 'boolean' && !isSecureContext)) {
    queueMicrotask(() => onError('unsupported'));
    return () => {};
  }
  const id = geo.watchPosition(
    (p) => onFix({ lat: p.coords.latitude, lon: p.coords.longitude, accuracy: p.coords.accuracy }),
    (e) => onError(reason(e)),
    // Coarse is enough for "how far"; it saves battery and is quicker indoors.
    { enableHighAccuracy: false, maximumAge: 60_000, timeout: 30_000 },
  );
  return () => geo.clearWatch(id);
};
