/**
 * The worker's tile trail (src/platform/tileTrail.ts) over fake storage:
 * kept by default; told "no trail" (an app PIN is set) it deletes the
 * browsed-tile cache and Workbox's expiration database, leaves saved areas,
 * and a restarted worker still knows; told "keep" again (PIN removed) it
 * resumes. Only well-formed TILE_TRAIL messages are read.
 */
import { describe, expect, it } from 'vitest';
import { TILE_CACHES } from '../../../src/domain/tileCaches';
import {
  createTileTrail,
  EXPIRATION_DB,
  TILE_TRAIL,
  tileTrailMessage,
  type TrailIdb,
} from '../../../src/platform/tileTrail';
import { FakeCacheStorage } from '../../fixtures/fakeCacheStorage';

function fakeIdb(outcome: 'success' | 'blocked' | 'error' = 'success') {
  const databases = new Set([EXPIRATION_DB, 'vada']);
  const idb: TrailIdb = {
    deleteDatabase(name) {
      const request = { onsuccess: null, onerror: null, onblocked: null } as ReturnType<TrailIdb['deleteDatabase']>;
      setTimeout(() => {
        if (outcome === 'success') databases.delete(name);
        const handler = { success: request.onsuccess, blocked: request.onblocked, error: request.onerror }[outcome];
        (handler as (() => void) | null)?.();
      }, 1);
      return request;
    },
  };
  return { idb, databases };
}

async function storageWithTrail() {
  const caches = new FakeCacheStorage();
  await (await caches.open(TILE_CACHES.browsed)).put('https://t.example/13/4823/2765.png', new Response('b'));
  await (await caches.open(TILE_CACHES.saved)).put('https://a.t.example/12/2411/1382.png', new Response('s'));
  return caches;
}

describe('createTileTrail', () => {
  it('keeps browsed tiles when nothing was said (no PIN ever set)', async () => {
    const caches = await storageWithTrail();
    expect(await createTileTrail({ caches, indexedDB: fakeIdb().idb }).keeps()).toBe(true);
    expect(await caches.has(TILE_CACHES.browsed)).toBe(true);
  });

  it('with a PIN: deletes the browsed cache and the expiration database, keeps saved areas, remembers', async () => {
    const caches = await storageWithTrail();
    const { idb, databases } = fakeIdb();
    const trail = createTileTrail({ caches, indexedDB: idb });
    await trail.set(false);
    expect(await trail.keeps()).toBe(false);
    expect(await caches.has(TILE_CACHES.browsed)).toBe(false);
    expect(databases.has(EXPIRATION_DB)).toBe(false);
    expect(databases.has('vada')).toBe(true);
    expect(await caches.has(TILE_CACHES.saved)).toBe(true);
    // A restarted worker (a new trail over the same storage) reads the marker before any tile.
    expect(await createTileTrail({ caches, indexedDB: idb }).keeps()).toBe(false);
  });

  it('answers "no trail" at once, before the deletions finish', async () => {
    const caches = await storageWithTrail();
    const trail = createTileTrail({ caches, indexedDB: fakeIdb().idb });
    const setting = trail.set(false);
    expect(await trail.keeps()).toBe(false);
    await setting;
  });

  it('does not hang when the database deletion is blocked or fails', async () => {
    for (const outcome of ['blocked', 'error'] as const) {
      const caches = await storageWithTrail();
      const trail = createTileTrail({ caches, indexedDB: fakeIdb(outcome).idb });
      await trail.set(false);
      expect(await trail.keeps()).toBe(false);
      expect(await caches.has(TILE_CACHES.browsed)).toBe(false);
    }
  });

  it('resumes keeping browsed tiles once the PIN is removed, also after a restart', async () => {
    const caches = await storageWithTrail();
    const { idb } = fakeIdb();
    await createTileTrail({ caches, indexedDB: idb }).set(false);
    const trail = createTileTrail({ caches, indexedDB: idb });
    expect(await trail.keeps()).toBe(false);
    await trail.set(true);
    expect(await trail.keeps()).toBe(true);
    expect(await caches.has(TILE_CACHES.noTrail)).toBe(false);
    expect(await createTileTrail({ caches, indexedDB: idb }).keeps()).toBe(true);
  });
});

describe('tileTrailMessage', () => {
  it('reads keep from a TILE_TRAIL message and nothing else', () => {
    expect(tileTrailMessage({ type: TILE_TRAIL, keep: false })).toBe(false);
    expect(tileTrailMessage({ type: TILE_TRAIL, keep: true })).toBe(true);
    for (const bad of [
      null,
      'VADA_TILE_TRAIL',
      { type: TILE_TRAIL },
      { type: TILE_TRAIL, keep: 'no' },
      { keep: false },
    ])
      expect(tileTrailMessage(bad)).toBeUndefined();
  });
});
