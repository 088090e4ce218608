/** serviceWorkerReady and onServiceWorkerMessage through a fake container: no worker means undefined, never a hang. */
import { describe, expect, it, vi } from 'vitest';
import {
  onServiceWorkerMessage,
  serviceWorkerReady,
  type ServiceWorkerContainerLike,
} from '../../../src/platform/serviceWorker';

function fakeContainer(ready: Promise<ServiceWorkerRegistration>) {
  const listeners = new Set<(e: MessageEvent) => void>();
  const c = {
    ready,
    addEventListener: (_t: 'message', l: (e: MessageEvent) => void) => void listeners.add(l),
    removeEventListener: (_t: 'message', l: (e: MessageEvent) => void) => void listeners.delete(l),
    startMessages: vi.fn(),
  } satisfies ServiceWorkerContainerLike;
  const post = (data: unknown) => listeners.forEach((l) => l({ data } as MessageEvent));
  return { c, post, listeners };
}

describe('serviceWorkerReady', () => {
  it('resolves the registration once ready', async () => {
    const registration = { scope: '/' } as ServiceWorkerRegistration;
    expect(await serviceWorkerReady(1000, fakeContainer(Promise.resolve(registration)).c)).toBe(registration);
  });

  it('resolves undefined without a container, when ready never settles, or rejects', async () => {
    expect(await serviceWorkerReady(1000, undefined)).toBeUndefined();
    expect(await serviceWorkerReady(20, fakeContainer(new Promise(() => undefined)).c)).toBeUndefined();
    expect(await serviceWorkerReady(1000, fakeContainer(Promise.reject(new Error('x'))).c)).toBeUndefined();
  });

  it('resolves undefined in Node, where there is no navigator.serviceWorker', async () => {
    expect(await serviceWorkerReady(20)).toBeUndefined();
  });
});

describe('onServiceWorkerMessage', () => {
  it('passes message data until unsubscribed, and starts the message queue', () => {
    const { c, post, listeners } = fakeContainer(Promise.resolve({} as ServiceWorkerRegistration));
    const seen: unknown[] = [];
    const off = onServiceWorkerMessage((d) => seen.push(d), c);
    expect(c.startMessages).toHaveBeenCalled();
    post({ type: 'x' });
    off();
    post({ type: 'y' });
    expect(seen).toEqual([{ type: 'x' }]);
    expect(listeners.size).toBe(0);
  });

  it('does nothing without a container', () => {
    expect(() => onServiceWorkerMessage(() => undefined, undefined)()).not.toThrow();
  });
});
