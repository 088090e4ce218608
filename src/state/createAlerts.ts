/**
 * What reaches the user when an alert is news: a banner, a vibration, a sound
 * and, while the page is hidden, a system notification worded per the
 * lock-screen privacy choice. Only for watched points: followed ones, and
 * those within the alert radius of the user's shared location (computed here,
 * on the device). Never for the user's own alert: they know, and a banner
 * for it would hide the map they are looking at. Marks of what was already
 * signalled stay in memory, so alerts stored before a restart show once more
 * after it — except those the user dismissed: dismissals are kept in settings
 * (bounded, each until its alert stops counting), so a reload does not bring
 * them back.
 */
import { createEffect, createSignal, onCleanup, untrack, type Accessor } from 'solid-js';
import {
  alertEvents,
  distanceMeters,
  type AlertMarks,
  type AlertStatus,
  LIMITS,
  type LatLon,
  type PointView,
  type RecordId,
} from '../domain';
import { DEFAULT_ALERT_SETTINGS, type AlertSettings } from '../domain/alertSettings';
import { t } from '../i18n';
import type {
  NotificationPort,
  NotifyPermission,
  SignalPort,
  SystemNotice,
  VisibilityPort,
} from '../platform/alertPorts';
import { DISMISSED_MAX, type DismissedAlert, type SettingsStore } from '../platform/settingsStore';
import type { AlertBannerItem, AlertsSlice } from './alertTypes';

/** Banners kept on screen at most; older ones drop off. */
export const MAX_BANNERS = 5;
/** A trusted dispersal: long and hard to miss. */
export const URGENT_VIBRATION = [400, 150, 400, 150, 800] as const;
export const NORMAL_VIBRATION = [200, 100, 200] as const;

type Degraded = ReturnType<AlertsSlice['degraded']>[number];

export interface AlertDeps {
  readonly settings: SettingsStore;
  readonly points: Accessor<readonly PointView[]>;
  readonly ready: Accessor<boolean>;
  readonly now: () => number;
  readonly position: Accessor<LatLon | undefined>;
  isFollowed(point: RecordId): boolean;
  /** True when this device signed the record (the user's own alert raises nothing here). */
  isOwn(record: RecordId): boolean;
  /** Protest mode forces vibration on. */
  readonly protesting: Accessor<boolean>;
  readonly notifications: NotificationPort;
  readonly signals: SignalPort;
  readonly visibility: VisibilityPort;
  /** Opens the point's details (a tapped notification). */
  openPoint(point: RecordId): void;
}

/**
 * A banner keeps the status as it was when raised. The folded views are also the
 * points store's data, and reconcile() updates those objects in place on the next
 * fold, so a banner must not share them.
 */
function snapshot(s: AlertStatus): AlertStatus {
  const { fallback } = s;
  return {
    ...s,
    reasons: [...s.reasons],
    ...(fallback ? { fallback: { i: fallback.i, ...(fallback.place ? { place: { ...fallback.place } } : {}) } } : {}),
  };
}

const urgent = (s: AlertStatus) => s.kind === 'disperse' && s.trust !== 'unconfirmed';

/** The notice for one alert, showing no more than the privacy choice allows. */
export function noticeFor(s: AlertStatus, title: string, settings: AlertSettings): SystemNotice {
  const base = { tag: s.point, point: s.point };
  if (settings.lockScreen === 'discreet')
    return { ...base, title: settings.discreetText.trim() || DEFAULT_ALERT_SETTINGS.discreetText, body: '' };
  const kindTitle = t('alert.notify.kindTitle', {
    kind: t(`alert.kind.${s.kind}`),
    trust: t(`alert.trust.${s.trust}`),
  });
  const body = settings.lockScreen === 'full' ? t('alert.notify.fullBody', { title }) : t('alert.notify.body');
  return { ...base, title: kindTitle, body };
}

/** What a dismissal remembers: this status as the user saw it (a stronger or newer one is news again). */
export function dismissalKey(s: AlertStatus): string {
  return `${s.point}|${s.kind}|${s.latest}|${s.trust}|${s.reports}`;
}

/** Live dismissals only, newest last, at most DISMISSED_MAX. */
function liveDismissals(list: readonly DismissedAlert[], now: number): DismissedAlert[] {
  return list.filter((d) => d.until > now).slice(-DISMISSED_MAX);
}

function loadSettings(store: SettingsStore): AlertSettings {
  return { ...DEFAULT_ALERT_SETTINGS, ...store.load().alerts };
}

export function createAlerts(deps: AlertDeps): AlertsSlice {
  const [settings, setSettingsSignal] = createSignal<AlertSettings>(loadSettings(deps.settings));
  const [banners, setBanners] = createSignal<readonly AlertBannerItem[]>([]);
  const [permission, setPermission] = createSignal<NotifyPermission>(deps.notifications.permission());
  const [vibrationFailed, setVibrationFailed] = createSignal(false);
  const [soundBlocked, setSoundBlocked] = createSignal(false);
  let marks: AlertMarks = new Map();
  let dismissed = liveDismissals(deps.settings.load().dismissedAlerts ?? [], deps.now());
  const isDismissed = (st: AlertStatus) => {
    const k = dismissalKey(st);
    return dismissed.some((d) => d.key === k);
  };

  const watched = (id: RecordId, p?: Pick<PointView, 'lat' | 'lon'>): boolean => {
    if (deps.isFollowed(id)) return true;
    const radius = settings().radiusM;
    const here = deps.position();
    const where = p ?? deps.points().find((x) => x.id === id);
    return radius > 0 && here !== undefined && where !== undefined && distanceMeters(here, where) <= radius;
  };

  const raiseBanners = (news: readonly AlertStatus[], titles: ReadonlyMap<RecordId, string>, at: number) => {
    const fresh = news.map((s) => ({
      key: `${s.point}|${s.kind}|${s.latest}`,
      status: snapshot(s),
      title: titles.get(s.point) ?? '',
      raisedAt: at,
    }));
    const replaced = (b: AlertBannerItem) =>
      fresh.some((f) => f.status.point === b.status.point && f.status.kind === b.status.kind);
    // Newest first by the alert's own time (records verify concurrently, so arrival order can differ);
    // one banner per point and kind (the newer replaces the older).
    setBanners((old) =>
      [...fresh.reverse(), ...old.filter((b) => !replaced(b))]
        .sort((a, b) => b.status.at - a.status.at)
        .slice(0, MAX_BANNERS),
    );
  };

  const signal = (news: readonly AlertStatus[], s: AlertSettings) => {
    const isUrgent = news.some(urgent);
    if (s.vibrate || deps.protesting()) {
      if (!deps.signals.vibrate(isUrgent ? URGENT_VIBRATION : NORMAL_VIBRATION)) setVibrationFailed(true);
      else setVibrationFailed(false);
    }
    if (s.sound) void deps.signals.beep(isUrgent ? 'urgent' : 'normal').then((played) => setSoundBlocked(!played));
  };

  const notify = (news: readonly AlertStatus[], titles: ReadonlyMap<RecordId, string>, s: AlertSettings) => {
    if (!s.notify || !deps.visibility.hidden()) return;
    const now = deps.notifications.permission();
    setPermission(now);
    if (now !== 'granted') return; // banner only; degraded() says why
    for (const status of news)
      void deps.notifications
        .show(noticeFor(status, titles.get(status.point) ?? '', s))
        .then((r) => {
          if (r === 'denied' || r === 'unsupported') setPermission(r);
        })
        .catch(() => undefined);
  };

  // From the first fold after stored records loaded: live alerts already stored do show once.
  // Tracks records, follows, location and radius: a point that becomes watched shows its live alerts once.
  createEffect(() => {
    if (!deps.ready()) return;
    const statuses: AlertStatus[] = [];
    const titles = new Map<RecordId, string>();
    for (const p of deps.points()) {
      if (!p.alerts || !watched(p.id, p)) continue;
      statuses.push(...p.alerts.statuses);
      titles.set(p.id, p.title);
    }
    const events = alertEvents(marks, statuses);
    marks = events.marks;
    // Marks still follow own and dismissed alerts, so only what comes after them is news.
    const news = events.news.filter((st) => !deps.isOwn(st.latest) && !isDismissed(st));
    if (news.length === 0) return;
    untrack(() => {
      const s = settings();
      raiseBanners(news, titles, deps.now());
      signal(news, s);
      notify(news, titles, s);
    });
  });

  onCleanup(deps.notifications.onOpen((point) => deps.openPoint(point as RecordId)));
  onCleanup(deps.visibility.onChange(() => setPermission(deps.notifications.permission())));

  const degraded = (): readonly Degraded[] => {
    const s = settings();
    const out: Degraded[] = [];
    const p = permission();
    if (p === 'unsupported') out.push('no-notifications');
    else if (p === 'denied') out.push('notifications-denied');
    if ((s.vibrate || deps.protesting()) && (!deps.signals.canVibrate || vibrationFailed())) out.push('no-vibration');
    if (s.sound && soundBlocked()) out.push('sound-blocked');
    return out;
  };

  const setSettings = (patch: Partial<AlertSettings>) => {
    const next = { ...settings(), ...patch };
    setSettingsSignal(next);
    deps.settings.save({ alerts: next });
  };

  return {
    banners,
    dismiss(key) {
      const item = banners().find((b) => b.key === key);
      setBanners((list) => list.filter((b) => b.key !== key));
      if (!item) return;
      const now = deps.now();
      const entry = { key: dismissalKey(item.status), until: Math.max(item.status.at, now) + LIMITS.alertTtlMs };
      dismissed = liveDismissals([...dismissed.filter((d) => d.key !== entry.key), entry], now);
      deps.settings.save({ dismissedAlerts: dismissed });
    },
    watched: (id) => watched(id),
    settings,
    setSettings,
    permission,
    async enableNotifications() {
      const p = await deps.notifications.request();
      setPermission(p);
      if (p === 'granted') setSettings({ notify: true });
      return p;
    },
    degraded,
  };
}
