/**
 * The OPFS pack store (src/platform/packStore.ts) over an in-memory OPFS:
 * an import checks the header first, then the space, then streams the file in
 * chunks with progress; the stored pack is listed and reads tile for tile;
 * a refused, cancelled or failed import leaves nothing behind; remove and
 * wipe delete; a damaged index shows only its well-formed rows.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isPackProblem, type PackProblemCode } from '../../../src/domain/packProblem';
import { PACK_INDEX, PACKS_DIR, type PackRecord } from '../../../src/platform/packIndex';
import { openPackStore, SPACE_MARGIN, type PackStoreDeps } from '../../../src/platform/packStore';
import { FakeOpfsDirectory } from '../../fixtures/fakeOpfs';
import { pngTile, testPack } from '../../fixtures/testPacks';

const MINSK = { west: 27.5, south: 53.85, east: 27.6, north: 53.95 };
const BIG_AREA = { west: 27.3, south: 53.7, east: 27.8, north: 54.05 };
const BREST = { west: 23.6, south: 52.05, east: 23.75, north: 52.13 };

afterEach(() => vi.unstubAllGlobals());

function setup(over: Partial<PackStoreDeps> = {}) {
  const root = new FakeOpfsDirectory();
  const changed = vi.fn(async () => undefined);
  const estimate = vi.fn(async () => ({ quota: 10e9, usage: 1e6 }) as { quota?: number; usage?: number });
  let n = 0;
  const deps: PackStoreDeps = {
    root: async () => root,
    estimate,
    fetch: () => Promise.reject(new Error('no network in this test')),
    changed,
    now: () => 1_700_000_000_000 + n,
    newId: () => `pack${String(++n).padStart(8, '0')}`,
    ...over,
  };
  const store = openPackStore(deps);
  const dir = () => root.entries.get(PACKS_DIR) as FakeOpfsDirectory | undefined;
  return { root, store, changed, estimate, dir, disk: root.disk, deps };
}

async function problemOf(p: Promise<unknown>): Promise<PackProblemCode> {
  try {
    await p;
  } catch (e) {
    if (isPackProblem(e)) return e.code;
    throw e;
  }
  throw new Error('expected a refusal');
}

const minsk = testPack('minsk', MINSK, 10, 13, { name: 'Minsk', attribution: '© OpenStreetMap contributors' });

describe('importFile', () => {
  it('stores the pack, lists it with its header facts, and reads every tile back', async () => {
    const { store, changed, dir, deps } = setup();
    const progress: [number, number][] = [];
    const record = await store.importFile(minsk.blob, 'minsk.pmtiles', (w, t) => progress.push([w, t])).done;
    expect(record).toMatchObject({
      name: 'Minsk',
      attribution: '© OpenStreetMap contributors',
      fileName: 'minsk.pmtiles',
      tileType: 'png',
      mime: 'image/png',
      minZoom: 10,
      maxZoom: 13,
      tiles: minsk.tiles.length,
      bytes: minsk.blob.size,
      importedAt: expect.any(Number),
    });
    expect(record.bounds.west).toBeCloseTo(MINSK.west, 6);
    expect(record.bounds.north).toBeCloseTo(MINSK.north, 6);
    expect(progress.at(-1)).toEqual([minsk.blob.size, minsk.blob.size]);
    expect(progress.map(([w]) => w)).toEqual([...progress.map(([w]) => w)].sort((a, b) => a - b));
    expect(dir()?.names()).toEqual([PACK_INDEX, `${record.id}.pmtiles`]);
    expect(await store.list()).toEqual([record]);
    expect(changed).toHaveBeenCalledOnce();
    // A fresh store (another tab, a reload) reads the same from the OPFS.
    const again = openPackStore(deps);
    expect(await again.list()).toEqual([record]);
    const pack = await again.open(record.id);
    for (const t of minsk.tiles) expect(await pack?.tile(t.z, t.x, t.y)).toEqual(pngTile('minsk', t));
    expect(await pack?.tile(14, 0, 0)).toBeUndefined();
  });

  it('streams the file in chunks, never written whole', async () => {
    // ≈ 1 MB: many stream chunks.
    const big = testPack('big', BIG_AREA, 8, 12, { tileBytes: 20_000 });
    expect(big.blob.size).toBeGreaterThan(200_000);
    const { store, disk } = setup();
    let calls = 0;
    await store.importFile(big.blob, 'big.pmtiles', () => calls++).done;
    expect(disk.written).toBeGreaterThanOrEqual(big.blob.size);
    expect(disk.largestChunk).toBeLessThan(big.blob.size / 2);
    expect(calls).toBeGreaterThan(1);
    expect(disk.openWritables).toBe(0);
  });

  it('refuses a file that is not a pack before checking space or writing anything', async () => {
    const { store, estimate, disk, dir, changed } = setup();
    const html = new Blob(['<html><script>alert(1)</script></html>'.repeat(20)]);
    expect(await problemOf(store.importFile(html, 'evil.pmtiles', () => undefined).done)).toBe('not-pmtiles');
    expect(estimate).not.toHaveBeenCalled();
    expect(disk.written).toBe(0);
    expect(dir()).toBeUndefined();
    expect(changed).not.toHaveBeenCalled();
  });

  it('refuses a truncated pack with its reason, and existing packs keep working', async () => {
    const { store, dir } = setup();
    const kept = await store.importFile(minsk.blob, 'minsk.pmtiles', () => undefined).done;
    const cut = minsk.blob.slice(0, Math.floor(minsk.blob.size / 2));
    expect(await problemOf(store.importFile(cut, 'cut.pmtiles', () => undefined).done)).toBe('truncated');
    expect(dir()?.names()).toEqual([PACK_INDEX, `${kept.id}.pmtiles`]);
    expect(await store.list()).toEqual([kept]);
    const t = minsk.tiles[0];
    if (t) expect(await (await store.open(kept.id))?.tile(t.z, t.x, t.y)).toEqual(pngTile('minsk', t));
  });

  it("refuses 'no-space' when the pack and a 10 % margin do not fit, before writing; takes it when they just do", async () => {
    const size = minsk.blob.size;
    const need = Math.ceil(size * (1 + SPACE_MARGIN));
    const tight = setup({ estimate: async () => ({ quota: 50e6, usage: 50e6 - need + 1 }) });
    expect(await problemOf(tight.store.importFile(minsk.blob, 'm.pmtiles', () => undefined).done)).toBe('no-space');
    expect(tight.disk.written).toBe(0);
    const fits = setup({ estimate: async () => ({ quota: 50e6, usage: 50e6 - need }) });
    await expect(fits.store.importFile(minsk.blob, 'm.pmtiles', () => undefined).done).resolves.toMatchObject({
      bytes: size,
    });
    // No estimate at all (older browsers): the write itself is the test.
    const unknown = setup({ estimate: async () => undefined });
    await expect(unknown.store.importFile(minsk.blob, 'm.pmtiles', () => undefined).done).resolves.toBeDefined();
  });

  it("a disk that fills up during the copy refuses 'no-space' and keeps no partial file", async () => {
    const { store, disk, dir } = setup();
    disk.writeLimit = Math.floor(minsk.blob.size / 2);
    expect(await problemOf(store.importFile(minsk.blob, 'm.pmtiles', () => undefined).done)).toBe('no-space');
    expect(dir()?.names() ?? []).toEqual([]);
    expect(disk.openWritables).toBe(0);
    expect(await store.list()).toEqual([]);
  });

  it('cancel during the copy rejects "cancelled", removes the partial file and lists nothing', async () => {
    const big = testPack('big', BIG_AREA, 8, 12, { tileBytes: 20_000 });
    const { store, dir, disk, changed } = setup();
    let chunks = 0;
    const running = store.importFile(big.blob, 'big.pmtiles', () => {
      if (++chunks === 1) running.cancel();
    });
    expect(await problemOf(running.done)).toBe('cancelled');
    expect(chunks).toBeGreaterThanOrEqual(1);
    expect(disk.written).toBeLessThan(big.blob.size);
    expect(dir()?.names() ?? []).toEqual([]);
    expect(disk.openWritables).toBe(0);
    expect(await store.list()).toEqual([]);
    expect(changed).not.toHaveBeenCalled();
  });

  it('cancel before the copy starts rejects "cancelled" with nothing written', async () => {
    const { store, disk } = setup();
    const running = store.importFile(minsk.blob, 'm.pmtiles', () => undefined);
    running.cancel();
    expect(await problemOf(running.done)).toBe('cancelled');
    expect(disk.written).toBe(0);
  });

  it('keeps only the file name of a path, as plain text', async () => {
    const { store } = setup();
    const record = await store.importFile(minsk.blob, 'C:\\maps\\min\u0007sk.pmtiles', () => undefined).done;
    expect(record.fileName).toBe('minsk.pmtiles');
    expect((await store.file(record.id))?.name).toBe('minsk.pmtiles');
  });
});

describe('importUrl (a relay pack)', () => {
  /** A relay's pack URL: GET whole, or one Range → 206, with ETag. */
  function relay(blob: Blob, opts: { length?: boolean; status?: number } = {}) {
    const requests: string[] = [];
    const fetchFn = (async (_url: RequestInfo | URL, init?: RequestInit) => {
      const range = new Headers(init?.headers).get('Range');
      requests.push(range ?? 'GET');
      if (opts.status) return new Response('gone', { status: opts.status });
      const etag = '"v1"';
      if (range) {
        const [, a, b] = /bytes=(\d+)-(\d+)/.exec(range) ?? [];
        const part = blob.slice(Number(a), Number(b) + 1);
        return new Response(part, { status: 206, headers: { 'Content-Length': String(part.size), ETag: etag } });
      }
      const headers: Record<string, string> = { ETag: etag };
      if (opts.length !== false) headers['Content-Length'] = String(blob.size);
      return new Response(blob.stream(), { status: 200, headers });
    }) as typeof fetch;
    return { fetchFn, requests };
  }

  it('checks the header by ranges, streams the body and lists the pack', async () => {
    const server = relay(minsk.blob);
    // The header is read by range requests (urlByteSource, the global fetch), the body by the store's fetch.
    vi.stubGlobal('fetch', server.fetchFn);
    const { store } = setup({ fetch: server.fetchFn });
    const progress: number[] = [];
    const record = await store.importUrl('http://127.0.0.1:8765/packs/minsk.pmtiles', 'minsk.pmtiles', (w) =>
      progress.push(w),
    ).done;
    expect(record).toMatchObject({ name: 'Minsk', bytes: minsk.blob.size, fileName: 'minsk.pmtiles' });
    expect(server.requests[0]).toBe('GET');
    expect(server.requests.some((r) => r.startsWith('bytes=0-'))).toBe(true);
    expect(progress.at(-1)).toBe(minsk.blob.size);
    const t = minsk.tiles.at(-1);
    if (t) expect(await (await store.open(record.id))?.tile(t.z, t.x, t.y)).toEqual(pngTile('minsk', t));
  });

  it("refuses 'read-failed' for an HTTP error or an answer without Content-Length", async () => {
    for (const opts of [{ status: 404 }, { length: false }]) {
      const { store, disk } = setup({ fetch: relay(minsk.blob, opts).fetchFn });
      expect(await problemOf(store.importUrl('http://127.0.0.1:1/p.pmtiles', 'p.pmtiles', () => undefined).done)).toBe(
        'read-failed',
      );
      expect(disk.written).toBe(0);
    }
  });
});

describe('open, file, remove, wipe', () => {
  it('opens only listed packs; a malformed id opens nothing', async () => {
    const { store } = setup();
    const record = await store.importFile(minsk.blob, 'minsk.pmtiles', () => undefined).done;
    expect(await store.open(record.id)).toBeDefined();
    for (const id of ['pack99999999', '../index', 'index.json', '']) expect(await store.open(id)).toBeUndefined();
    expect(await store.file('../x')).toBeUndefined();
  });

  it('gives the stored file as is, under the name it was imported as', async () => {
    const { store } = setup();
    const record = await store.importFile(minsk.blob, 'minsk.pmtiles', () => undefined).done;
    const file = await store.file(record.id);
    expect(file?.name).toBe('minsk.pmtiles');
    expect(new Uint8Array((await file?.arrayBuffer()) ?? new ArrayBuffer(0))).toEqual(
      new Uint8Array(await minsk.blob.arrayBuffer()),
    );
  });

  it('remove deletes one pack (row and file) and tells the worker; the other keeps working', async () => {
    const brest = testPack('brest', BREST, 11, 12);
    const { store, dir, changed } = setup();
    const a = await store.importFile(minsk.blob, 'minsk.pmtiles', () => undefined).done;
    const b = await store.importFile(brest.blob, 'brest.pmtiles', () => undefined).done;
    changed.mockClear();
    await store.remove(a.id);
    expect(await store.list()).toEqual([b]);
    expect(dir()?.names()).toEqual([PACK_INDEX, `${b.id}.pmtiles`]);
    expect(await store.open(a.id)).toBeUndefined();
    expect(changed).toHaveBeenCalledOnce();
    const t = brest.tiles[0];
    if (t) expect(await (await store.open(b.id))?.tile(t.z, t.x, t.y)).toEqual(pngTile('brest', t));
  });

  it('wipe deletes the whole packs directory', async () => {
    const { store, root, changed } = setup();
    await store.importFile(minsk.blob, 'minsk.pmtiles', () => undefined).done;
    await store.wipe();
    expect(root.names()).toEqual([]);
    expect(await store.list()).toEqual([]);
    expect(changed).toHaveBeenCalledTimes(2);
    await expect(store.wipe()).resolves.toBeUndefined();
  });

  it('without an OPFS lists nothing and refuses imports with a reason', async () => {
    const { store } = setup({ root: async () => undefined });
    expect(await store.list()).toEqual([]);
    expect(await problemOf(store.importFile(minsk.blob, 'm.pmtiles', () => undefined).done)).toBe('read-failed');
  });
});

describe('a damaged index', () => {
  it('lists only well-formed rows whose file exists; garbage reads as no packs', async () => {
    const { store, dir } = setup();
    const good = await store.importFile(minsk.blob, 'minsk.pmtiles', () => undefined).done;
    const write = async (text: string) => {
      const w = await (await dir()!.getFileHandle(PACK_INDEX)).createWritable();
      await w.write(text);
      await w.close();
    };
    const missingFile: PackRecord = { ...good, id: 'pack77777777' };
    const bad = [
      { ...good, id: '../../etc' },
      { ...good, tileType: 'svg' },
      { ...good, minZoom: 15 },
      { ...good, bounds: { ...good.bounds, west: 'x' } },
      { ...good, name: 'x'.repeat(81) },
      { ...good, bytes: -1 },
      null,
      'row',
    ];
    await write(JSON.stringify([...bad, good, missingFile, { ...good, mime: 'text/html' }]));
    const listed = await store.list();
    expect(listed).toEqual([good]);
    // The MIME type is derived from the tile type, never taken from storage.
    expect(listed[0]?.mime).toBe('image/png');
    await write('{not json');
    expect(await store.list()).toEqual([]);
  });
});
