/** The lock screen holds the boot until the right PIN; the duress PIN wipes; the Settings section sets and removes a PIN. */
import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { atRest, setAtRest, type AtRestCodec } from '../../../../src/platform/atRest';
import type { UnlockResult } from '../../../../src/platform/pinLock';
import { waitForUnlock } from '../../../../src/ui/safety/LockScreen';
import { PinSettings } from '../../../../src/ui/safety/PinSettings';

afterEach(() => {
  cleanup();
  setAtRest(undefined);
  document.body.textContent = '';
});

const CODEC: AtRestCodec = {
  seal: async (v) => ({ sealedForTest: v }),
  open: async <T,>(s: unknown) => s as T,
  lookup: async (_store, id) => `lookup:${id}`,
};

function fakeUnlock(): (pin: string) => Promise<UnlockResult> {
  return async (pin) =>
    pin === '4829' ? { kind: 'unlocked', codec: CODEC } : pin === '1111' ? { kind: 'duress' } : { kind: 'wrong' };
}

function enter(pin: string) {
  fireEvent.input(screen.getByTestId('pin-input'), { target: { value: pin } });
  fireEvent.click(screen.getByTestId('pin-unlock'));
}

describe('lock screen at boot', () => {
  it('blocks the boot until the right PIN, refusing a wrong one with "Wrong PIN"', async () => {
    const root = document.body.appendChild(document.createElement('div'));
    let booted = false;
    let wipes = 0;
    const unlocked = waitForUnlock(root, {
      unlock: fakeUnlock(),
      install: setAtRest,
      wipe: async () => void wipes++,
      delayMs: 5,
    }).then(() => (booted = true));
    expect(screen.getByTestId('pin-lock')).toBeInTheDocument();
    enter('0000');
    expect(screen.getByTestId('pin-unlock')).toHaveTextContent('Checking…');
    expect(await screen.findByTestId('pin-error')).toHaveTextContent('Wrong PIN');
    expect(booted).toBe(false);
    expect(atRest()).not.toBe(CODEC);
    enter('4829');
    await unlocked;
    expect(booted).toBe(true);
    expect(wipes).toBe(0);
    expect(atRest()).toBe(CODEC);
    expect(screen.queryByTestId('pin-lock')).toBeNull();
  });

  it('the duress PIN wipes, showing the same "Checking…" as any PIN, and never unlocks', async () => {
    const root = document.body.appendChild(document.createElement('div'));
    let booted = false;
    let wipes = 0;
    void waitForUnlock(root, {
      unlock: fakeUnlock(),
      install: setAtRest,
      wipe: async () => void wipes++,
      delayMs: 5,
    }).then(() => (booted = true));
    enter('1111');
    await waitFor(() => expect(wipes).toBe(1));
    expect(screen.getByTestId('pin-unlock')).toHaveTextContent('Checking…');
    expect(screen.queryByTestId('pin-error')).toBeNull();
    expect(booted).toBe(false);
    expect(atRest()).not.toBe(CODEC);
  });
});

describe('Settings › App PIN', () => {
  function setup(isSet: boolean) {
    const calls: string[] = [];
    render(() => (
      <PinSettings
        pin={{
          isSet: () => isSet,
          set: async (pin, duress) => void calls.push(`set ${pin} ${duress}`),
          remove: async () => void calls.push('remove'),
        }}
      />
    ));
    const type = (id: string, v: string) => fireEvent.input(screen.getByTestId(id), { target: { value: v } });
    return { calls, type };
  }

  it('says that setting a PIN erases the data, checks the entries, then sets PIN and duress PIN', () => {
    const s = setup(false);
    expect(screen.getByTestId('pin-set')).toHaveTextContent('erases this phone’s Vada data');
    s.type('pin-new', '12');
    fireEvent.click(screen.getByTestId('pin-save'));
    expect(screen.getByTestId('pin-set-error')).toHaveTextContent('4 to 12 digits');
    s.type('pin-new', '482913');
    s.type('pin-confirm', '482914');
    fireEvent.click(screen.getByTestId('pin-save'));
    expect(screen.getByTestId('pin-set-error')).toHaveTextContent('differ');
    s.type('pin-confirm', '482913');
    s.type('duress-new', '482913');
    fireEvent.click(screen.getByTestId('pin-save'));
    expect(screen.getByTestId('pin-set-error')).toHaveTextContent('must differ');
    expect(s.calls).toEqual([]);
    s.type('duress-new', '1111');
    fireEvent.click(screen.getByTestId('pin-save'));
    expect(s.calls).toEqual(['set 482913 1111']);
  });

  it('removes a PIN only after a confirmation', () => {
    const s = setup(true);
    expect(screen.queryByTestId('pin-save')).toBeNull();
    fireEvent.click(screen.getByTestId('pin-remove'));
    expect(s.calls).toEqual([]);
    fireEvent.click(screen.getByTestId('pin-remove-confirm'));
    expect(s.calls).toEqual(['remove']);
  });
});
