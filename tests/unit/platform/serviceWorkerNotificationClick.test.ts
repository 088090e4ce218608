/**
 * The worker's notification tap: focus an open app window (else open one) and
 * post the point to it, only when the notification's point is a record id.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  OPEN_POINT_MESSAGE,
  openPointFromNotification,
  pointOfNotification,
  type ClientsLike,
  type WindowClientLike,
} from '../../../service-worker/notificationClick';

const ORIGIN = 'https://vada.example';
const POINT = 'x'.repeat(42) + 'A';

function client(url: string, focused = false) {
  const c: WindowClientLike & { posted: unknown[] } = {
    url,
    focused,
    posted: [],
    focus: vi.fn(async () => c),
    postMessage: (m: unknown) => void c.posted.push(m),
  };
  return c;
}

function clientsWith(windows: WindowClientLike[], opened: WindowClientLike | null = client(`${ORIGIN}/`)) {
  return {
    matchAll: vi.fn(async () => windows),
    openWindow: vi.fn(async (_url: string) => opened),
  } satisfies ClientsLike;
}

describe('openPointFromNotification', () => {
  it('focuses the focused app window (else the first) and posts the point to it', async () => {
    const a = client(`${ORIGIN}/`);
    const b = client(`${ORIGIN}/?relay=x`, true);
    const clients = clientsWith([a, b]);
    await openPointFromNotification(clients, { point: POINT }, ORIGIN);
    expect(b.focus).toHaveBeenCalled();
    expect(b.posted).toEqual([{ type: OPEN_POINT_MESSAGE, point: POINT }]);
    expect(a.posted).toEqual([]);
    expect(clients.openWindow).not.toHaveBeenCalled();
    const only = client(`${ORIGIN}/`);
    await openPointFromNotification(clientsWith([only]), { point: POINT }, ORIGIN);
    expect(only.posted).toHaveLength(1);
  });

  it('opens the app when no window of this origin is open, and posts to the new window', async () => {
    const opened = client(`${ORIGIN}/`);
    const foreign = client('https://elsewhere.example/', true);
    const clients = clientsWith([foreign], opened);
    await openPointFromNotification(clients, { point: POINT }, ORIGIN);
    expect(clients.openWindow).toHaveBeenCalledWith('/');
    expect(opened.posted).toEqual([{ type: OPEN_POINT_MESSAGE, point: POINT }]);
    expect(foreign.posted).toEqual([]);
  });

  it('still brings the app forward but posts nothing for a malformed point', async () => {
    for (const data of [
      null,
      'x',
      {},
      { point: 'short' },
      { point: POINT + 'A' },
      { point: 'A'.repeat(42) + 'B' },
      { point: 7 },
    ]) {
      const w = client(`${ORIGIN}/`);
      await openPointFromNotification(clientsWith([w]), data, ORIGIN);
      expect(w.focus).toHaveBeenCalled();
      expect(w.posted).toEqual([]);
    }
  });

  it('survives a refused focus and a refused openWindow', async () => {
    const w = client(`${ORIGIN}/`);
    w.focus = vi.fn(() => Promise.reject(new Error('InvalidAccessError')));
    await openPointFromNotification(clientsWith([w]), { point: POINT }, ORIGIN);
    expect(w.posted).toHaveLength(1);
    const clients = clientsWith([]);
    clients.openWindow.mockImplementation(() => Promise.reject(new TypeError('no')));
    await expect(openPointFromNotification(clients, { point: POINT }, ORIGIN)).resolves.toBeUndefined();
    await expect(openPointFromNotification(clientsWith([], null), { point: POINT }, ORIGIN)).resolves.toBeUndefined();
  });

  it('reads the point only from a canonical record id', () => {
    expect(pointOfNotification({ point: POINT })).toBe(POINT);
    expect(pointOfNotification({ point: 'A'.repeat(43).replace(/A$/, 'B') })).toBeUndefined();
    expect(pointOfNotification(undefined)).toBeUndefined();
  });
});
