/**
 * System notifications through fakes: permission states, denied/unsupported
 * paths that never throw, the options handed to the worker's showNotification,
 * and taps reported back by the worker (validated, buffered until subscribed).
 */
import { describe, expect, it, vi } from 'vitest';
import {
  browserNotifications,
  NOTIFICATION_ICON,
  OPEN_POINT_MESSAGE,
  type NotificationApiLike,
  type NotificationDeps,
  type NotifyingRegistration,
} from '../../../src/platform/notifications';
import { OPEN_POINT_MESSAGE as SW_OPEN_POINT_MESSAGE } from '../../../service-worker/notificationClick';

const POINT = 'p'.repeat(42) + 'A';
const notice = { title: 'Vada', body: '', tag: `alert-${POINT}`, point: POINT };

function setup(
  opts: { permission?: string; api?: NotificationApiLike | null; registration?: NotifyingRegistration | null } = {},
) {
  let onMessage: ((data: unknown) => void) | undefined;
  const showNotification = vi.fn(async (_title: string, _options?: NotificationOptions) => undefined);
  const api: NotificationApiLike = {
    permission: opts.permission ?? 'granted',
    requestPermission: vi.fn(async () => 'granted'),
  };
  const deps: NotificationDeps = {
    api: opts.api === null ? undefined : (opts.api ?? api),
    ready: async () => (opts.registration === null ? undefined : (opts.registration ?? { showNotification })),
    onMessage: (l) => {
      onMessage = l;
      return () => undefined;
    },
  };
  const port = browserNotifications(deps);
  return { port, showNotification, post: (data: unknown) => onMessage?.(data) };
}

describe('browserNotifications', () => {
  it('shows through the worker registration with the given text, tag and point', async () => {
    const { port, showNotification } = setup();
    expect(port.permission()).toBe('granted');
    expect(await port.show(notice)).toBe('shown');
    expect(showNotification).toHaveBeenCalledWith('Vada', {
      body: '',
      tag: notice.tag,
      data: { point: POINT },
      renotify: true,
      requireInteraction: false,
      silent: false,
      icon: NOTIFICATION_ICON,
    });
    expect(NOTIFICATION_ICON).toBe('/icons/icon-192.png');
  });

  it('reports each permission state, and does not show unless granted', async () => {
    for (const [permission, result] of [
      ['denied', 'denied'],
      ['default', 'denied'],
    ] as const) {
      const { port, showNotification } = setup({ permission });
      expect(port.permission()).toBe(permission);
      expect(await port.show(notice)).toBe(result);
      expect(showNotification).not.toHaveBeenCalled();
    }
    expect(setup({ permission: 'weird' }).port.permission()).toBe('default');
  });

  it('is unsupported without the Notification API or a service worker registration', async () => {
    const none = setup({ api: null });
    expect(none.port.permission()).toBe('unsupported');
    expect(await none.port.request()).toBe('unsupported');
    expect(await none.port.show(notice)).toBe('unsupported');
    expect(await setup({ registration: null }).port.show(notice)).toBe('unsupported');
  });

  it('answers failed when showing throws, and never throws itself', async () => {
    const registration = { showNotification: vi.fn(async () => Promise.reject(new TypeError('no'))) };
    expect(await setup({ registration }).port.show(notice)).toBe('failed');
    const throwing = {
      get permission(): string {
        throw new Error('blocked');
      },
      requestPermission: () => Promise.reject(new Error('blocked')),
    };
    const { port } = setup({ api: throwing });
    expect(port.permission()).toBe('unsupported');
    expect(await port.request()).toBe('unsupported');
    expect(await port.show(notice)).toBe('unsupported');
  });

  it('requests permission and maps the answer (callback-only browsers read the property)', async () => {
    const api = { permission: 'default', requestPermission: vi.fn(async () => 'denied') };
    expect(await setup({ api }).port.request()).toBe('denied');
    expect(api.requestPermission).toHaveBeenCalledTimes(1);
    const old = { permission: 'granted', requestPermission: () => undefined };
    expect(await setup({ api: old }).port.request()).toBe('granted');
  });

  it('passes taps on notices to subscribers, ignoring malformed messages', () => {
    const { port, post } = setup();
    const open = vi.fn();
    const off = port.onOpen(open);
    post({ type: OPEN_POINT_MESSAGE, point: POINT });
    for (const bad of [
      null,
      'x',
      { type: 'other', point: POINT },
      { type: OPEN_POINT_MESSAGE, point: 'short' },
      { type: OPEN_POINT_MESSAGE },
    ])
      post(bad);
    expect(open.mock.calls).toEqual([[POINT]]);
    off();
    post({ type: OPEN_POINT_MESSAGE, point: POINT });
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('keeps a tap that arrived before anyone subscribed for the first subscriber', async () => {
    const { port, post } = setup();
    post({ type: OPEN_POINT_MESSAGE, point: POINT });
    const first = vi.fn();
    const second = vi.fn();
    port.onOpen(first);
    port.onOpen(second);
    await Promise.resolve();
    expect(first.mock.calls).toEqual([[POINT]]);
    expect(second).not.toHaveBeenCalled();
  });

  it('uses the same message type as the service worker', () => {
    expect(OPEN_POINT_MESSAGE).toBe(SW_OPEN_POINT_MESSAGE);
  });
});
