import { screen, waitFor } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyDraft } from '../../../../src/state';
import { MapPointIndex } from '../../../../src/ui/shell/MapPointIndex';
import { cleanup, renderVada } from '../../../fixtures/renderVada';
import { makeDevice, makeWorld, type Device } from '../../../fixtures/vadaHarness';

const devices: Device[] = [];
afterEach(() => {
  cleanup();
  for (const d of devices.splice(0)) d.dispose();
});

describe('MapPointIndex alerts', () => {
  it('marks a row with its headline alert as data-alert="<kind>:<trust>"', async () => {
    const world = await makeWorld();
    const organizer = await makeDevice(world);
    const reporter = await makeDevice(world);
    devices.push(organizer, reporter);
    const r = await organizer.store.propose({ ...emptyDraft(53.9, 27.56), title: 'Square' });
    if (!r.ok) throw new Error('propose failed');
    await renderVada(world, () => <MapPointIndex />);
    const row = () => screen.getByTestId('map-index').querySelector(`[data-point-id="${r.id}"]`);
    await waitFor(() => expect(row()).not.toBeNull());
    expect(row()).not.toHaveAttribute('data-alert');

    await waitFor(() => expect(reporter.store.point(r.id)).toBeDefined());
    await reporter.store.raiseAlert(r.id, { kind: 'caution' });
    await waitFor(() => expect(row()).toHaveAttribute('data-alert', 'caution:unconfirmed'));
    expect(row()).toHaveTextContent('Square · Caution (Unconfirmed)');

    await organizer.store.raiseAlert(r.id, { kind: 'disperse', reason: 'violence' });
    await waitFor(() => expect(row()).toHaveAttribute('data-alert', 'disperse:confirmed'));
    expect(row()).toHaveAttribute('data-state', 'dispersed');
    // The visible text follows the headline too (it once kept showing the first one), and stays part of the name.
    expect(row()).toHaveTextContent('Square · Disperse (Confirmed)');
    expect(row()?.getAttribute('aria-label')).toContain('Square · Disperse (Confirmed)');
  });
});
