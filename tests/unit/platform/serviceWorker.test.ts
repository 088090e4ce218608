/**
 * The update state machine of src/platform/controlServiceWorker.ts, driven through
 * a fake Workbox: "waiting" shows an update, nothing reloads until apply(),
 * apply() skips waiting and reloads only once the new worker controls, and
 * first control hands the loaded image URLs to the worker.
 */
import { describe, expect, it, vi } from 'vitest';
import { CACHE_TILES, controlServiceWorker, type WorkboxLike } from '../../../src/platform/controlServiceWorker';
import { updatesWhenLoaded, type AppUpdates } from '../../../src/platform/serviceWorker';

type Listener = (event: { isUpdate?: boolean }) => void;

function fakeWorkbox() {
  const listeners = new Map<string, Listener[]>();
  const posted: unknown[] = [];
  const wb = {
    addEventListener: (type: string, l: Listener) => listeners.set(type, [...(listeners.get(type) ?? []), l]),
    register: vi.fn(async () => undefined),
    messageSkipWaiting: vi.fn(),
    getSW: async () => ({ postMessage: (m: unknown) => posted.push(m) }),
  } satisfies WorkboxLike;
  const fire = (type: string, event: { isUpdate?: boolean } = {}) => listeners.get(type)?.forEach((l) => l(event));
  return { wb, fire, posted };
}

function setup() {
  const fake = fakeWorkbox();
  const later: (() => void)[] = [];
  const deps = {
    reload: vi.fn(),
    loadedImageUrls: () => ['https://tiles.example/1/0/0.png'],
    later: (fn: () => void) => void later.push(fn),
  };
  const updates = controlServiceWorker(fake.wb, deps);
  return { ...fake, deps, updates, later };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('controlServiceWorker', () => {
  it('registers, and reports a waiting version to subscribers', () => {
    const { wb, fire, updates } = setup();
    expect(wb.register).toHaveBeenCalledOnce();
    const seen: boolean[] = [];
    updates.subscribe(() => seen.push(updates.waiting()));
    expect(updates.waiting()).toBe(false);
    fire('waiting');
    expect(updates.waiting()).toBe(true);
    expect(seen).toEqual([true]);
  });

  it('never reloads or skips waiting by itself', () => {
    const { wb, fire, deps } = setup();
    fire('waiting');
    fire('controlling', { isUpdate: true });
    expect(deps.reload).not.toHaveBeenCalled();
    expect(wb.messageSkipWaiting).not.toHaveBeenCalled();
  });

  it('applies a waiting update on request: skip waiting, then reload once controlled', () => {
    const { wb, fire, deps, updates } = setup();
    updates.apply();
    expect(wb.messageSkipWaiting).not.toHaveBeenCalled(); // nothing waiting yet
    fire('waiting');
    updates.apply();
    updates.apply();
    expect(wb.messageSkipWaiting).toHaveBeenCalledOnce();
    expect(deps.reload).not.toHaveBeenCalled();
    fire('controlling', { isUpdate: true });
    expect(deps.reload).toHaveBeenCalledOnce();
  });

  it('hands the loaded images to the worker when it first takes control, and once more later', async () => {
    const { fire, posted, later } = setup();
    fire('controlling', { isUpdate: false });
    await flush();
    expect(posted).toEqual([{ type: CACHE_TILES, urls: ['https://tiles.example/1/0/0.png'] }]);
    expect(later).toHaveLength(1);
    later[0]?.();
    await flush();
    expect(posted).toHaveLength(2);
  });

  it('does not hand tiles over when an update takes control', async () => {
    const { fire, posted } = setup();
    fire('controlling', { isUpdate: true });
    await flush();
    expect(posted).toEqual([]);
  });

  it('unsubscribes', () => {
    const { fire, updates } = setup();
    const listener = vi.fn();
    updates.subscribe(listener)();
    fire('waiting');
    expect(listener).not.toHaveBeenCalled();
  });
});

describe('updatesWhenLoaded (workbox-window is its own chunk)', () => {
  function later() {
    let arrive!: (u: AppUpdates) => void;
    const pending = new Promise<AppUpdates>((done) => (arrive = done));
    return { updates: updatesWhenLoaded(pending), arrive };
  }

  it('reports nothing waiting and applies nothing before the code is here', () => {
    const { updates } = later();
    expect(updates.waiting()).toBe(false);
    expect(() => updates.apply()).not.toThrow();
  });

  it('hands subscribers made before arrival to the real state, and tells them of a version already waiting', async () => {
    const { updates, arrive } = later();
    const seen: boolean[] = [];
    updates.subscribe(() => seen.push(updates.waiting()));
    const gone = vi.fn();
    updates.subscribe(gone)();
    const real = setup();
    real.fire('waiting');
    arrive(real.updates);
    await flush();
    expect(seen).toEqual([true]);
    real.fire('waiting');
    expect(seen).toEqual([true, true]);
    expect(gone).not.toHaveBeenCalled();
    updates.apply();
    expect(real.wb.messageSkipWaiting).toHaveBeenCalledOnce();
  });

  it('unsubscribes from the real state after arrival', async () => {
    const { updates, arrive } = later();
    const listener = vi.fn();
    const off = updates.subscribe(listener);
    const real = setup();
    arrive(real.updates);
    await flush();
    off();
    real.fire('waiting');
    expect(listener).not.toHaveBeenCalled();
  });
});
