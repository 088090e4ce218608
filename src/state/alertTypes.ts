/**
 * The alert part of the store's surface, shared by state (which implements it)
 * and UI (which shows it). See docs/protocol.md §9 for the trust rules.
 */
import type { Accessor } from 'solid-js';
import type { AlertKind, AlertStatus, DisperseReason, FallbackPlace, LatLon, RecordId } from '../domain';
import type { AlertSettings } from '../domain/alertSettings';
import type { NotifyPermission, WakeLockState } from '../platform/alertPorts';
import type { ActionResult } from './createActions';
import type { PointDraft } from './validateDraft';

export {
  ALERT_RADIUS_CHOICES_M,
  DEFAULT_ALERT_SETTINGS,
  DISCREET_TEXT_MAX,
  type AlertSettings,
  type LockScreenText,
} from '../domain/alertSettings';

/** One banner on screen: a status that was news, with what is needed to word it. */
export interface AlertBannerItem {
  /** Unique per banner (point|kind|latest). */
  readonly key: string;
  readonly status: AlertStatus;
  /** The point's title when the banner was raised (peer text: render as text). */
  readonly title: string;
  readonly raisedAt: number;
}

/** Where a disperse alert sends the crowd. */
export type ReappearChoice =
  | { readonly kind: 'none' }
  | { readonly kind: 'existing'; readonly point: RecordId }
  | { readonly kind: 'new'; readonly draft: PointDraft }
  /** Organizer only: one of the point's own fallbacks, by index. */
  | { readonly kind: 'fallback'; readonly index: number };

export interface RaiseAlertInput {
  readonly kind: AlertKind;
  /** Required for disperse. */
  readonly reason?: DisperseReason;
  readonly reappear?: ReappearChoice;
}

/** A fallback place typed into the propose form (defined next to PointDraft, which carries it). */
export type { FallbackDraft } from './validateDraft';

export interface AlertActions {
  /** Publishes an alert (a new reappear point first when asked). Refuses disperse without a reason. */
  raiseAlert(point: RecordId, input: RaiseAlertInput): Promise<ActionResult>;
  /** Organizer only: names a co-organizer key for one of their points. */
  addCoorganizer(point: RecordId, key: string): Promise<ActionResult>;
  /** The fallbacks this device sealed into its own point (plaintext kept locally), in order. */
  myFallbacks(point: RecordId): Promise<readonly FallbackPlace[]>;
}

export interface AlertsSlice {
  /** Banners not yet dismissed, newest first. */
  readonly banners: Accessor<readonly AlertBannerItem[]>;
  dismiss(key: string): void;
  /** True when this point's alerts reach the user (followed, or within the radius). */
  watched(point: RecordId): boolean;
  readonly settings: Accessor<AlertSettings>;
  setSettings(patch: Partial<AlertSettings>): void;
  /** Notification permission as the browser sees it now. */
  readonly permission: Accessor<NotifyPermission>;
  /** Asks for notification permission (from a user gesture); turns `notify` on when granted. */
  enableNotifications(): Promise<NotifyPermission>;
  /** Why an alert could not use a channel, for a clear note in the UI (e.g. "notifications blocked"). */
  readonly degraded: Accessor<
    readonly ('no-notifications' | 'notifications-denied' | 'no-vibration' | 'sound-blocked')[]
  >;
}

export interface FollowSlice {
  readonly followed: Accessor<ReadonlySet<RecordId>>;
  isFollowed(point: RecordId): boolean;
  follow(point: RecordId): void;
  unfollow(point: RecordId): void;
}

export interface ProtestSlice {
  /** The point protest mode is on for, if any. */
  readonly point: Accessor<RecordId | undefined>;
  readonly wakeLock: Accessor<WakeLockState>;
  /** Follows the point, keeps the screen on, forces vibration on for alerts. */
  start(point: RecordId): Promise<void>;
  stop(): Promise<void>;
  /** Distance (m) and bearing (degrees from north) to the point, when the user shares location. */
  readonly bearing: Accessor<{ readonly meters: number; readonly degrees: number } | undefined>;
}

export type { LatLon };
