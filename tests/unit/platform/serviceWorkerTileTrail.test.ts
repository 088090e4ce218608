/**
 * The page's side of the tile trail (src/platform/serviceWorker.ts): with an
 * app PIN it tells the installed worker `keep: false` and waits for its answer
 * (never hanging without a worker or an answer), and it does not send the
 * tiles it loaded to the worker for caching; without a PIN it does.
 */
import { describe, expect, it, vi } from 'vitest';
import { CACHE_TILES, controlServiceWorker, type WorkboxLike } from '../../../src/platform/controlServiceWorker';
import { sendTileTrail, type RegistrationLookupLike } from '../../../src/platform/serviceWorker';
import { TILE_TRAIL } from '../../../src/platform/tileTrail';

/** A registration whose active worker records messages and answers on the transferred port when `answers`. */
function fakeLookup(answers: boolean) {
  const received: unknown[] = [];
  const lookup: RegistrationLookupLike = {
    getRegistration: async () => ({
      active: {
        postMessage(message: unknown, transfer: Transferable[]) {
          received.push(message);
          const port = transfer[0] as MessagePort | undefined;
          if (answers) port?.postMessage({ done: true });
        },
      },
    }),
  };
  return { lookup, received };
}

describe('sendTileTrail', () => {
  it('tells the worker to keep no trail and resolves true once it answered', async () => {
    const { lookup, received } = fakeLookup(true);
    expect(await sendTileTrail(false, lookup, 2000)).toBe(true);
    expect(received).toEqual([{ type: TILE_TRAIL, keep: false }]);
  });

  it('tells the worker to keep the trail again once the PIN is gone', async () => {
    const { lookup, received } = fakeLookup(true);
    expect(await sendTileTrail(true, lookup, 2000)).toBe(true);
    expect(received).toEqual([{ type: TILE_TRAIL, keep: true }]);
  });

  it('resolves false, never hanging, without a worker or an answer', async () => {
    expect(await sendTileTrail(false, undefined)).toBe(false);
    expect(await sendTileTrail(false, { getRegistration: async () => undefined })).toBe(false);
    expect(await sendTileTrail(false, { getRegistration: async () => ({ active: null }) })).toBe(false);
    expect(await sendTileTrail(false, { getRegistration: () => Promise.reject(new Error('x')) })).toBe(false);
    const silent = fakeLookup(false);
    expect(await sendTileTrail(false, silent.lookup, 30)).toBe(false);
    expect(silent.received).toHaveLength(1);
  });
});

describe('controlServiceWorker and the tile trail', () => {
  function setup(keepsTileTrail?: () => boolean) {
    const posted: unknown[] = [];
    let controlling: ((event: { isUpdate?: boolean }) => void) | undefined;
    const wb: WorkboxLike = {
      addEventListener: (type, l) => {
        if (type === 'controlling') controlling = l;
      },
      register: async () => undefined,
      messageSkipWaiting: () => undefined,
      getSW: async () => ({ postMessage: (m: unknown) => posted.push(m) }),
    };
    const later: (() => void)[] = [];
    controlServiceWorker(wb, {
      reload: vi.fn(),
      loadedImageUrls: () => ['https://tiles.example/1/0/0.png'],
      later: (fn) => void later.push(fn),
      ...(keepsTileTrail ? { keepsTileTrail } : {}),
    });
    return { posted, later, control: () => controlling?.({ isUpdate: false }) };
  }
  const flush = () => new Promise((r) => setTimeout(r, 0));

  it('with a PIN sends no loaded tiles to the worker, at control or later', async () => {
    const { posted, later, control } = setup(() => false);
    control();
    later.forEach((fn) => fn());
    await flush();
    expect(posted).toEqual([]);
  });

  it('without a PIN sends them, as before', async () => {
    for (const keeps of [() => true, undefined]) {
      const { posted, control } = setup(keeps);
      control();
      await flush();
      expect(posted).toEqual([{ type: CACHE_TILES, urls: ['https://tiles.example/1/0/0.png'] }]);
    }
  });
});
