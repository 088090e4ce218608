/**
 * A chunk import that can be tried again (src/domain/retryingImport.ts): after
 * a failure it re-imports the chunk the browser's error names under a fresh
 * URL, only for a same-origin `.js` file, keeps the first module that loads,
 * shares an attempt in flight, and gives callers the first import's own error.
 * The browser behaviour it answers (Chromium remembering a failed import) is
 * tests/e2e/chunkRetry.test.ts and tests/e2e/languageSwitch.test.ts.
 */
import { describe, expect, it, vi } from 'vitest';
import { CHUNK_RETRY_PARAM } from '../../../src/domain/chunkRetryParam';
import { failedChunkUrl, freshUrl, retryingImport } from '../../../src/domain/retryingImport';

const ORIGIN = 'http://127.0.0.1:8765';
const CHUNK = `${ORIGIN}/assets/uk-n0NEeydn.js`;
/** What Chromium rejects a failed `import()` with. */
const chromiumError = (url: string) => new TypeError(`Failed to fetch dynamically imported module: ${url}`);
const mod = { default: { 'settings.heading': 'Налаштування' } };

/** A loader that always fails as Chromium's remembered failure does, and an importer the test scripts. */
function remembered(results: ('ok' | 'fail')[]) {
  const load = vi.fn(() => Promise.reject(chromiumError(CHUNK)));
  const urls: string[] = [];
  const importUrl = vi.fn((url: string) => {
    urls.push(url);
    return results.shift() === 'ok' ? Promise.resolve(mod) : Promise.reject(chromiumError(url));
  });
  return { load, importUrl, urls };
}

describe('failedChunkUrl', () => {
  it('is the chunk a fetch failure names, in Chromium and Firefox wording', () => {
    expect(failedChunkUrl(chromiumError(CHUNK), ORIGIN)).toBe(CHUNK);
    expect(
      failedChunkUrl(new TypeError(`error loading dynamically imported module: ${CHUNK}`), ORIGIN),
      'Firefox',
    ).toBe(CHUNK);
  });

  it('drops an earlier retry parameter and keeps any other', () => {
    expect(failedChunkUrl(chromiumError(`${CHUNK}?${CHUNK_RETRY_PARAM}=3`), ORIGIN)).toBe(CHUNK);
    expect(failedChunkUrl(chromiumError(`${CHUNK}?v=2&${CHUNK_RETRY_PARAM}=1`), ORIGIN)).toBe(`${CHUNK}?v=2`);
  });

  it('is nothing for another origin, a file that is not a script, an error that is not a fetch failure, or no URL', () => {
    expect(failedChunkUrl(chromiumError('http://evil.test/assets/x.js'), ORIGIN)).toBeUndefined();
    expect(failedChunkUrl(chromiumError(`${ORIGIN}/assets/x.css`), ORIGIN)).toBeUndefined();
    expect(failedChunkUrl(new Error(`Failed to fetch dynamically imported module: ${CHUNK}`), ORIGIN)).toBeUndefined();
    expect(failedChunkUrl(new TypeError('Importing a module script failed.'), ORIGIN), 'Safari').toBeUndefined();
    expect(failedChunkUrl('offline', ORIGIN)).toBeUndefined();
    expect(failedChunkUrl(chromiumError(CHUNK), undefined)).toBeUndefined();
  });
});

describe('freshUrl', () => {
  it('sets the retry parameter, replacing an earlier one', () => {
    expect(freshUrl(CHUNK, 1)).toBe(`${CHUNK}?${CHUNK_RETRY_PARAM}=1`);
    expect(freshUrl(`${CHUNK}?${CHUNK_RETRY_PARAM}=1`, 2)).toBe(`${CHUNK}?${CHUNK_RETRY_PARAM}=2`);
  });
});

describe('retryingImport', () => {
  it('imports as usual when the chunk loads, once', async () => {
    const load = vi.fn(() => Promise.resolve(mod));
    const importUrl = vi.fn();
    const get = retryingImport(load, { importUrl, origin: ORIGIN });
    await expect(get()).resolves.toBe(mod);
    await expect(get()).resolves.toBe(mod);
    expect(load).toHaveBeenCalledTimes(1);
    expect(importUrl).not.toHaveBeenCalled();
  });

  it('after a failure, fetches the chunk under a newer URL on each call until one loads, then keeps that module', async () => {
    const chunk = remembered(['fail', 'fail', 'ok']);
    const get = retryingImport(chunk.load, { importUrl: chunk.importUrl, origin: ORIGIN });
    // Offline: the first import and its immediate retry fail; the caller sees the first import's error.
    await expect(get()).rejects.toThrow(`Failed to fetch dynamically imported module: ${CHUNK}`);
    await expect(get()).rejects.toThrow(CHUNK);
    // Back online.
    await expect(get()).resolves.toBe(mod);
    expect(chunk.urls).toEqual([1, 2, 3].map((n) => `${CHUNK}?${CHUNK_RETRY_PARAM}=${n}`));
    // The same instance from now on: nothing fetched again (a new URL would be a second copy of the module).
    await expect(get()).resolves.toBe(mod);
    expect(chunk.importUrl).toHaveBeenCalledTimes(3);
    expect(chunk.load).toHaveBeenCalledTimes(3);
  });

  it('shares one attempt between calls made while it is in flight', async () => {
    const chunk = remembered(['ok', 'ok']);
    const get = retryingImport(chunk.load, { importUrl: chunk.importUrl, origin: ORIGIN });
    const [a, b] = await Promise.all([get(), get()]);
    expect(a).toBe(mod);
    expect(b).toBe(mod);
    expect(chunk.urls).toHaveLength(1);
  });

  it('tries nothing else when the failure names no chunk of the app', async () => {
    const importUrl = vi.fn();
    const evaluation = new Error('boom while evaluating');
    const get = retryingImport(() => Promise.reject(evaluation), { importUrl, origin: ORIGIN });
    await expect(get()).rejects.toBe(evaluation);
    const elsewhere = retryingImport(() => Promise.reject(chromiumError('http://evil.test/x.js')), {
      importUrl,
      origin: ORIGIN,
    });
    await expect(elsewhere()).rejects.toThrow('evil.test');
    expect(importUrl).not.toHaveBeenCalled();
  });

  it('uses the original import again when it works (a browser that does not remember failures)', async () => {
    let online = false;
    const load = vi.fn(() => (online ? Promise.resolve(mod) : Promise.reject(chromiumError(CHUNK))));
    const importUrl = vi.fn(() => Promise.reject(chromiumError(`${CHUNK}?${CHUNK_RETRY_PARAM}=1`)));
    const get = retryingImport(load, { importUrl, origin: ORIGIN });
    await expect(get()).rejects.toThrow(CHUNK);
    online = true;
    await expect(get()).resolves.toBe(mod);
    expect(importUrl).toHaveBeenCalledTimes(1);
  });
});
