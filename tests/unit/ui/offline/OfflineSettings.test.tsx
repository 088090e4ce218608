/** Offline-map settings: OSM refusal explained, estimate before saving, storage warning with the drop order. */
import { screen } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemorySavedAreaStore } from '../../../../src/platform/savedAreaStore';
import { OfflineSettings } from '../../../../src/ui/offline/OfflineSettings';
import { cleanup, renderVada } from '../../../fixtures/renderVada';
import { makeWorld } from '../../../fixtures/vadaHarness';

afterEach(cleanup);

const storage = (usage: number, quota: number, persisted: boolean) => ({
  persist: async () => persisted,
  persisted: async () => persisted,
  estimate: async () => ({ usage, quota }),
});

describe('OfflineSettings', () => {
  it('explains that OpenStreetMap forbids bulk downloads and disables saving', async () => {
    await renderVada(await makeWorld(), () => <OfflineSettings />);
    expect(screen.getByTestId('area-refusal').textContent).toMatch(/OpenStreetMap.*forbid bulk downloads/);
    expect((screen.getByTestId('save-area') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByTestId('area-estimate')).toBeNull();
  });

  it('shows the tile count and size before saving on a host that allows it', async () => {
    await renderVada(await makeWorld(), () => <OfflineSettings />, {
      tiles: {
        policy: { tileUrl: 'https://t.example/{z}/{x}/{y}.png', bulkMaxZoom: 18 },
        store: createMemorySavedAreaStore(),
        storage: storage(1, 100, true),
      },
    });
    expect(screen.getByTestId('area-estimate').textContent).toMatch(/^[\d,]+ tiles, about [\d.]+ (kB|MB)$/);
    expect((screen.getByTestId('save-area') as HTMLButtonElement).disabled).toBe(false);
    expect(await screen.findByTestId('storage-persisted')).toHaveTextContent(/will keep/);
    expect(screen.queryByTestId('storage-warning')).toBeNull();
  });

  it('warns when storage is nearly full and says what goes first', async () => {
    await renderVada(await makeWorld(), () => <OfflineSettings />, {
      tiles: {
        policy: { tileUrl: 'https://t.example/{z}/{x}/{y}.png', bulkMaxZoom: 18 },
        store: createMemorySavedAreaStore(),
        storage: storage(900e6, 1e9, false),
      },
    });
    const warning = await screen.findByTestId('storage-warning');
    expect(warning.textContent).toMatch(/nearly full.*expired points first, then map tiles.*never dropped/);
    expect(screen.getByTestId('storage-persisted')).toHaveTextContent(/may clear/);
    expect(screen.getByTestId('storage-usage')).toHaveTextContent('900 MB used of 1.0 GB available');
  });
});
