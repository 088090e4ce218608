/** Map packs slice: list, import with progress/cancel/refusal, keep a relay pack, delete, export, wipe. */
import { createRoot } from 'solid-js';
import { describe, expect, it } from 'vitest';
import type { RelayTilePack } from '../../../src/domain/tilePacks';
import type { SavedAreaRow } from '../../../src/platform/savedAreaStore';
import { oldTown } from '../../fixtures/savedAreaRows';
import { createMapPacks, type MapPacksDeps } from '../../../src/state/createMapPacks';
import { fakePackFiles, fakePackStore, packRecord } from '../../fixtures/fakePackStore';

const settle = () => new Promise((r) => setTimeout(r, 0));

const relayPack: RelayTilePack = {
  url: 'https://relay.test/packs/minsk.pmtiles',
  name: 'Minsk',
  attribution: '© Relay Maps',
  tileType: 'png',
  minZoom: 8,
  maxZoom: 15,
  bounds: { west: 27.4, south: 53.8, east: 27.7, north: 54 },
  bytes: 9_000_000,
  etag: '"abc"',
};

const area = oldTown;

function setup(over: Partial<MapPacksDeps> = {}, shares = false) {
  const store = fakePackStore([packRecord('aaaaaaaa', { name: 'Centre' })]);
  const files = fakePackFiles(shares);
  let stored = 0;
  const exportedAreas: SavedAreaRow[] = [];
  const relayOpened: string[] = [];
  const slice = createRoot(() =>
    createMapPacks({
      store,
      relayPacks: [relayPack],
      openRelay: async (p) => {
        relayOpened.push(p.url);
        return undefined;
      },
      exportSavedArea: async (a) => {
        exportedAreas.push(a);
        return new Blob([new Uint8Array([1, 2, 3])]);
      },
      savedArea: (id) => (id === area.id ? area : undefined),
      files,
      onStored: () => stored++,
      ...over,
    }),
  );
  return { slice, store, files, stored: () => stored, exportedAreas, relayOpened };
}

describe('createMapPacks', () => {
  it('lists device packs and relay packs, and puts both on the map (device first in the list)', async () => {
    const s = setup();
    await settle();
    expect(s.slice.packs().map((p) => p.id)).toEqual(['aaaaaaaa']);
    expect(s.slice.relayPacks()).toMatchObject([
      { id: `relay:${relayPack.url}`, fileName: 'minsk.pmtiles', kept: false, name: 'Minsk' },
    ]);
    expect(s.slice.onMap()).toEqual([
      expect.objectContaining({ id: 'aaaaaaaa', where: 'device', attribution: '© Test Maps', minZoom: 10 }),
      expect.objectContaining({ id: `relay:${relayPack.url}`, where: 'relay', attribution: '© Relay Maps' }),
    ]);
  });

  it('imports a file with progress, then lists it and says storage changed', async () => {
    const s = setup();
    await settle();
    const file = new File([new Uint8Array(10)], 'city.pmtiles');
    const result = s.slice.importFile(file, 'city.pmtiles');
    const running = s.store.imports[0];
    expect(running?.source).toEqual({ kind: 'file', file });
    expect(s.slice.task()).toEqual({ kind: 'file', name: 'city.pmtiles', written: 0, total: 10 });
    running?.progress(4, 10);
    expect(s.slice.task()).toMatchObject({ written: 4, total: 10 });
    // One import at a time: a second one is not started.
    expect(await s.slice.importFile(file, 'again.pmtiles')).toBeUndefined();
    expect(s.store.imports).toHaveLength(1);
    running?.finish(packRecord('bbbbbbbb', { fileName: 'city.pmtiles' }));
    expect((await result)?.id).toBe('bbbbbbbb');
    expect(s.slice.task()).toBeUndefined();
    expect(s.slice.packs().map((p) => p.id)).toEqual(['aaaaaaaa', 'bbbbbbbb']);
    expect(s.stored()).toBe(1);
    expect(s.slice.refusal()).toBeUndefined();
  });

  it('a refused file leaves a refusal with its code and the packs already there', async () => {
    const s = setup();
    await settle();
    const result = s.slice.importFile(new Blob(['nope']), 'notes.txt');
    s.store.imports[0]?.refuse('not-pmtiles');
    expect(await result).toBeUndefined();
    expect(s.slice.refusal()).toEqual({ name: 'notes.txt', code: 'not-pmtiles' });
    expect(s.slice.task()).toBeUndefined();
    expect(s.slice.packs().map((p) => p.id)).toEqual(['aaaaaaaa']);
    s.slice.dismissRefusal();
    expect(s.slice.refusal()).toBeUndefined();
  });

  it('an error that is no PackProblem is worded as read-failed', async () => {
    const s = setup({
      store: {
        ...fakePackStore(),
        importFile: () => ({ done: Promise.reject(new TypeError('boom')), cancel() {} }),
      },
    });
    await s.slice.importFile(new Blob(['x']), 'x.pmtiles');
    expect(s.slice.refusal()).toEqual({ name: 'x.pmtiles', code: 'read-failed' });
  });

  it('cancel stops the import without a refusal to explain', async () => {
    const s = setup();
    await settle();
    const result = s.slice.importFile(new Blob([new Uint8Array(100)]), 'big.pmtiles');
    s.store.imports[0]?.progress(50, 100);
    s.slice.cancel();
    expect(await result).toBeUndefined();
    expect(s.store.imports[0]?.cancelled()).toBe(true);
    expect(s.slice.task()).toBeUndefined();
    expect(s.slice.refusal()).toBeUndefined();
    expect(s.slice.packs()).toHaveLength(1);
  });

  it('keeps a relay pack on this phone through importUrl; then it is marked kept and off the map as relay', async () => {
    const s = setup();
    await settle();
    const id = `relay:${relayPack.url}`;
    const result = s.slice.keep(id);
    const running = s.store.imports[0];
    expect(running?.source).toEqual({ kind: 'url', url: relayPack.url });
    expect(running?.fileName).toBe('minsk.pmtiles');
    expect(s.slice.task()).toMatchObject({ kind: 'relay', name: 'Minsk', total: relayPack.bytes });
    running?.finish(packRecord('cccccccc', { fileName: 'minsk.pmtiles', bytes: relayPack.bytes }));
    await result;
    expect(s.slice.relayPacks()[0]?.kept).toBe(true);
    expect(s.slice.onMap().map((p) => p.where)).toEqual(['device', 'device']);
    expect(await s.slice.keep('relay:https://elsewhere/x.pmtiles')).toBeUndefined();
  });

  it('opens device packs from the store and relay packs over their URL', async () => {
    const s = setup();
    await s.slice.open('aaaaaaaa');
    await s.slice.open(`relay:${relayPack.url}`);
    await s.slice.open('relay:https://unknown/x.pmtiles');
    expect(s.store.opened).toEqual(['aaaaaaaa']);
    expect(s.relayOpened).toEqual([relayPack.url]);
  });

  it('deletes a pack and lists the rest', async () => {
    const s = setup();
    await settle();
    await s.slice.remove('aaaaaaaa');
    expect(s.store.removed).toEqual(['aaaaaaaa']);
    expect(s.slice.packs()).toEqual([]);
    expect(s.stored()).toBe(1);
  });

  it('exports an imported pack as its own file: shared where the share sheet takes it, else downloaded', async () => {
    const file = new File([new Uint8Array(3)], 'Centre.pmtiles');
    const downloading = setup();
    downloading.store.files.set('aaaaaaaa', file);
    expect(await downloading.slice.exportPack('aaaaaaaa')).toBe('downloaded');
    expect(downloading.files.given).toEqual([{ how: 'download', file }]);
    expect(downloading.slice.exported()).toBe('downloaded');

    const sharing = setup({}, true);
    sharing.store.files.set('aaaaaaaa', file);
    expect(await sharing.slice.exportPack('aaaaaaaa')).toBe('shared');
    expect(sharing.files.given).toEqual([{ how: 'share', file }]);
    expect(await sharing.slice.exportPack('gone')).toBe('failed');
    expect(sharing.slice.exported()).toBe('failed');
  });

  it('exports a saved area as a .pmtiles file named after it', async () => {
    const s = setup();
    expect(await s.slice.exportSavedArea('area-1')).toBe('downloaded');
    expect(s.exportedAreas).toEqual([area]);
    const given = s.files.given[0]?.file;
    expect(given?.name).toBe('Old-town.pmtiles');
    expect(given?.size).toBe(3);
    expect(s.slice.exporting()).toBeUndefined();
    expect(await s.slice.exportSavedArea('no-such-area')).toBe('failed');
  });

  it('a failed saved-area export says so', async () => {
    const s = setup({ exportSavedArea: () => Promise.reject(new Error('no tiles')) });
    expect(await s.slice.exportSavedArea('area-1')).toBe('failed');
    expect(s.slice.exported()).toBe('failed');
    expect(s.files.given).toEqual([]);
  });

  it('forget (panic wipe) empties the list, cancels a running import and starts no new one', async () => {
    const s = setup();
    await settle();
    const result = s.slice.importFile(new Blob([new Uint8Array(5)]), 'x.pmtiles');
    s.slice.forget();
    expect(await result).toBeUndefined();
    expect(s.store.imports[0]?.cancelled()).toBe(true);
    expect(s.slice.packs()).toEqual([]);
    expect(s.slice.onMap().filter((p) => p.where === 'device')).toEqual([]);
    expect(await s.slice.importFile(new Blob(['y']), 'y.pmtiles')).toBeUndefined();
    expect(s.store.imports).toHaveLength(1);
  });
});
