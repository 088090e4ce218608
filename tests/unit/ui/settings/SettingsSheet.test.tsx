/**
 * The Settings sheet's grouping (issue 11): the language row first, jump
 * links, five headed groups and Help in one heading scheme (sheet title h2,
 * groups h3, their sections h4, no level skipped), Safety one tap away, and
 * every control the sheet had before still there, in the group it belongs to.
 */
import { fireEvent, screen, within } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemorySettingsStore } from '../../../../src/platform/settingsStore';
import { PanicWipeProvider } from '../../../../src/ui/safety/PanicWipeProvider';
import { SettingsSheet } from '../../../../src/ui/settings/SettingsSheet';
import { cleanup, renderVada } from '../../../fixtures/renderVada';
import { makeWorld } from '../../../fixtures/vadaHarness';

afterEach(cleanup);

/** The controls each group holds, by test id (the ids existing unit and e2e tests use). */
const CONTROLS = {
  'settings-map': [
    'share-location',
    'save-area-form',
    'save-area',
    'offline-maps',
    'pack-import',
    'pack-file-input',
    'storage-meter',
  ],
  'settings-alerts': [
    'alert-settings',
    'alert-radius',
    'alert-vibrate',
    'alert-sound',
    'alert-notify',
    'lock-screen-text',
    'discreet-text',
  ],
  'settings-relays': [
    'relay-status',
    'relay-list',
    'relay-input',
    'relay-add',
    'relay-hotspot-help',
    'my-key',
    'my-key-full',
    'my-key-copy',
  ],
  'settings-links': ['link-phone'],
  'settings-safety': ['panic-wipe', 'panic-gesture', 'pin-set', 'pin-new', 'pin-confirm', 'duress-new', 'pin-save'],
  'settings-help': ['first-run-hint-show'],
} as const;

async function renderSheet() {
  const settings = createMemorySettingsStore();
  return renderVada(
    await makeWorld(),
    () => (
      <PanicWipeProvider settings={settings} wipe={() => Promise.resolve()}>
        <SettingsSheet />
      </PanicWipeProvider>
    ),
    { settings },
  );
}

const group = (id: string): HTMLElement => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`no group #${id}`);
  return el;
};

describe('SettingsSheet groups', () => {
  it('puts the language row first, then jump links, then the five groups in order', async () => {
    await renderSheet();
    const body = screen.getByTestId('settings-sheet').querySelector('.sheet-body');
    const order = [...(body?.children ?? [])].map((c) => c.id || c.getAttribute('data-testid'));
    expect(order).toEqual([
      'language-row',
      'settings-jump',
      'settings-map',
      'settings-alerts',
      'settings-relays',
      'settings-links',
      'settings-safety',
      'settings-help',
    ]);
    for (const [id, name] of [
      ['settings-map', 'Map & offline'],
      ['settings-alerts', 'Alerts'],
      ['settings-relays', 'Relays'],
      ['settings-links', 'Nearby phones'],
      ['settings-safety', 'Safety'],
      ['settings-help', 'Help'],
    ] as const)
      expect(screen.getByRole('region', { name })).toBe(group(id));
  });

  it('has one heading scheme: the sheet title h2, groups h3, sections h4, no level skipped', async () => {
    await renderSheet();
    const sheet = screen.getByTestId('settings-sheet');
    const headings = [...sheet.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => [
      Number(h.tagName[1]),
      h.textContent,
    ]);
    expect(headings).toEqual([
      [2, 'Settings'],
      [3, 'Map & offline'],
      [4, 'Location'],
      [4, 'Offline map'],
      [5, 'Saved areas'],
      [4, 'Offline maps'],
      [5, 'Map packs on this phone'],
      [4, 'Storage on this device'],
      [3, 'Alerts'],
      [3, 'Relays'],
      [4, 'This device'],
      [3, 'Nearby phones'],
      [4, 'Link a nearby phone'],
      [3, 'Safety'],
      [4, 'Panic wipe'],
      [4, 'App PIN'],
      [3, 'Help'],
    ]);
    // The dialog is named by its title, every group and section by its own heading.
    expect(screen.getByRole('dialog', { name: 'Settings' })).toBe(sheet);
    for (const section of sheet.querySelectorAll('section[aria-labelledby]')) {
      const label = document.getElementById(section.getAttribute('aria-labelledby') ?? '');
      expect(label?.tagName, section.id || section.className).toMatch(/^H[34]$/);
      expect(section.contains(label)).toBe(true);
    }
  });

  it('keeps every previous control, each in its group', async () => {
    await renderSheet();
    for (const [id, testIds] of Object.entries(CONTROLS))
      for (const testId of testIds)
        expect(within(group(id)).getByTestId(testId), `${testId} in #${id}`).toBeInTheDocument();
    expect(screen.getByLabelText('Relay address')).toBe(screen.getByTestId('relay-input'));
  });

  it('links to each group; Safety is one tap away and takes focus to its heading', async () => {
    await renderSheet();
    const nav = screen.getByRole('navigation', { name: 'Settings sections' });
    const links = within(nav).getAllByRole('link');
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Map & offline', '#settings-map'],
      ['Alerts', '#settings-alerts'],
      ['Relays', '#settings-relays'],
      ['Nearby phones', '#settings-links'],
      ['Safety', '#settings-safety'],
    ]);
    const before = location.hash;
    fireEvent.click(within(nav).getByRole('link', { name: 'Safety' }));
    const heading = within(group('settings-safety')).getByRole('heading', { level: 3, name: 'Safety' });
    expect(document.activeElement).toBe(heading);
    // The address bar's fragment is left alone (invites arrive there).
    expect(location.hash).toBe(before);
    fireEvent.click(within(nav).getByRole('link', { name: 'Alerts' }));
    expect(document.activeElement).toBe(within(group('settings-alerts')).getByRole('heading', { level: 3 }));
  });
});
