/**
 * Whether offline start works at this address, from how the service worker
 * registration went (a fake Workbox): available once registered; refused
 * because of the certificate (Chromium on a self-signed https origin) or
 * otherwise; and the log line stays.
 */
import { describe, expect, it, vi } from 'vitest';
import { controlServiceWorker, refusalKind, type WorkboxLike } from '../../../src/platform/controlServiceWorker';
import { offlineStart } from '../../../src/platform/serviceWorker';

function workbox(register: () => Promise<unknown>): WorkboxLike {
  return {
    addEventListener: () => undefined,
    register,
    messageSkipWaiting: () => undefined,
    getSW: async () => ({ postMessage: () => undefined }),
  };
}
const deps = { reload: () => undefined, loadedImageUrls: () => [], later: () => undefined };
const settle = () => new Promise((r) => setTimeout(r, 0));

/** The error Chromium rejects register() with on an https origin whose certificate it does not trust. */
const CERT_ERROR = Object.assign(
  new Error(
    "Failed to register a ServiceWorker for scope ('https://vada.test:8765/') with script ('https://vada.test:8765/sw.js'): An SSL certificate error occurred when fetching the script.",
  ),
  { name: 'SecurityError' },
);

describe('offline start state', () => {
  it('tells a certificate refusal from other failures', () => {
    expect(refusalKind(CERT_ERROR)).toBe('certificate');
    expect(
      refusalKind(
        new TypeError(
          'Failed to register a ServiceWorker: A bad HTTP response code (404) was received when fetching the script.',
        ),
      ),
    ).toBe('failed');
    expect(refusalKind('weird')).toBe('failed');
  });

  it('is checking while registering, then available, and tells subscribers', async () => {
    let finish: (v: unknown) => void = () => undefined;
    const seen: string[] = [];
    const off = offlineStart.subscribe(() => seen.push(offlineStart.current()));
    controlServiceWorker(
      workbox(() => new Promise((r) => (finish = r))),
      deps,
    );
    expect(offlineStart.current()).toBe('checking');
    finish({});
    await settle();
    expect(offlineStart.current()).toBe('available');
    expect(seen).toEqual(['checking', 'available']);
    off();
  });

  it('is "certificate" when the browser refused the worker because of the certificate, "failed" otherwise', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    controlServiceWorker(
      workbox(() => Promise.reject(CERT_ERROR)),
      deps,
    );
    await settle();
    expect(offlineStart.current()).toBe('certificate');
    controlServiceWorker(
      workbox(() => Promise.reject(new Error('quota'))),
      deps,
    );
    await settle();
    expect(offlineStart.current()).toBe('failed');
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
  });

  it('tries once more after a failure that was not the certificate, and settles on what the retry says', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const later: Array<() => void> = [];
    const answers = [new Error('network busy'), CERT_ERROR, new Error('never asked')];
    const register = vi.fn(() => Promise.reject(answers.shift()));
    controlServiceWorker(workbox(register), { ...deps, later: (fn: () => void) => void later.push(fn) });
    await settle();
    expect(offlineStart.current()).toBe('failed');
    expect(register).toHaveBeenCalledOnce();
    // The retry waits for `later` (5 s in the browser); the tile re-send is not scheduled on failure.
    expect(later).toHaveLength(1);
    later[0]?.();
    await settle();
    expect(register).toHaveBeenCalledTimes(2);
    expect(offlineStart.current()).toBe('certificate');
    // The certificate is final: no third attempt.
    expect(later).toHaveLength(1);
    warn.mockRestore();
  });
});
