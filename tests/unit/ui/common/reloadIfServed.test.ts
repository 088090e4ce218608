/**
 * A sheet's Try again reloads the page only when the page can be loaded again
 * (src/ui/common/reloadIfServed.ts): never when the browser knows it is
 * offline, nor when the app's address does not answer (a reload would swap the
 * app for the browser's error page).
 */
import { describe, expect, it, vi } from 'vitest';
import { reloadIfServed, type ReloadDeps } from '../../../../src/ui/common/reloadIfServed';

function deps(online: boolean, served: () => Promise<boolean>) {
  return { online: () => online, served: vi.fn(served), reload: vi.fn<() => void>() } satisfies ReloadDeps;
}

describe('reloadIfServed', () => {
  it('reloads when the page answers', async () => {
    const d = deps(true, async () => true);
    await expect(reloadIfServed(d)).resolves.toBe(true);
    expect(d.reload).toHaveBeenCalledTimes(1);
  });

  it('does not reload offline, and asks nothing', async () => {
    const d = deps(false, async () => true);
    await expect(reloadIfServed(d)).resolves.toBe(false);
    expect(d.served).not.toHaveBeenCalled();
    expect(d.reload).not.toHaveBeenCalled();
  });

  it('does not reload when the page does not answer, or answers with an error', async () => {
    for (const served of [() => Promise.reject(new TypeError('Failed to fetch')), async () => false]) {
      const d = deps(true, served);
      await expect(reloadIfServed(d)).resolves.toBe(false);
      expect(d.reload).not.toHaveBeenCalled();
    }
  });
});
