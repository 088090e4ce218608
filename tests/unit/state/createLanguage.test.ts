/**
 * The language slice: the latest choice wins however its catalogue and an
 * earlier one's arrive; a catalogue that cannot be loaded keeps the current
 * language and reports 'failed'; the choice is saved only once it applied.
 * Loaders are gated by hand (vi.mock of the registry), so every order of
 * arrival is chosen by the test, not by timing.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Catalogue } from '../../../src/i18n/catalogue';
import { createMemorySettingsStore, type SettingsStore } from '../../../src/platform/settingsStore';

interface Gate {
  resolve(): void;
  reject(e: Error): void;
}
const gates = vi.hoisted(() => new Map<string, Gate>());

vi.mock('../../../src/i18n/locales.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/i18n/locales.ts')>();
  const { en } = await import('../../../src/i18n/locales/en');
  const loadLocaleModule = (tag: string) =>
    new Promise<{ default: Catalogue }>((resolve, reject) => {
      gates.set(tag, { resolve: () => resolve({ default: { ...en, 'settings.heading': `${tag}:Settings` } }), reject });
    });
  return { ...real, loadLocaleModule };
});

/** Fresh i18n and slice per test: the catalogue cache and the active locale live in module state. */
async function setup(settings: SettingsStore = createMemorySettingsStore()) {
  vi.resetModules();
  const i18n = await import('../../../src/i18n');
  const { createLanguage } = await import('../../../src/state/createLanguage');
  return { i18n, settings, language: createLanguage(settings) };
}

const gate = (tag: string): Gate => {
  const g = gates.get(tag);
  if (!g) throw new Error(`no load of ${tag} was started`);
  return g;
};
/** Lets awaited promise chains run to the end. */
const settle = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => gates.clear());
afterEach(() => {
  document.documentElement.lang = '';
  document.documentElement.dir = '';
});

describe('createLanguage', () => {
  it('applies and saves a choice once its catalogue arrived, saying loading until then', async () => {
    const { i18n, settings, language } = await setup();
    const done = language.choose('be');
    expect(language.change()).toBe('loading');
    expect(language.current()).toBe('en');
    expect(settings.load().locale).toBeUndefined();
    gate('be').resolve();
    expect(await done).toBe(true);
    expect([language.current(), language.change(), settings.load().locale]).toEqual(['be', 'idle', 'be']);
    expect(i18n.t('settings.heading')).toBe('be:Settings');
    expect([document.documentElement.lang, document.documentElement.dir]).toEqual(['be', 'ltr']);
  });

  it('the latest choice wins when the earlier catalogue arrives last', async () => {
    const { settings, language } = await setup();
    const first = language.choose('ru');
    const second = language.choose('fa');
    gate('fa').resolve();
    await second;
    expect([language.current(), document.documentElement.dir]).toEqual(['fa', 'rtl']);
    gate('ru').resolve();
    await first;
    await settle();
    expect([language.current(), language.change(), settings.load().locale]).toEqual(['fa', 'idle', 'fa']);
    expect(document.documentElement.lang).toBe('fa');
  });

  it('the latest choice wins when the earlier catalogue arrives first', async () => {
    const { settings, language } = await setup();
    const first = language.choose('ru');
    const second = language.choose('uk');
    gate('ru').resolve();
    await first;
    // Russian arrived but was no longer wanted: nothing changed, nothing saved, still loading Ukrainian.
    expect([language.current(), language.change(), settings.load().locale]).toEqual(['en', 'loading', undefined]);
    expect(document.documentElement.lang).not.toBe('ru');
    gate('uk').resolve();
    await second;
    expect([language.current(), language.change(), settings.load().locale]).toEqual(['uk', 'idle', 'uk']);
  });

  it('a choice back to a loaded language wins over a catalogue still on its way', async () => {
    const { settings, language } = await setup();
    const slow = language.choose('zh-Hant');
    expect(await language.choose('en')).toBe(true);
    expect([language.current(), language.change(), settings.load().locale]).toEqual(['en', 'idle', 'en']);
    gate('zh-Hant').resolve();
    await slow;
    await settle();
    expect([language.current(), language.change(), settings.load().locale]).toEqual(['en', 'idle', 'en']);
  });

  it('a failed load keeps the current language and the saved choice, and says failed', async () => {
    const { i18n, settings, language } = await setup(createMemorySettingsStore({ locale: 'be' }));
    const toBe = language.choose('be');
    gate('be').resolve();
    await toBe;
    const toRu = language.choose('ru');
    gate('ru').reject(new Error('Failed to fetch dynamically imported module'));
    expect(await toRu).toBe(false);
    expect([language.current(), language.change(), settings.load().locale]).toEqual(['be', 'failed', 'be']);
    expect(i18n.t('settings.heading')).toBe('be:Settings');
    expect(document.documentElement.lang).toBe('be');
    // Trying again once the connection is back works.
    const again = language.choose('ru');
    expect(language.change()).toBe('loading');
    gate('ru').resolve();
    expect(await again).toBe(true);
    expect([language.current(), language.change(), settings.load().locale]).toEqual(['ru', 'idle', 'ru']);
  });

  it('an earlier choice that fails after a later one applied reports nothing', async () => {
    const { settings, language } = await setup();
    const first = language.choose('fa');
    const second = language.choose('uk');
    gate('uk').resolve();
    await second;
    gate('fa').reject(new Error('offline'));
    expect(await first).toBe(false);
    expect([language.current(), language.change(), settings.load().locale]).toEqual(['uk', 'idle', 'uk']);
  });
});
