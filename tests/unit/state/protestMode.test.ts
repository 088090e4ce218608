/** Protest mode: wake lock on/off/lost, forced vibration, distance and bearing to the point. */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_SETTINGS } from '../../../src/domain/alertSettings';
import { emptyDraft } from '../../../src/state';
import { sleep, waitFor } from '../../fixtures/records';
import { makeWorld, type World } from '../../fixtures/vadaHarness';
import { alertDevice, fixedLocation, type AlertDevice } from './alertHarness';
import { URGENT_VIBRATION } from '../../../src/state/createAlerts';

const devices: AlertDevice[] = [];
afterEach(() => {
  for (const d of devices.splice(0)) d.dispose();
});
const device = async (world: World, opts: Parameters<typeof alertDevice>[1] = {}) => {
  const d = await alertDevice(world, opts);
  devices.push(d);
  await waitFor(() => d.store.ready(), 'records to load');
  return d;
};

describe('protest mode', () => {
  it('follows the point, holds the wake lock, forces vibration, and releases on stop', async () => {
    const world = await makeWorld();
    const org = await device(world);
    // The user turned vibration off, and shares location ~1.1 km due south of the point.
    const fan = await device(world, {
      settings: { shareLocation: true, alerts: { ...DEFAULT_ALERT_SETTINGS, vibrate: false } },
      overrides: { location: fixedLocation(53.9045 - 0.01, 27.5615) },
    });
    const p = await org.store.propose({ ...emptyDraft(53.9045, 27.5615), title: 'Square' });
    if (!p.ok) throw new Error('propose failed');
    await waitFor(() => fan.store.point(p.id) !== undefined, 'the point');
    expect(fan.store.protest.wakeLock()).toBe('off');
    expect(fan.store.protest.bearing()).toBeUndefined();

    await fan.store.protest.start(p.id);
    expect(fan.store.protest.point()).toBe(p.id);
    expect(fan.store.follows.isFollowed(p.id)).toBe(true);
    expect(fan.ports.wake.acquired).toBe(1);
    expect(fan.store.protest.wakeLock()).toBe('on');
    const way = fan.store.protest.bearing();
    expect(way?.meters).toBeCloseTo(1112, -1);
    expect(way?.degrees).toBeCloseTo(0, 3); // due north

    // The browser drops the lock (tab hidden): the indicator says so; the port brings it back.
    fan.ports.wake.emit('lost');
    expect(fan.store.protest.wakeLock()).toBe('lost');
    fan.ports.wake.emit('on');
    expect(fan.store.protest.wakeLock()).toBe('on');

    await org.store.raiseAlert(p.id, { kind: 'disperse', reason: 'police' });
    await waitFor(() => fan.store.alerts.banners().length === 1, 'the banner');
    expect(fan.ports.vibrations).toEqual([[...URGENT_VIBRATION]]); // despite vibrate: false

    await fan.store.protest.stop();
    expect(fan.ports.wake.released).toBe(1);
    expect(fan.store.protest.wakeLock()).toBe('off');
    expect(fan.store.protest.point()).toBeUndefined();
    expect(fan.store.protest.bearing()).toBeUndefined();
    // A late 'on' from the port after stop does not light the indicator.
    fan.ports.wake.emit('on');
    expect(fan.store.protest.wakeLock()).toBe('off');

    // Out of protest mode the user's choice holds again.
    world.clock.advance(60_000);
    await org.store.raiseAlert(p.id, { kind: 'caution' });
    await waitFor(() => fan.store.alerts.banners().length === 2, 'the second banner');
    await sleep(30);
    expect(fan.ports.vibrations).toHaveLength(1);
  });

  it('shows the wake lock as unavailable when the device refuses it', async () => {
    const world = await makeWorld();
    const fan = await device(world);
    const refused = { ...fan.ports.wakeLock, acquire: () => Promise.resolve('unavailable' as const) };
    const other = await device(world, { overrides: { wakeLock: refused } });
    const p = await fan.store.propose({ ...emptyDraft(53.9, 27.56), title: 'Here' });
    if (!p.ok) throw new Error('propose failed');
    await waitFor(() => other.store.point(p.id) !== undefined, 'the point');
    await other.store.protest.start(p.id);
    expect(other.store.protest.wakeLock()).toBe('unavailable');
    expect(other.store.protest.point()).toBe(p.id);
  });
});
