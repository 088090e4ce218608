/**
 * A tap on an alert notification: bring Vada to the front (an open app window,
 * else a new one) and tell it which point to show. The point comes from the
 * notification's data, which the page set; it is still checked to be a record
 * id before it is passed on, as everything crossing into the page is.
 */
import { asRecordId } from '../src/domain/brand';

/** Message type the page listens for (src/platform/notifications.ts OPEN_POINT_MESSAGE). */
export const OPEN_POINT_MESSAGE = 'vada-open-point';

/** The parts of WindowClient / Clients this module uses (structural, so Node tests can fake them). */
export interface WindowClientLike {
  readonly url: string;
  readonly focused?: boolean;
  focus(): Promise<WindowClientLike>;
  postMessage(message: unknown): void;
}
export interface ClientsLike {
  matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<readonly WindowClientLike[]>;
  openWindow(url: string): Promise<WindowClientLike | null>;
}

/** The point id in a notification's data, if it is a canonical record id. */
export function pointOfNotification(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  return asRecordId((data as { point?: unknown }).point);
}

const sameOrigin = (url: string, origin: string) => {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
};

/** Focuses (or opens) the app and posts `{type: OPEN_POINT_MESSAGE, point}` to it when the data names a point. */
export async function openPointFromNotification(clients: ClientsLike, data: unknown, origin: string): Promise<void> {
  const point = pointOfNotification(data);
  const windows = (await clients.matchAll({ type: 'window', includeUncontrolled: true })).filter((c) =>
    sameOrigin(c.url, origin),
  );
  const existing = windows.find((c) => c.focused) ?? windows[0];
  let client: WindowClientLike | null = null;
  if (existing) {
    // focus() can be refused (no user activation left); the message still helps once the user switches.
    client = await existing.focus().catch(() => existing);
  } else {
    client = await clients.openWindow('/').catch(() => null);
  }
  if (client && point) client.postMessage({ type: OPEN_POINT_MESSAGE, point });
}
