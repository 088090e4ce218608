/**
 * The update prompt: hidden until a version waits, "Reload now" asks for the
 * update (and nothing else does), "Later" hides it until the next version.
 */
import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppUpdates } from '../../../../src/platform/serviceWorker';
import { UpdateBanner } from '../../../../src/ui/shell/UpdateBanner';

afterEach(cleanup);

function fakeUpdates() {
  let waiting = false;
  const listeners = new Set<() => void>();
  const updates: AppUpdates = {
    waiting: () => waiting,
    subscribe: (l) => (listeners.add(l), () => listeners.delete(l)),
    apply: vi.fn(),
  };
  const setWaiting = (w: boolean) => {
    waiting = w;
    listeners.forEach((l) => l());
  };
  return { updates, setWaiting };
}

describe('UpdateBanner', () => {
  it('appears when a version waits and applies it only on Reload now', () => {
    const { updates, setWaiting } = fakeUpdates();
    render(() => <UpdateBanner updates={updates} />);
    expect(screen.queryByTestId('update-banner')).toBeNull();
    setWaiting(true);
    expect(screen.getByTestId('update-banner')).toHaveTextContent('Update ready');
    expect(updates.apply).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Reload now' }));
    expect(updates.apply).toHaveBeenCalledOnce();
  });

  it('hides on Later without applying, and shows again for the next version', () => {
    const { updates, setWaiting } = fakeUpdates();
    setWaiting(true);
    render(() => <UpdateBanner updates={updates} />);
    fireEvent.click(screen.getByRole('button', { name: 'Later' }));
    expect(screen.queryByTestId('update-banner')).toBeNull();
    expect(updates.apply).not.toHaveBeenCalled();
    setWaiting(true);
    expect(screen.getByTestId('update-banner')).toBeInTheDocument();
  });
});
