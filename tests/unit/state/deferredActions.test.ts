/**
 * Publishing loaded on first use (src/state/deferredActions.ts): a store is
 * built and its points shown without the publishing code; the first action
 * loads it and works as before; a chunk that cannot be fetched rejects the
 * action with a plain reason (the form shows it), and the next try loads it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sleep, waitFor } from '../../fixtures/records';
import { makeWorld, type Device } from '../../fixtures/vadaHarness';

const devices: Device[] = [];
afterEach(() => {
  for (const d of devices.splice(0)) d.dispose();
  vi.doUnmock('../../../src/state/createActions');
  vi.resetModules();
});

const draft = (title: string) => ({
  title,
  note: '',
  start: { mode: 'now' as const },
  durationMin: 60,
  lat: 53.9045,
  lon: 27.5615,
});

describe('deferred publishing', () => {
  it('loads the publishing code only when an action needs it', async () => {
    vi.resetModules();
    let loads = 0;
    vi.doMock('../../../src/state/createActions', async (original) => {
      loads++;
      return original();
    });
    const { makeDevice: fresh } = await import('../../fixtures/vadaHarness');
    const world = await makeWorld();
    const d = await fresh(world);
    devices.push(d);
    await waitFor(() => d.store.ready(), 'records loaded');
    await sleep(20);
    expect(loads).toBe(0);
    const r = await d.store.propose(draft('North steps'));
    if (!r.ok) throw new Error('propose failed');
    expect(loads).toBe(1);
    await waitFor(() => d.store.point(r.id) !== undefined, 'the point shows');
    // Field errors still come back as before, from the same loaded code.
    expect(await d.store.propose(draft(''))).toEqual({ ok: false, errors: { title: 'required' } });
    expect(loads).toBe(1);
  });

  it('a publishing chunk that cannot be fetched rejects with a plain reason; the next try works', async () => {
    vi.resetModules();
    let offline = true;
    vi.doMock('../../../src/state/createActions', async (original) => {
      if (offline) throw new TypeError('Failed to fetch dynamically imported module');
      return original();
    });
    const { makeDevice: fresh } = await import('../../fixtures/vadaHarness');
    const world = await makeWorld();
    const d = await fresh(world);
    devices.push(d);
    await waitFor(() => d.store.ready(), 'records loaded');
    // Mining ahead without the code is skipped quietly; Publish says why it cannot.
    d.store.premine();
    await expect(d.store.propose(draft('North steps'))).rejects.toThrow(/not on this phone yet/);
    offline = false;
    vi.resetModules();
    const r = await d.store.propose(draft('North steps'));
    expect(r.ok).toBe(true);
  });
});
