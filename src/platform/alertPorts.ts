/**
 * What the alert code needs from the device, as interfaces, so state and UI
 * never touch browser APIs directly and tests can use fakes. The browser
 * implementations live next to this file (one module per API).
 */

/** A system notification's content; the caller already applied the lock-screen privacy choice. */
export interface SystemNotice {
  readonly title: string;
  readonly body: string;
  /** Same tag replaces the previous notice for the same point instead of stacking. */
  readonly tag: string;
  /** The point to open when the notice is tapped. */
  readonly point: string;
}

export type NotifyPermission = 'granted' | 'denied' | 'default' | 'unsupported';
export type NotifyResult = 'shown' | 'denied' | 'unsupported' | 'failed';

/** System notifications, shown through the service worker registration. */
export interface NotificationPort {
  permission(): NotifyPermission;
  /** Asks the user (only ever from a user gesture). */
  request(): Promise<NotifyPermission>;
  show(notice: SystemNotice): Promise<NotifyResult>;
  /** Calls `open` with a point id when the user taps a notice; returns an unsubscribe. */
  onOpen(open: (point: string) => void): () => void;
}

/** Vibration and an alert sound. */
export interface SignalPort {
  /** False when the device cannot vibrate (no API, or the browser refused). */
  vibrate(pattern: readonly number[]): boolean;
  readonly canVibrate: boolean;
  /** Plays a short generated tone; resolves false when audio is blocked. */
  beep(kind: 'urgent' | 'normal'): Promise<boolean>;
}

export type WakeLockState = 'off' | 'on' | 'unavailable' | 'lost';

/** Keeps the screen on (Screen Wake Lock API), re-acquired when the page becomes visible again. */
export interface WakeLockPort {
  readonly supported: boolean;
  /** Resolves 'on', or 'unavailable' when refused / unsupported. */
  acquire(): Promise<WakeLockState>;
  release(): Promise<void>;
  /** Calls `listener` when the browser released the lock by itself ('lost') or it came back ('on'). */
  onChange(listener: (state: WakeLockState) => void): () => void;
}

/** Whether the page is hidden (another app, locked screen). */
export interface VisibilityPort {
  hidden(): boolean;
  onChange(listener: (hidden: boolean) => void): () => void;
}

/** Fakes that do nothing and say so; the default outside the browser. */
export const NO_NOTIFICATIONS: NotificationPort = {
  permission: () => 'unsupported',
  request: () => Promise.resolve('unsupported'),
  show: () => Promise.resolve('unsupported'),
  onOpen: () => () => undefined,
};
export const NO_SIGNALS: SignalPort = { vibrate: () => false, canVibrate: false, beep: () => Promise.resolve(false) };
export const NO_WAKE_LOCK: WakeLockPort = {
  supported: false,
  acquire: () => Promise.resolve('unavailable'),
  release: () => Promise.resolve(),
  onChange: () => () => undefined,
};
export const ALWAYS_VISIBLE: VisibilityPort = { hidden: () => false, onChange: () => () => undefined };
