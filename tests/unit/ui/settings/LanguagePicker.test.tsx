/**
 * The language picker in Settings: every language named in itself and marked
 * with its own lang, the current one selected; choosing one changes the whole
 * sheet at once (Persian mirrors it), is kept for the next start, says
 * "Loading…" while its catalogue comes, and says plainly when it could not be
 * loaded. Real catalogues, except two loads the test holds: Belarusian fails
 * (as offline before the worker cached it) and Ukrainian waits for the test.
 */
import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LANGUAGE_NAMES, LOCALES, pickLocale, setLocale } from '../../../../src/i18n';
import type { Catalogue } from '../../../../src/i18n/catalogue';
import fa from '../../../../src/i18n/locales/fa';
import { createMemorySettingsStore, type SettingsStore } from '../../../../src/platform/settingsStore';
import { SettingsSheet } from '../../../../src/ui/settings/SettingsSheet';
import { cleanup, renderVada } from '../../../fixtures/renderVada';
import { makeWorld } from '../../../fixtures/vadaHarness';

const held = vi.hoisted(() => ({ uk: undefined as undefined | (() => void) }));

vi.mock('../../../../src/i18n/locales.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../../src/i18n/locales.ts')>();
  const loadLocaleModule = (tag: Parameters<typeof real.loadLocaleModule>[0]): Promise<{ default: Catalogue }> => {
    if (tag === 'be') return Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    if (tag === 'uk')
      return new Promise((resolve, reject) => {
        held.uk = () => void real.loadLocaleModule('uk').then(resolve, reject);
      });
    return real.loadLocaleModule(tag);
  };
  return { ...real, loadLocaleModule };
});

afterEach(async () => {
  cleanup();
  await setLocale('en');
});

async function renderSheet(settings: SettingsStore = createMemorySettingsStore()) {
  return renderVada(await makeWorld(), () => <SettingsSheet />, { settings });
}
const picker = () => screen.getByRole('combobox', { name: /Language/ }) as HTMLSelectElement;
const title = () => within(screen.getByTestId('settings-sheet')).getByRole('heading', { level: 2 });

describe('LanguagePicker', () => {
  it('names each language in itself, marked with its language, the current one selected', async () => {
    await renderSheet();
    const options = [...picker().options];
    expect(options.map((o) => [o.value, o.textContent, o.lang])).toEqual(LOCALES.map((l) => [l, LANGUAGE_NAMES[l], l]));
    expect(options.map((o) => o.textContent)).toEqual([
      'English',
      'Беларуская',
      'Русский',
      'Українська',
      '繁體中文',
      'فارسی',
    ]);
    expect(options.find((o) => o.value === 'fa')?.dir).toBe('rtl');
    expect(picker().value).toBe('en');
    // The label is readable without the current language: a globe, and English outside English.
    expect(screen.getByText('🌐', { exact: false })).toHaveAttribute('aria-hidden', 'true');
    expect(picker()).toHaveAccessibleName('Language');
  });

  it('choosing Persian switches the whole sheet at once, right to left, and keeps it for the next start', async () => {
    const settings = createMemorySettingsStore();
    const { store } = await renderSheet(settings);
    fireEvent.change(picker(), { target: { value: 'fa' } });
    await waitFor(() => expect(document.documentElement.lang).toBe('fa'));
    expect(document.documentElement.dir).toBe('rtl');
    expect(title()).toHaveTextContent(fa['settings.heading'] as string);
    expect(screen.getByRole('link', { name: fa['settings.group.safety'] as string })).toHaveAttribute(
      'href',
      '#settings-safety',
    );
    expect(picker().value).toBe('fa');
    expect(picker()).toHaveAccessibleName(`${fa['settings.language'] as string} (Language)`);
    expect(screen.getByTestId('language-status')).toHaveTextContent('');
    expect([store.language.change(), settings.load().locale]).toEqual(['idle', 'fa']);

    // A new page on the same settings: a fresh start is English until the saved choice is applied, as main.tsx does.
    cleanup();
    await setLocale('en');
    expect(document.documentElement.dir).toBe('ltr');
    await setLocale(pickLocale([settings.load().locale ?? '', 'en-US']));
    await renderSheet(settings);
    expect(document.documentElement.lang).toBe('fa');
    expect(picker().value).toBe('fa');
    expect(title()).toHaveTextContent(fa['settings.heading'] as string);
  });

  it('says Loading… while a catalogue comes, then switches', async () => {
    const { store } = await renderSheet();
    fireEvent.change(picker(), { target: { value: 'uk' } });
    expect(screen.getByTestId('language-status')).toHaveTextContent('Loading…');
    expect(title()).toHaveTextContent('Settings');
    expect(store.language.change()).toBe('loading');
    held.uk?.();
    await waitFor(() => expect(document.documentElement.lang).toBe('uk'));
    expect(screen.getByTestId('language-status')).toHaveTextContent('');
    expect(title()).not.toHaveTextContent('Settings');
  });

  it('says plainly when a language could not be loaded, and keeps the current one', async () => {
    const settings = createMemorySettingsStore();
    await renderSheet(settings);
    fireEvent.change(picker(), { target: { value: 'be' } });
    const failure = await screen.findByTestId('language-failed');
    expect(failure).toHaveTextContent('Could not load \u2068Беларуская\u2069. Check the connection and try again.');
    expect(failure).toHaveAttribute('role', 'alert');
    expect(picker().value).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(title()).toHaveTextContent('Settings');
    expect(settings.load().locale).toBeUndefined();
    expect(screen.getByTestId('language-status')).toHaveTextContent('');

    // Another choice clears the failure line.
    fireEvent.change(picker(), { target: { value: 'ru' } });
    await waitFor(() => expect(document.documentElement.lang).toBe('ru'));
    expect(screen.queryByTestId('language-failed')).toBeNull();
    expect(settings.load().locale).toBe('ru');
  });
});
