/**
 * The pack store loads with its PMTiles reader on first use: calls are handed
 * through once it loaded, a cancel pressed before that still cancels the
 * import, and a module that cannot be fetched is a PackProblem('read-failed'),
 * tried again on the next use rather than remembered.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isPackProblem } from '../../../src/domain/packProblem';

afterEach(() => {
  vi.doUnmock('../../../src/platform/packStore');
  vi.resetModules();
});

describe('openPackStoreLazily', () => {
  it('hands calls through, and a cancel made before the store loaded reaches the import', async () => {
    const cancel = vi.fn();
    const store = {
      list: vi.fn(async () => [{ id: 'p1' }]),
      importFile: vi.fn(() => ({ done: new Promise(() => {}), cancel })),
    };
    vi.doMock('../../../src/platform/packStore', () => ({ openPackStore: () => store }));
    const { openPackStoreLazily } = await import('../../../src/platform/loadPackStore');
    const lazy = openPackStoreLazily();
    const started = lazy.importFile(new Blob(['x']), 'city.pmtiles', () => {});
    started.cancel();
    await vi.waitFor(() => expect(cancel).toHaveBeenCalled());
    expect(store.importFile).toHaveBeenCalledWith(expect.any(Blob), 'city.pmtiles', expect.any(Function));
    await expect(lazy.list()).resolves.toEqual([{ id: 'p1' }]);
  });

  it('says read-failed when the module cannot be loaded', async () => {
    vi.doMock('../../../src/platform/packStore', () => {
      throw new Error('Failed to fetch dynamically imported module');
    });
    const { openPackStoreLazily } = await import('../../../src/platform/loadPackStore');
    const error = await openPackStoreLazily()
      .list()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isPackProblem(error) && error.code).toBe('read-failed');
  });

  it('loads the store on the next use after a failed load', async () => {
    let reachable = false;
    vi.doMock('../../../src/platform/packStore', () => {
      if (!reachable) throw new Error('Failed to fetch dynamically imported module');
      return { openPackStore: () => ({ list: async () => [{ id: 'p2' }] }) };
    });
    const { openPackStoreLazily } = await import('../../../src/platform/loadPackStore');
    const lazy = openPackStoreLazily();
    const error = await lazy.list().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isPackProblem(error) && error.code).toBe('read-failed');
    reachable = true;
    await expect(lazy.list()).resolves.toEqual([{ id: 'p2' }]);
  });
});
