/**
 * English in two parts (src/i18n/t.ts): the first screen's text is bundled,
 * the rest is a chunk fetched when English is set at start but not awaited.
 * Until it comes, t() gives '' for a key of the rest (never the key) and
 * fills in reactively; switching to English from another language waits for
 * it like any catalogue, and a failed fetch keeps the current language. The
 * chunk is held and failed by hand (vi.doMock of src/i18n/enRest.ts), each
 * test on a fresh i18n module.
 */
import { createMemo, createRoot } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const rest = vi.hoisted(() => ({
  fetches: 0,
  fail: false,
  release: () => undefined as void,
  held: Promise.resolve(),
}));

/** Holds the rest of English until `rest.release()`. */
function hold(): void {
  rest.held = new Promise<void>((resolve) => {
    rest.release = resolve;
  });
}

/** A fresh i18n module whose rest of English comes through `rest` (counted, held, failed). */
async function freshI18n() {
  vi.resetModules();
  vi.doMock('../../../src/i18n/enRest.ts', async (importOriginal) => {
    rest.fetches += 1;
    await rest.held;
    if (rest.fail) throw new TypeError('Failed to fetch dynamically imported module');
    return importOriginal();
  });
  return import('../../../src/i18n');
}

beforeEach(() => {
  rest.fetches = 0;
  rest.fail = false;
  rest.held = Promise.resolve();
});
afterEach(() => {
  document.documentElement.lang = '';
  document.documentElement.dir = '';
});

describe('the rest of English', () => {
  it('is fetched when English is set at start, without setLocale waiting for it', async () => {
    hold();
    const i18n = await freshI18n();
    // Resolves with the chunk still held: the first paint does not wait for it.
    await i18n.setLocale('en');
    expect(document.documentElement.lang).toBe('en');
    await vi.waitFor(() => expect(rest.fetches).toBe(1));
    expect(i18n.textReady()).toBe(false);
    expect(i18n.t('bar.list')).toBe('List');
    expect(i18n.t('status.connected', { count: 2 })).toBe('Connected to 2 relays');
    rest.release();
    await i18n.whenTextReady();
    expect(i18n.textReady()).toBe(true);
    expect(i18n.t('settings.heading')).toBe('Settings');
    expect(rest.fetches).toBe(1);
  });

  it('reads as nothing (not the key) until it comes, then fills in reactively', async () => {
    hold();
    const i18n = await freshI18n();
    await i18n.setLocale('en');
    await createRoot(async (dispose) => {
      const heading = createMemo(() => i18n.t('settings.heading'));
      const list = createMemo(() => i18n.t('list.heading'));
      expect([heading(), list()]).toEqual(['', '']);
      rest.release();
      await i18n.whenTextReady();
      expect([heading(), list()]).toEqual(['Settings', 'Gathering points']);
      dispose();
    });
  });

  it('is waited for when switching to English from another language; a failed fetch keeps the language', async () => {
    const i18n = await freshI18n();
    await i18n.setLocale('ru');
    // Another language is whole: nothing of English is fetched for it.
    expect(i18n.textReady()).toBe(true);
    await i18n.whenTextReady();
    expect(rest.fetches).toBe(0);
    const russian = i18n.t('settings.heading');
    expect(russian).not.toBe('Settings');

    rest.fail = true;
    await expect(i18n.setLocale('en')).rejects.toThrow(); // vitest wraps the factory's error in its own
    expect([i18n.locale(), document.documentElement.lang, i18n.t('settings.heading')]).toEqual(['ru', 'ru', russian]);

    // Trying again once the connection is back works, and the text is whole at once.
    rest.fail = false;
    await i18n.setLocale('en');
    expect([i18n.locale(), i18n.textReady(), i18n.t('settings.heading')]).toEqual(['en', true, 'Settings']);
  });

  it('whenTextReady rejects while the chunk cannot come and fetches again when asked again', async () => {
    rest.fail = true;
    const i18n = await freshI18n();
    await i18n.setLocale('en');
    await expect(i18n.whenTextReady()).rejects.toThrow(); // vitest wraps the factory's error in its own
    expect(i18n.textReady()).toBe(false);
    expect(i18n.t('settings.heading')).toBe('');
    rest.fail = false;
    await i18n.whenTextReady();
    expect(i18n.t('settings.heading')).toBe('Settings');
    expect(await i18n.loadCatalogue('en')).toMatchObject({ 'bar.list': 'List', 'settings.heading': 'Settings' });
  });
});
