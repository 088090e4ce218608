/** The panic wipe erases every store it can reach, in parallel, and always navigates away within its bound. */
import { describe, expect, it } from 'vitest';
import {
  eraseAppData,
  panicWipe,
  SWEEP_MS,
  WAIT_MS,
  type IdbFactoryLike,
  type PanicWipeDeps,
} from '../../../src/platform/panicWipe';
import { unregisterAllServiceWorkers } from '../../../src/platform/serviceWorker';
import { PACKS_DIR } from '../../../src/platform/packIndex';
import { wipePacks } from '../../../src/platform/wipePacks';
import { FakeOpfsDirectory } from '../../fixtures/fakeOpfs';

type Outcome = 'success' | 'error' | 'blocked' | 'hang';
type Request = ReturnType<IdbFactoryLike['deleteDatabase']>;

/** A fake browser: records every step; deleteDatabase settles as `outcome(name)` says ('hang' fires no event). */
function fakeBrowser(
  opts: { dbs?: string[] | 'no-databases'; caches?: string[]; outcome?: (name: string) => Outcome } = {},
) {
  const log: string[] = [];
  let clock = 0;
  const waits: number[] = [];
  const idb: IdbFactoryLike = {
    deleteDatabase(name) {
      log.push(`delete-db ${name}`);
      const request: Request = { onsuccess: null, onerror: null, onblocked: null };
      const outcome = opts.outcome?.(name) ?? 'success';
      queueMicrotask(() => {
        const fire = (h: Request['onsuccess']) => (h as (() => void) | null)?.();
        if (outcome === 'success') fire(request.onsuccess);
        else if (outcome === 'error') fire(request.onerror);
        else if (outcome === 'blocked') fire(request.onblocked);
      });
      return request;
    },
  };
  if (opts.dbs !== 'no-databases') {
    const dbs = opts.dbs ?? ['vada'];
    idb.databases = () => Promise.resolve(dbs.map((name) => ({ name })));
  }
  const cacheNames = new Set(opts.caches ?? []);
  const deps: PanicWipeDeps = {
    closeDb: () => (log.push('close-db'), Promise.resolve()),
    indexedDB: idb,
    caches: {
      keys: () => Promise.resolve([...cacheNames]),
      delete: (name) => (log.push(`delete-cache ${name}`), Promise.resolve(cacheNames.delete(name))),
    },
    unregisterServiceWorkers: () => (log.push('unregister-sw'), Promise.resolve()),
    removePacks: () => (log.push('remove-packs'), Promise.resolve()),
    localStorage: { clear: () => log.push('clear-local') },
    sessionStorage: { clear: () => log.push('clear-session') },
    navigate: (url) => log.push(`navigate ${url}`),
    now: () => clock,
    // Virtual time: a wait elapses quickly but moves the clock to its end, so the measured time shows it.
    wait: (ms) => {
      waits.push(ms);
      const due = clock + ms;
      // Real delays in the same order as the virtual ones, 35 times shorter.
      return new Promise((resolve) =>
        setTimeout(() => {
          clock = Math.max(clock, due);
          resolve();
        }, ms / 35),
      );
    },
  };
  return { deps, log, waits, cacheNames, advance: (ms: number) => (clock += ms) };
}

describe('panicWipe', () => {
  it('deletes every database, cache and map pack, unregisters workers, clears both storages, then navigates to about:blank', async () => {
    const b = fakeBrowser({ dbs: ['vada', 'gun', 'other'], caches: ['tiles-v1', 'workbox-precache'] });
    await panicWipe(b.deps);
    expect(new Set(b.log)).toEqual(
      new Set([
        'close-db',
        'delete-db vada',
        'delete-db gun',
        'delete-db other',
        'delete-cache tiles-v1',
        'delete-cache workbox-precache',
        'unregister-sw',
        'remove-packs',
        'clear-local',
        'clear-session',
        'navigate about:blank',
      ]),
    );
    expect(b.cacheNames.size).toBe(0);
    // Twice: a pack file an import was still writing may only go on the second pass.
    expect(b.log.filter((l) => l === 'remove-packs')).toHaveLength(2);
    expect(b.log.at(-1)).toBe('navigate about:blank');
  });

  it('deletes the imported map packs: the whole OPFS directory, files and index', async () => {
    const root = new FakeOpfsDirectory();
    const packs = await root.getDirectoryHandle(PACKS_DIR, { create: true });
    for (const name of ['index.json', 'abcdef012345.pmtiles']) {
      const w = await (await packs.getFileHandle(name, { create: true })).createWritable();
      await w.write('bytes');
      await w.close();
    }
    const kept = await root.getFileHandle('other-app-file', { create: true });
    const b = fakeBrowser();
    b.deps.removePacks = () => wipePacks(root);
    await panicWipe(b.deps);
    expect(root.names()).toEqual(['other-app-file']);
    expect(root.entries.get('other-app-file')).toBe(kept);
    // Nothing to delete (never imported, or wiped already) is no failure.
    await expect(wipePacks(root)).resolves.toBeUndefined();
    await expect(wipePacks(undefined)).resolves.toBeUndefined();
  });

  it('stops the page writing settings before it clears them (a late map move must not bring one back)', async () => {
    const b = fakeBrowser();
    b.deps.stopWrites = () => void b.log.push('stop-writes');
    await panicWipe(b.deps);
    expect(b.log.slice(0, 2)).toEqual(['stop-writes', 'clear-local']);
  });

  it('sweeps a second time: a cache the service worker re-created during the first pass is gone too', async () => {
    const b = fakeBrowser({ dbs: ['vada'], caches: ['vada-tiles-browsed-v1'] });
    const first = b.deps.caches?.delete.bind(b.deps.caches);
    let recreated = false;
    if (b.deps.caches && first)
      b.deps.caches.delete = async (name) => {
        const done = await first(name);
        if (!recreated) {
          recreated = true;
          b.cacheNames.add(name);
        }
        return done;
      };
    await panicWipe(b.deps);
    expect(recreated).toBe(true);
    expect(b.cacheNames.size).toBe(0);
    expect(b.log.filter((l) => l === 'delete-cache vada-tiles-browsed-v1')).toHaveLength(2);
  });

  it('deletes "vada" by name when the browser cannot list databases', async () => {
    const b = fakeBrowser({ dbs: 'no-databases' });
    await panicWipe(b.deps);
    expect(b.log).toContain('delete-db vada');
    expect(b.log.at(-1)).toBe('navigate about:blank');
  });

  it('navigates after at most WAIT_MS when a deletion never settles, and reports the time taken', async () => {
    const b = fakeBrowser({ dbs: ['vada', 'stuck'], outcome: (n) => (n === 'vada' ? 'success' : 'hang') });
    const ms = await panicWipe(b.deps);
    expect(b.waits).toContain(WAIT_MS);
    expect(b.waits).toContain(SWEEP_MS);
    expect(WAIT_MS).toBeLessThanOrEqual(700);
    expect(ms).toBe(WAIT_MS + SWEEP_MS);
    expect(ms).toBeLessThanOrEqual(1000);
    expect(b.log.at(-1)).toBe('navigate about:blank');
  });

  it('does not wait for a deletion blocked by another tab (the browser keeps it queued)', async () => {
    const b = fakeBrowser({
      dbs: ['vada', 'held-by-other-tab'],
      outcome: (n) => (n === 'vada' ? 'success' : 'blocked'),
    });
    b.deps.closeDb = () => (b.advance(3), Promise.resolve());
    expect(await panicWipe(b.deps)).toBe(3);
    expect(b.log).toContain('delete-db held-by-other-tab');
    expect(b.log.at(-1)).toBe('navigate about:blank');
  });

  it("deletes Vada's database after closing this page's connection, or anyway when closing hangs", async () => {
    const b = fakeBrowser({ dbs: ['vada'] });
    await panicWipe(b.deps);
    expect(b.log.indexOf('close-db')).toBeLessThan(b.log.indexOf('delete-db vada'));
    const hung = fakeBrowser({ dbs: ['vada'] });
    hung.deps.closeDb = () => new Promise(() => undefined);
    await panicWipe(hung.deps);
    expect(hung.log).toContain('delete-db vada');
  });

  it('returns the measured time when everything finishes quickly, without waiting for the bound', async () => {
    const b = fakeBrowser({ dbs: ['vada'] });
    b.deps.closeDb = () => (b.advance(37), Promise.resolve());
    expect(await panicWipe(b.deps)).toBe(37);
  });

  it('still erases the rest and navigates when steps fail or APIs are missing', async () => {
    const b = fakeBrowser({ dbs: ['vada'], outcome: () => 'error' });
    b.deps.caches = undefined;
    b.deps.sessionStorage = {
      clear: () => {
        throw new Error('SecurityError');
      },
    };
    b.deps.unregisterServiceWorkers = () => Promise.reject(new Error('no worker'));
    b.deps.closeDb = () => Promise.reject(new Error('never opened'));
    await expect(panicWipe(b.deps)).resolves.toBeTypeOf('number');
    expect(b.log).toEqual(expect.arrayContaining(['clear-local', 'delete-db vada', 'navigate about:blank']));
  });
});

describe('eraseAppData (setting or removing the PIN)', () => {
  it("deletes Vada's database and the tile caches, keeps settings and the worker, and does not navigate", async () => {
    const b = fakeBrowser({
      dbs: ['vada', 'workbox-expiration'],
      caches: ['vada-tiles-browsed-v1', 'vada-tiles-saved-v1'],
    });
    await eraseAppData(b.deps);
    expect(new Set(b.log)).toEqual(
      new Set(['close-db', 'delete-db vada', 'delete-cache vada-tiles-browsed-v1', 'delete-cache vada-tiles-saved-v1']),
    );
    expect(b.log).toHaveLength(4);
  });

  it('starts fresh: deletes the whole database, then makes it anew, even when the deletion was queued (blocked)', async () => {
    for (const outcome of ['success', 'blocked'] as const) {
      const b = fakeBrowser({ outcome: () => outcome });
      b.deps.recreateDb = async () => void b.log.push('recreate-db');
      await eraseAppData(b.deps);
      const db = b.log.filter((l) => l.endsWith('-db vada') || l === 'recreate-db' || l === 'close-db');
      expect(db).toEqual(['close-db', 'delete-db vada', 'recreate-db']);
    }
  });
});

describe('unregisterAllServiceWorkers', () => {
  it('unregisters every registration, even when one refuses', async () => {
    const done: string[] = [];
    const reg = (name: string, ok = true) => ({
      unregister: () => (done.push(name), ok ? Promise.resolve(true) : Promise.reject(new Error('x'))),
    });
    await unregisterAllServiceWorkers({
      getRegistrations: () => Promise.resolve([reg('a'), reg('b', false), reg('c')]),
    });
    expect(done).toEqual(['a', 'b', 'c']);
  });

  it('sweeps again once a registration still in flight from boot settles', async () => {
    const done: string[] = [];
    const live = new Set(['old']);
    const reg = (name: string) => ({ unregister: () => (done.push(name), live.delete(name), Promise.resolve(true)) });
    let finishBoot!: () => void;
    const pending = new Promise<void>((resolve) => (finishBoot = resolve));
    const container = { getRegistrations: () => Promise.resolve([...live].map(reg)) };
    const wiping = unregisterAllServiceWorkers(container, pending);
    await new Promise((r) => setTimeout(r, 5));
    expect(done).toEqual(['old']);
    live.add('registered-at-boot');
    finishBoot();
    await wiping;
    expect(done).toEqual(['old', 'registered-at-boot']);
    expect(live.size).toBe(0);
  });

  it('tells each active worker to store nothing more before unregistering it', async () => {
    const log: string[] = [];
    const reg = (name: string, active: boolean) => ({
      active: active ? { postMessage: (m: unknown) => void log.push(`${name} ${JSON.stringify(m)}`) } : null,
      unregister: () => (log.push(`${name} unregister`), Promise.resolve(true)),
    });
    await unregisterAllServiceWorkers({ getRegistrations: () => Promise.resolve([reg('a', true), reg('b', false)]) });
    expect(log).toEqual(['a {"type":"VADA_WIPE"}', 'a unregister', 'b unregister']);
  });

  it('does nothing without service worker support', async () => {
    await expect(unregisterAllServiceWorkers(undefined)).resolves.toBeUndefined();
  });
});
