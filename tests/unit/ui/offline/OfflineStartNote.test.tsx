/** The offline-start note in Settings: shown, with why, only when the service worker could not be registered here. */
import { cleanup, render, screen } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { OfflineStart, OfflineStartSource } from '../../../../src/platform/serviceWorker';
import { OfflineStartNote } from '../../../../src/ui/offline/OfflineStartNote';

afterEach(cleanup);

function fakeSource(initial: OfflineStart): OfflineStartSource & { set(s: OfflineStart): void } {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    current: () => state,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    set(s) {
      state = s;
      listeners.forEach((l) => l());
    },
  };
}

describe('OfflineStartNote', () => {
  it('says nothing while checking or when offline start works', () => {
    const source = fakeSource('checking');
    render(() => <OfflineStartNote source={source} />);
    expect(screen.queryByTestId('offline-start-note')).toBeNull();
    source.set('available');
    expect(screen.queryByTestId('offline-start-note')).toBeNull();
  });

  it('explains a certificate refusal when registration fails on a self-signed address', () => {
    const source = fakeSource('checking');
    render(() => <OfflineStartNote source={source} />);
    source.set('certificate');
    const note = screen.getByTestId('offline-start-note');
    expect(note).toHaveTextContent(/^Offline start is not available at this address/);
    expect(note).toHaveTextContent(/certificate it does not trust/);
    expect(note).toHaveTextContent(/works while this page stays open/);
    expect(note).toHaveTextContent(/install it from an address with a normal certificate/);
  });

  it('has a shorter reason for other failures and for browsers without service workers', () => {
    const source = fakeSource('failed');
    render(() => <OfflineStartNote source={source} />);
    expect(screen.getByTestId('offline-start-note')).toHaveTextContent(/refused to install Vada’s offline copy here/);
    source.set('unsupported');
    expect(screen.getByTestId('offline-start-note')).toHaveTextContent(/not available in this browser or window/);
    source.set('dev');
    expect(screen.queryByTestId('offline-start-note')).toBeNull();
  });
});
