/**
 * A map pack shared to Vada (share target) and opened with it: the worker parks the .pmtiles file
 * as is (never read as text, never among the bundle texts), the page takes it back as a File under
 * its name and lets go of the parked copy only when told; the domain rule says which files are packs.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isPackFile, packDisplayName, packFileName } from '../../../src/domain/packFileName';
import { SHARE_INBOX_CACHE, SHARE_INBOX_KEY, SHARE_PACK_KEY } from '../../../src/domain/shareInbox';
import { takeSharedPack, type ReceivingWindow } from '../../../src/platform/receivedBundles';
import { handleShareTarget } from '../../../service-worker/shareTarget';
import { FakeCacheStorage } from '../../fixtures/fakeCacheStorage';

beforeEach(() => {
  // In a worker the redirect's relative address resolves against the worker's own; Node has none.
  vi.spyOn(Response, 'redirect').mockImplementation(
    (url, status) => new Response(null, { status: status ?? 302, headers: { location: String(url) } }),
  );
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const PACK_BYTES = new Uint8Array([0x50, 0x4d, 0x54, 0x69, 0x6c, 0x65, 0x73, 3, 0, 255]);

function share(...entries: [string, string | File][]): Request {
  const form = new FormData();
  for (const [k, v] of entries) form.append(k, v);
  return new Request('https://vada.test/share-target', { method: 'POST', body: form });
}

const windowOver = (storage: FakeCacheStorage): ReceivingWindow => ({
  location: { href: 'https://vada.test/?shared=1' },
  history: { state: null, replaceState: () => {} },
  caches: storage as unknown as CacheStorage,
});

describe('a map pack shared to Vada', () => {
  it('is parked as is, apart from the texts, and the page gets it back as a file under its name', async () => {
    const storage = new FakeCacheStorage();
    vi.stubGlobal('caches', storage);
    const res = await handleShareTarget({
      request: share(['text', 'see this'], ['file', new File([PACK_BYTES], 'Мінск центр.pmtiles')]),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/?shared=1');
    const inbox = storage.named.get(SHARE_INBOX_CACHE);
    expect(await (await inbox?.match(SHARE_INBOX_KEY))?.json()).toEqual({ texts: ['see this'] });

    const parked = await takeSharedPack(windowOver(storage));
    expect(parked?.file.name).toBe('Мінск центр.pmtiles');
    expect(new Uint8Array(await (parked?.file.arrayBuffer() ?? new ArrayBuffer(0)))).toEqual(PACK_BYTES);
    // Kept until the import is done with it.
    expect(inbox?.entries.has(SHARE_PACK_KEY)).toBe(true);
    await parked?.release();
    expect(inbox?.entries.has(SHARE_PACK_KEY)).toBe(false);
    expect(await takeSharedPack(windowOver(storage))).toBeUndefined();
  });

  it('parks nothing for a share without a pack, and .vada files stay texts', async () => {
    const storage = new FakeCacheStorage();
    vi.stubGlobal('caches', storage);
    await handleShareTarget({ request: share(['file', new File(['vada1:abc'], 'points.vada')]) });
    const inbox = storage.named.get(SHARE_INBOX_CACHE);
    expect(inbox?.entries.has(SHARE_PACK_KEY)).toBe(false);
    expect(await (await inbox?.match(SHARE_INBOX_KEY))?.json()).toEqual({ texts: ['vada1:abc'] });
    expect(await takeSharedPack(windowOver(storage))).toBeUndefined();
    expect(await takeSharedPack({ ...windowOver(storage), caches: undefined })).toBeUndefined();
  });
});

describe('pack file names', () => {
  it('tells a map pack file by its extension (any case) or its type', () => {
    expect(isPackFile({ name: 'City.PMTiles' })).toBe(true);
    expect(isPackFile({ name: 'x.bin', type: 'application/vnd.pmtiles' })).toBe(true);
    expect(isPackFile({ name: 'points.vada', type: 'application/x-vada' })).toBe(false);
    expect(isPackFile({ name: 'pmtiles.txt' })).toBe(false);
  });

  it('lists a pack under its metadata name, else its file name without the extension', () => {
    expect(packDisplayName(' Minsk ', 'a.pmtiles')).toBe('Minsk');
    expect(packDisplayName('', 'river-side.pmtiles')).toBe('river-side');
    expect(packDisplayName('  ', 'notes.bin')).toBe('notes.bin');
  });

  it('names an exported file after the area, letters and digits only', () => {
    expect(packFileName('Old town')).toBe('Old-town.pmtiles');
    expect(packFileName('Плошча / 2020')).toBe('Плошча-2020.pmtiles');
    expect(packFileName('../../etc')).toBe('etc.pmtiles');
    expect(packFileName('***')).toBe('vada-map.pmtiles');
  });
});
