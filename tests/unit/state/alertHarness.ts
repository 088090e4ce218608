/**
 * Fake alert ports (notifications, vibration/sound, wake lock, visibility) that
 * record what the store asked of them, and a device builder that wires them in.
 */
import { createMemorySettingsStore, type Settings } from '../../../src/platform/settingsStore';
import type {
  NotificationPort,
  NotifyPermission,
  SignalPort,
  SystemNotice,
  VisibilityPort,
  WakeLockPort,
  WakeLockState,
} from '../../../src/platform/alertPorts';
import { createMemoryFallbackStore, type FallbackStore } from '../../../src/platform/fallbackStore';
import type { LocationSource } from '../../../src/platform/geolocation';
import type { VadaDeps } from '../../../src/state';
import { makeDevice, type Device, type World } from '../../fixtures/vadaHarness';

export interface FakePorts {
  readonly notifications: NotificationPort;
  readonly signals: SignalPort;
  readonly wakeLock: WakeLockPort;
  readonly visibility: VisibilityPort;
  readonly shown: SystemNotice[];
  readonly vibrations: number[][];
  readonly beeps: ('urgent' | 'normal')[];
  readonly wake: { acquired: number; released: number; emit(state: WakeLockState): void };
  setHidden(hidden: boolean): void;
  /** Plays the user tapping a system notification. */
  tap(point: string): void;
}

export function fakePorts(
  opts: { permission?: NotifyPermission; hidden?: boolean; canVibrate?: boolean } = {},
): FakePorts {
  const shown: SystemNotice[] = [];
  const vibrations: number[][] = [];
  const beeps: ('urgent' | 'normal')[] = [];
  let hidden = opts.hidden ?? false;
  const openers = new Set<(point: string) => void>();
  const wakeListeners = new Set<(s: WakeLockState) => void>();
  const wake = { acquired: 0, released: 0, emit: (s: WakeLockState) => wakeListeners.forEach((l) => l(s)) };
  const permission = opts.permission ?? 'granted';
  const canVibrate = opts.canVibrate ?? true;
  return {
    notifications: {
      permission: () => permission,
      request: () => Promise.resolve(permission),
      show: (n) => {
        shown.push(n);
        return Promise.resolve(permission === 'granted' ? 'shown' : 'denied');
      },
      onOpen: (open) => (openers.add(open), () => openers.delete(open)),
    },
    signals: {
      canVibrate,
      vibrate: (p) => (vibrations.push([...p]), canVibrate),
      beep: (k) => (beeps.push(k), Promise.resolve(true)),
    },
    wakeLock: {
      supported: true,
      acquire: () => (wake.acquired++, Promise.resolve('on')),
      release: () => (wake.released++, Promise.resolve()),
      onChange: (l) => (wakeListeners.add(l), () => wakeListeners.delete(l)),
    },
    visibility: { hidden: () => hidden, onChange: () => () => undefined },
    shown,
    vibrations,
    beeps,
    wake,
    setHidden: (h) => void (hidden = h),
    tap: (point) => openers.forEach((o) => o(point)),
  };
}

/** A location source that reports one fixed position as soon as it is watched. */
export const fixedLocation =
  (lat: number, lon: number): LocationSource =>
  (onFix) => {
    onFix({ lat, lon, accuracy: 10 });
    return () => undefined;
  };

export interface AlertDevice extends Device {
  readonly ports: FakePorts;
  readonly fallbacks: FallbackStore;
}

export async function alertDevice(
  world: World,
  opts: { ports?: FakePorts; settings?: Partial<Settings>; overrides?: Partial<VadaDeps> } = {},
): Promise<AlertDevice> {
  const ports = opts.ports ?? fakePorts();
  const fallbacks = createMemoryFallbackStore();
  const d = await makeDevice(world, {
    notifications: ports.notifications,
    signals: ports.signals,
    wakeLock: ports.wakeLock,
    visibility: ports.visibility,
    fallbackStore: fallbacks,
    settings: createMemorySettingsStore(opts.settings),
    ...opts.overrides,
  });
  return { ...d, ports, fallbacks };
}
