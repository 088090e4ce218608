/**
 * The points store the UI reads is the fold reconciled by id; nested lists
 * without ids (an alert's statuses) must still equal the fold's, in order.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { emptyDraft } from '../../../src/state';
import { waitFor } from '../../fixtures/records';
import { makeDevice, makeWorld, type Device } from '../../fixtures/vadaHarness';

const devices: Device[] = [];
afterEach(() => {
  for (const d of devices.splice(0)) d.dispose();
});

describe('the points store', () => {
  it('shows every alert status of a point, as the fold does, when a second kind arrives', async () => {
    const world = await makeWorld();
    const org = await makeDevice(world);
    const reporter = await makeDevice(world);
    devices.push(org, reporter);
    const p = await org.store.propose({ ...emptyDraft(53.9, 27.56), title: 'Square' });
    if (!p.ok) throw new Error('propose');
    await waitFor(() => reporter.store.point(p.id) !== undefined, 'reporter sees the point');
    await reporter.store.raiseAlert(p.id, { kind: 'caution' });
    await waitFor(() => (reporter.store.point(p.id)?.alerts?.statuses.length ?? 0) === 1, 'one status');
    await reporter.store.raiseAlert(p.id, { kind: 'disperse', reason: 'police' });
    await waitFor(() => (reporter.store.point(p.id)?.alerts?.statuses.length ?? 0) === 2, 'two statuses');
    const kinds = reporter.store.point(p.id)?.alerts?.statuses.map((s) => s.kind);
    expect(kinds).toEqual(['disperse', 'caution']);
  });
});
