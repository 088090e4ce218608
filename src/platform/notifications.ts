/**
 * System notifications for alerts while the page is hidden: permission through
 * the Notification API, notices shown through the service worker registration
 * (the only way that works on Android and for a backgrounded tab), and taps
 * reported back by the worker as a message naming the point. Every API is
 * feature-detected; nothing here throws — a missing or refused API is a value.
 */
import { asRecordId } from '../domain/brand';
import type { NotificationPort, NotifyPermission, NotifyResult, SystemNotice } from './alertPorts';
import { onServiceWorkerMessage, serviceWorkerReady } from './serviceWorker';

/** Message type the worker posts when a notice is tapped (service-worker/notificationClick.ts). */
export const OPEN_POINT_MESSAGE = 'vada-open-point';
export const NOTIFICATION_ICON = '/icons/icon-192.png';

/** The part of the Notification constructor this module uses. */
export interface NotificationApiLike {
  readonly permission: string;
  requestPermission(): Promise<string> | undefined;
}

/** The part of a ServiceWorkerRegistration this module uses. */
export interface NotifyingRegistration {
  showNotification(title: string, options?: NotificationOptions): Promise<void>;
}

export interface NotificationDeps {
  /** The Notification constructor, or undefined where there is none. */
  readonly api: NotificationApiLike | undefined;
  ready(): Promise<NotifyingRegistration | undefined>;
  onMessage(listener: (data: unknown) => void): () => void;
}

function browserDeps(): NotificationDeps {
  return {
    api: typeof Notification === 'undefined' ? undefined : Notification,
    ready: () => serviceWorkerReady(),
    onMessage: (listener) => onServiceWorkerMessage(listener),
  };
}

function asPermission(value: unknown): NotifyPermission {
  return value === 'granted' || value === 'denied' || value === 'default' ? value : 'default';
}

/** The point a worker message asks to open, if it is one. */
function openedPoint(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const m = data as { type?: unknown; point?: unknown };
  return m.type === OPEN_POINT_MESSAGE ? asRecordId(m.point) : undefined;
}

export function browserNotifications(deps: NotificationDeps = browserDeps()): NotificationPort {
  const openers = new Set<(point: string) => void>();
  // A tap that opened the app may arrive before the store subscribed: keep the last one for the first subscriber.
  let pending: string | undefined;
  deps.onMessage((data) => {
    const point = openedPoint(data);
    if (!point) return;
    if (openers.size === 0) pending = point;
    for (const open of openers) open(point);
  });

  const permission = (): NotifyPermission => {
    try {
      return deps.api ? asPermission(deps.api.permission) : 'unsupported';
    } catch {
      return 'unsupported';
    }
  };

  return {
    permission,
    async request() {
      if (!deps.api) return 'unsupported';
      try {
        const answer = await deps.api.requestPermission();
        // Old Safari answers through a callback only: read the property afterwards.
        return answer === undefined ? permission() : asPermission(answer);
      } catch {
        return permission();
      }
    },
    async show(notice: SystemNotice): Promise<NotifyResult> {
      const now = permission();
      if (now === 'unsupported') return 'unsupported';
      if (now !== 'granted') return 'denied';
      try {
        const registration = await deps.ready();
        if (!registration || typeof registration.showNotification !== 'function') return 'unsupported';
        const options: NotificationOptions & { renotify: boolean } = {
          body: notice.body,
          tag: notice.tag,
          data: { point: notice.point },
          // A newer alert for the same point replaces the notice and still buzzes.
          renotify: true,
          requireInteraction: false,
          silent: false,
          icon: NOTIFICATION_ICON,
        };
        await registration.showNotification(notice.title, options);
        return 'shown';
      } catch {
        return 'failed';
      }
    },
    onOpen(open) {
      openers.add(open);
      if (pending !== undefined) {
        const point = pending;
        pending = undefined;
        queueMicrotask(() => open(point));
      }
      return () => openers.delete(open);
    },
  };
}
