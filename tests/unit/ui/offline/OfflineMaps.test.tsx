/**
 * Settings › Offline maps: the packs listed (name or file name, area, zooms, size), import through the
 * file picker and by dropping on the settings sheet, progress with cancel, refusals worded by code,
 * delete after confirmation, export, relay packs kept on this phone, a saved area exported as a pack.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { browserDevice } from '../../../../src/platform/devicePorts';
import { createMemorySavedAreaStore } from '../../../../src/platform/savedAreaStore';
import { OfflineSettings } from '../../../../src/ui/offline/OfflineSettings';
import { SettingsSheet } from '../../../../src/ui/settings/SettingsSheet';
import { fakePackFiles, fakePackStore, packRecord } from '../../../fixtures/fakePackStore';
import { cleanup, renderVada } from '../../../fixtures/renderVada';
import { makeWorld } from '../../../fixtures/vadaHarness';
import { oldTown } from '../../../fixtures/savedAreaRows';

afterEach(cleanup);

const relayPack = {
  url: 'https://relay.test/packs/minsk.pmtiles',
  name: 'Minsk',
  attribution: '© Relay',
  tileType: 'png' as const,
  minZoom: 8,
  maxZoom: 15,
  bounds: { west: 27.4, south: 53.8, east: 27.7, north: 54 },
  bytes: 9_000_000,
};

async function setup(view: 'section' | 'sheet' = 'section', shares = false) {
  const store = fakePackStore([
    packRecord('aaaaaaaa', { name: 'Centre <b>x</b>' }),
    packRecord('bbbbbbbb', { name: '', fileName: 'river-side.pmtiles', bytes: 2_500_000, minZoom: 12, maxZoom: 17 }),
  ]);
  const files = fakePackFiles(shares);
  const areas = createMemorySavedAreaStore();
  await areas.put(oldTown);
  const exported: string[] = [];
  const r = await renderVada(await makeWorld(), () => (view === 'sheet' ? <SettingsSheet /> : <OfflineSettings />), {
    packs: {
      store,
      relayPacks: [relayPack],
      exportSavedArea: async (a) => {
        exported.push(a.id);
        return new Blob([new Uint8Array(7)]);
      },
    },
    tiles: { policy: { tileUrl: 'https://t.example/{z}/{x}/{y}.png', bulkMaxZoom: 16 }, store: areas },
    device: { ...browserDevice(), packFiles: files },
  });
  await screen.findAllByTestId('pack-row');
  return { ...r, packStore: store, files, exported };
}

describe('Offline maps', () => {
  it('says what a pack is and that the panic wipe deletes them, and lists each pack with its facts', async () => {
    await setup();
    const section = screen.getByTestId('offline-maps');
    expect(section.textContent).toMatch(/map pack is one map file.*panic wipe deletes every pack/);
    const rows = screen.getAllByTestId('pack-row');
    expect(rows.map((r) => r.dataset.id)).toEqual(['aaaaaaaa', 'bbbbbbbb']);
    // Metadata text is text: no element made of it.
    expect(rows[0]?.querySelector('b')).toBeNull();
    expect(rows[0]?.textContent).toContain('Centre <b>x</b>');
    expect(rows[0]?.textContent).toMatch(/about 9\.8 km × 11\.1 km, zoom 10–16, 48 MB/);
    // No name in the metadata: the file name without its extension.
    expect(rows[1]?.textContent).toMatch(/^river-side .*zoom 12–17, 2\.5 MB/);
    const input = screen.getByTestId('pack-file-input') as HTMLInputElement;
    expect(input.type).toBe('file');
    expect(input.accept).toContain('.pmtiles');
  });

  it('imports a picked file with a progress bar and cancel', async () => {
    const r = await setup();
    const input = screen.getByTestId('pack-file-input') as HTMLInputElement;
    let clicked = 0;
    input.addEventListener('click', () => clicked++);
    fireEvent.click(screen.getByTestId('pack-import'));
    expect(clicked).toBe(1);
    const file = new File([new Uint8Array(200)], 'city.pmtiles');
    Object.defineProperty(input, 'files', { value: [file] });
    fireEvent.change(input);
    const running = r.packStore.imports[0];
    expect(running?.source).toEqual({ kind: 'file', file });
    running?.progress(50, 200);
    const bar = await screen.findByTestId('pack-progress');
    expect(bar.getAttribute('role')).toBe('progressbar');
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('25'));
    expect((screen.getByTestId('pack-import') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('pack-cancel'));
    await waitFor(() => expect(screen.queryByTestId('pack-progress')).toBeNull());
    expect(running?.cancelled()).toBe(true);
    expect(screen.queryByTestId('pack-problem')).toBeNull();
  });

  it('shows a refusal as an alert worded by its code, and a finished import in the list', async () => {
    const r = await setup();
    const input = screen.getByTestId('pack-file-input') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File(['hello'], 'notes.pmtiles')], configurable: true });
    fireEvent.change(input);
    r.packStore.imports[0]?.refuse('truncated');
    const alert = await screen.findByTestId('pack-problem');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.dataset.code).toBe('truncated');
    expect(alert.textContent).toMatch(/Not imported: notes\.pmtiles\. This map file is cut short/);
    expect(screen.getAllByTestId('pack-row')).toHaveLength(2);

    Object.defineProperty(input, 'files', { value: [new File(['ok'], 'new.pmtiles')], configurable: true });
    fireEvent.change(input);
    await waitFor(() => expect(screen.queryByTestId('pack-problem')).toBeNull());
    r.packStore.imports[1]?.finish(packRecord('cccccccc', { name: 'New one' }));
    await waitFor(() => expect(screen.getAllByTestId('pack-row')).toHaveLength(3));
    expect(screen.getAllByTestId('pack-row')[2]?.textContent).toContain('New one');
  });

  it('imports a file dropped anywhere on the settings sheet', async () => {
    const r = await setup('sheet');
    const file = new File([new Uint8Array(4)], 'dropped.pmtiles');
    const zone = screen.getByTestId('settings-sheet');
    const over = new Event('dragover', { bubbles: true, cancelable: true });
    Object.assign(over, { dataTransfer: { types: ['Files'], dropEffect: 'none' } });
    zone.querySelector('h4')?.dispatchEvent(over);
    expect(over.defaultPrevented).toBe(true);
    const drop = new Event('drop', { bubbles: true, cancelable: true });
    Object.assign(drop, { dataTransfer: { types: ['Files'], files: [file] } });
    screen.getByTestId('share-location').dispatchEvent(drop);
    expect(drop.defaultPrevented).toBe(true);
    expect(r.packStore.imports[0]?.source).toEqual({ kind: 'file', file });
    expect(await screen.findByTestId('pack-progress')).toBeTruthy();
  });

  it('deletes a pack only after confirmation', async () => {
    const r = await setup();
    const row = screen.getAllByTestId('pack-row')[0] as HTMLElement;
    fireEvent.click(within(row).getByTestId('pack-delete'));
    expect(within(row).getByText(/Delete the map pack Centre/)).toBeTruthy();
    fireEvent.click(within(row).getByTestId('pack-delete-cancel'));
    expect(r.packStore.removed).toEqual([]);
    fireEvent.click(within(row).getByTestId('pack-delete'));
    fireEvent.click(within(row).getByTestId('pack-delete-confirm'));
    await waitFor(() => expect(screen.getAllByTestId('pack-row').map((x) => x.dataset.id)).toEqual(['bbbbbbbb']));
    expect(r.packStore.removed).toEqual(['aaaaaaaa']);
  });

  it('exports a pack as its file and says what happened', async () => {
    const r = await setup();
    const file = new File([new Uint8Array(3)], 'centre.pmtiles');
    r.packStore.files.set('aaaaaaaa', file);
    fireEvent.click(within(screen.getAllByTestId('pack-row')[0] as HTMLElement).getByTestId('pack-export'));
    const status = await screen.findByTestId('pack-exported');
    expect(status.dataset.outcome).toBe('downloaded');
    expect(status.textContent).toMatch(/saved to your downloads/);
    expect(r.files.given).toEqual([{ how: 'download', file }]);
  });

  it('keeps a relay pack on this phone', async () => {
    const r = await setup();
    const row = screen.getByTestId('relay-pack-row');
    expect(row.textContent).toMatch(/On this relay: Minsk, 9\.0 MB/);
    fireEvent.click(within(row).getByTestId('pack-save'));
    expect(r.packStore.imports[0]?.source).toEqual({ kind: 'url', url: relayPack.url });
    expect((await screen.findByTestId('pack-progress')).nextElementSibling?.textContent).toMatch(
      /Copying Minsk to this phone/,
    );
    r.packStore.imports[0]?.finish(packRecord('dddddddd', { fileName: 'minsk.pmtiles', bytes: relayPack.bytes }));
    await screen.findByTestId('pack-kept');
    expect(screen.getByTestId('relay-pack-row').dataset.kept).toBe('true');
    expect(screen.queryByTestId('pack-save')).toBeNull();
  });

  it('exports a saved area as a map file', async () => {
    const r = await setup();
    const button = await screen.findByTestId('saved-area-export');
    expect(button.getAttribute('aria-label')).toBe('Export saved area Old town as a map file');
    fireEvent.click(button);
    await screen.findByTestId('pack-exported');
    expect(r.exported).toEqual(['area-1']);
    expect(r.files.given[0]?.file.name).toBe('Old-town.pmtiles');
  });

  it('draws progress with logical sizes only (right-to-left safe), in the section and in the style sheet', async () => {
    const r = await setup();
    const input = screen.getByTestId('pack-file-input') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File([new Uint8Array(4)], 'a.pmtiles')] });
    fireEvent.change(input);
    r.packStore.imports[0]?.progress(1, 4);
    await waitFor(() => expect(screen.getByTestId('pack-progress').getAttribute('aria-valuenow')).toBe('25'));
    const styled = [...screen.getByTestId('offline-maps').querySelectorAll<HTMLElement>('[style]')];
    expect(styled.map((el) => el.getAttribute('style'))).toEqual(['inline-size: 25%;']);
    const css = readFileSync(resolve(__dirname, '../../../../src/ui/shell/app.css'), 'utf8');
    const rules = css.match(/\.pack-[\w-]+[^{]*\{[^}]*\}/g) ?? [];
    expect(rules.length).toBeGreaterThan(2);
    for (const rule of rules)
      expect(rule).not.toMatch(
        /(?:^|[\s;{])(?:left|right|width|height|margin-left|margin-right|padding-left|padding-right|text-align:\s*(?:left|right))\s*:/,
      );
  });
});
