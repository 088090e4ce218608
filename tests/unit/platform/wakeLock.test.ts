/**
 * The screen wake lock through fakes: acquire/release, 'lost' when the browser
 * drops it, 'on' again when the page returns while still wanted, and the
 * unsupported/refused paths answering 'unavailable' without throwing.
 */
import { describe, expect, it, vi } from 'vitest';
import type { WakeLockState } from '../../../src/platform/alertPorts';
import { browserWakeLock, type SentinelLike } from '../../../src/platform/wakeLock';
import { fakeVisibilityDocument } from '../../fixtures/fakeVisibilityDocument';

const fakeDoc = fakeVisibilityDocument;

function fakeSentinel() {
  let onRelease: (() => void) | undefined;
  const s = {
    released: false as boolean,
    release: vi.fn(async () => {
      s.released = true;
      onRelease?.();
    }),
    addEventListener: (_t: 'release', l: () => void) => void (onRelease = l),
    /** The browser drops the lock by itself (page hidden, battery). */
    drop: () => {
      s.released = true;
      onRelease?.();
    },
  } satisfies SentinelLike & { drop(): void };
  return s;
}

const flush = () => new Promise((r) => setTimeout(r, 0));

function setup(refuse = false) {
  const sentinels: ReturnType<typeof fakeSentinel>[] = [];
  const request = vi.fn(async (_type: 'screen') => {
    if (refuse) throw new DOMException('denied', 'NotAllowedError');
    const s = fakeSentinel();
    sentinels.push(s);
    return s;
  });
  const d = fakeDoc();
  const lock = browserWakeLock({ wakeLock: { request } }, d.doc);
  const states: WakeLockState[] = [];
  lock.onChange((s) => states.push(s));
  return { lock, request, sentinels, states, ...d };
}

describe('browserWakeLock', () => {
  it('acquires the screen lock and releases it without reporting a loss', async () => {
    const { lock, request, sentinels, states } = setup();
    expect(lock.supported).toBe(true);
    expect(await lock.acquire()).toBe('on');
    expect(request).toHaveBeenCalledWith('screen');
    expect(await lock.acquire()).toBe('on');
    expect(request).toHaveBeenCalledTimes(1);
    await lock.release();
    expect(sentinels[0]!.release).toHaveBeenCalledTimes(1);
    expect(states).toEqual([]);
  });

  it("reports 'lost' when the browser drops it, then 'on' when the page is visible again", async () => {
    const { lock, sentinels, states, set, request } = setup();
    await lock.acquire();
    set('hidden');
    sentinels[0]!.drop();
    expect(states).toEqual(['lost']);
    set('hidden');
    await flush();
    expect(request).toHaveBeenCalledTimes(1);
    set('visible');
    await flush();
    expect(states).toEqual(['lost', 'on']);
    expect(request).toHaveBeenCalledTimes(2);
    // The second lock is the live one: releasing it reports nothing and a later drop of the old one is ignored.
    sentinels[0]!.drop();
    expect(states).toEqual(['lost', 'on']);
  });

  it('does not re-acquire after release', async () => {
    const { lock, sentinels, states, set, request } = setup();
    await lock.acquire();
    await lock.release();
    sentinels[0]!.drop();
    set('hidden');
    set('visible');
    await flush();
    expect(request).toHaveBeenCalledTimes(1);
    expect(states).toEqual([]);
  });

  it("answers 'unavailable' when unsupported or refused, and never throws", async () => {
    const none = browserWakeLock({}, fakeDoc().doc);
    expect(none.supported).toBe(false);
    expect(await none.acquire()).toBe('unavailable');
    await expect(none.release()).resolves.toBeUndefined();
    expect(browserWakeLock(undefined, undefined).supported).toBe(false);
    const { lock } = setup(true);
    expect(lock.supported).toBe(true);
    expect(await lock.acquire()).toBe('unavailable');
    await expect(lock.release()).resolves.toBeUndefined();
  });

  it('releases a lock granted after release() was called while the request was in flight', async () => {
    const s = fakeSentinel();
    let grant: (v: SentinelLike) => void = () => undefined;
    const request = () => new Promise<SentinelLike>((r) => (grant = r));
    const lock = browserWakeLock({ wakeLock: { request } }, fakeDoc().doc);
    const acquiring = lock.acquire();
    await lock.release();
    grant(s);
    expect(await acquiring).toBe('unavailable');
    expect(s.release).toHaveBeenCalledTimes(1);
  });
});
