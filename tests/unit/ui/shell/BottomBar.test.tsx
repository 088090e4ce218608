import { fireEvent, screen } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemorySettingsStore } from '../../../../src/platform/settingsStore';
import { BottomBar } from '../../../../src/ui/shell/BottomBar';
import { cleanup, renderVada } from '../../../fixtures/renderVada';
import { makeWorld } from '../../../fixtures/vadaHarness';

afterEach(cleanup);

describe('BottomBar', () => {
  it('opens the propose sheet at the map centre (the last viewed place) and toggles list and settings', async () => {
    const world = await makeWorld();
    const settings = createMemorySettingsStore({ view: { lat: 50.45, lon: 30.52, zoom: 14 } });
    const { store } = await renderVada(world, () => <BottomBar />, { settings });
    fireEvent.click(screen.getByRole('button', { name: /Propose/ }));
    expect(store.ui.panel()).toEqual({ kind: 'propose', lat: 50.45, lon: 30.52 });

    const list = screen.getByRole('button', { name: 'List' });
    fireEvent.click(list);
    expect(store.ui.panel().kind).toBe('list');
    expect(list).toHaveAttribute('aria-pressed', 'true');
    fireEvent.click(list);
    expect(store.ui.panel().kind).toBe('none');
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(store.ui.panel().kind).toBe('settings');
  });
});
