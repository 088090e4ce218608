/**
 * Hand-over's bundle code is a chunk of its own (src/state/handoverCode.ts):
 * until it is loaded the slice says so (`ready()` false, nothing to share, a
 * scanned code is not read), and a share read in a memo fills in by itself
 * the moment it arrives. Its own file: the loaded code is kept per module
 * instance, and every other hand-over test loads it first.
 */
import { createMemo, createRoot } from 'solid-js';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyDraft } from '../../../src/state';
import { waitFor } from '../../fixtures/records';
import { makeDevice, makeWorld, type Device } from '../../fixtures/vadaHarness';

const devices: Device[] = [];
afterEach(() => {
  for (const d of devices.splice(0)) d.dispose();
});

describe('hand-over before its bundle code is loaded', () => {
  it('has nothing to share until the code is here, then the memo fills in with the bundle', async () => {
    const d = await makeDevice(await makeWorld());
    devices.push(d);
    await waitFor(() => d.store.ready(), 'records loaded');
    const p = await d.store.propose({ ...emptyDraft(53.9045, 27.5615), title: 'North steps' });
    if (!p.ok) throw new Error('propose failed');
    await waitFor(() => d.store.point(p.id) !== undefined, 'point shown');

    expect(d.store.handover.ready()).toBe(false);
    expect(d.store.handover.scan('vada1:anything')).toEqual({ kind: 'unknown' });
    const { bundle, dispose } = createRoot((dispose) => ({
      bundle: createMemo(() => d.store.handover.share({ point: p.id })),
      dispose,
    }));
    expect(bundle()).toBeUndefined();

    await d.store.handover.load();
    expect(d.store.handover.ready()).toBe(true);
    expect(bundle()).toMatchObject({ records: 1, points: 1, alerts: 0 });
    expect(bundle()?.text).toMatch(/vada1:/);
    dispose();
  });
});
