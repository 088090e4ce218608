/** The page tells every active service worker that its map packs changed; the worker recognises only that message. */
import { describe, expect, it } from 'vitest';
import { isPacksChanged, PACKS_CHANGED, sendPacksChanged } from '../../../src/platform/packsChanged';

describe('sendPacksChanged', () => {
  it('posts { type: VADA_PACKS_CHANGED } to every active worker, past one that throws', async () => {
    const got: unknown[] = [];
    const worker = { postMessage: (m: unknown) => void got.push(m) };
    const broken = {
      postMessage: () => {
        throw new Error('gone');
      },
    };
    await sendPacksChanged({
      getRegistrations: async () => [{ active: broken }, { active: worker }, { active: null }, {}],
    });
    expect(got).toEqual([{ type: 'VADA_PACKS_CHANGED' }]);
    expect(PACKS_CHANGED).toBe('VADA_PACKS_CHANGED');
  });

  it('never rejects: no service worker support, or registrations that fail', async () => {
    await expect(sendPacksChanged(undefined)).resolves.toBeUndefined();
    await expect(sendPacksChanged({ getRegistrations: () => Promise.reject(new Error('x')) })).resolves.toBeUndefined();
    // In Node there is no navigator.serviceWorker: the default target is none.
    await expect(sendPacksChanged()).resolves.toBeUndefined();
  });
});

describe('isPacksChanged', () => {
  it('is true only for the message itself', () => {
    expect(isPacksChanged({ type: 'VADA_PACKS_CHANGED' })).toBe(true);
    for (const other of [null, undefined, 'VADA_PACKS_CHANGED', { type: 'VADA_WIPE' }, {}, []])
      expect(isPacksChanged(other), JSON.stringify(other)).toBe(false);
  });
});
