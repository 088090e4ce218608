/**
 * The first-run hint's state: wanted until dismissed (kept in the settings, so
 * a new store on the same settings does not want it), waiting while something
 * else has the screen, and wanted again when Settings asks.
 */
import { createRoot, createSignal } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { createMemorySettingsStore, type SettingsStore } from '../../../src/platform/settingsStore';
import { createFirstRun } from '../../../src/state/createFirstRun';

function setup(settings: SettingsStore = createMemorySettingsStore()) {
  return createRoot(() => {
    const [busy, setBusy] = createSignal(false);
    return { settings, setBusy, firstRun: createFirstRun(settings, busy) };
  });
}

describe('createFirstRun', () => {
  it('is wanted at first start, and a dismissal is kept for the next start', () => {
    const { settings, firstRun } = setup();
    expect(firstRun.reason()).toBe('start');
    expect(firstRun.visible()).toBe(true);
    firstRun.dismiss();
    expect(firstRun.visible()).toBe(false);
    expect(settings.load().firstRunHintDismissed).toBe(true);
    const next = setup(settings).firstRun;
    expect(next.reason()).toBeUndefined();
    expect(next.visible()).toBe(false);
  });

  it('waits while something else has the screen, without forgetting it is wanted', () => {
    const { setBusy, firstRun } = setup();
    setBusy(true);
    expect(firstRun.visible()).toBe(false);
    expect(firstRun.reason()).toBe('start');
    setBusy(false);
    expect(firstRun.visible()).toBe(true);
  });

  it('comes back when asked for, and leaves the dismissal stored', () => {
    const settings = createMemorySettingsStore({ firstRunHintDismissed: true });
    const { setBusy, firstRun } = setup(settings);
    expect(firstRun.visible()).toBe(false);
    setBusy(true);
    firstRun.show();
    expect(firstRun.reason()).toBe('asked');
    expect(firstRun.visible()).toBe(false);
    setBusy(false);
    expect(firstRun.visible()).toBe(true);
    firstRun.dismiss();
    expect(firstRun.visible()).toBe(false);
    expect(settings.load().firstRunHintDismissed).toBe(true);
  });
});
