/** Banners, vibration and system notifications for watched points (createAlerts through the store). */
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordId } from '../../../src/domain';
import { LIMITS } from '../../../src/domain';
import { DEFAULT_ALERT_SETTINGS, type AlertSettings } from '../../../src/domain/alertSettings';
import { createMemorySettingsStore } from '../../../src/platform/settingsStore';
import { emptyDraft, NORMAL_VIBRATION, URGENT_VIBRATION, type PointDraft } from '../../../src/state';
import { sleep, waitFor } from '../../fixtures/records';
import { makeWorld, type World } from '../../fixtures/vadaHarness';
import { alertDevice, fakePorts, fixedLocation, type AlertDevice } from './alertHarness';

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

const SQUARE = { lat: 53.9045, lon: 27.5615 };
const draft = (title: string, extra: Partial<PointDraft> = {}): PointDraft => ({
  ...emptyDraft(SQUARE.lat, SQUARE.lon),
  title,
  ...extra,
});
const alertSettings = (patch: Partial<AlertSettings>) => ({ alerts: { ...DEFAULT_ALERT_SETTINGS, ...patch } });

async function proposed(org: AlertDevice, title = 'Central square'): Promise<RecordId> {
  const p = await org.store.propose(draft(title));
  if (!p.ok) throw new Error('propose failed');
  return p.id;
}

/** Waits until nothing more arrives (the memory hub delivers in microtasks and timers). */
const settle = () => sleep(60);

describe('alert banners', () => {
  it('raises a banner with a long vibration for an organizer’s disperse about a followed point', async () => {
    const world = await makeWorld();
    const org = await device(world);
    const fan = await device(world);
    const id = await proposed(org);
    fan.store.follows.follow(id);
    expect(fan.store.alerts.watched(id)).toBe(true);
    await waitFor(() => fan.store.point(id) !== undefined, 'the point at the follower');
    world.clock.advance(60_000);
    await org.store.raiseAlert(id, { kind: 'disperse', reason: 'police' });
    await waitFor(() => fan.store.alerts.banners().length === 1, 'a banner');
    const [b] = fan.store.alerts.banners();
    expect(b).toMatchObject({
      title: 'Central square',
      status: { point: id, kind: 'disperse', trust: 'confirmed', reasons: ['police'] },
    });
    expect(fan.ports.vibrations).toEqual([[...URGENT_VIBRATION]]);
    expect(fan.ports.beeps).toEqual([]); // sound is off by default
    fan.store.alerts.dismiss(b!.key);
    expect(fan.store.alerts.banners()).toEqual([]);
  });

  it('raises nothing for a point that is neither followed nor nearby', async () => {
    const world = await makeWorld();
    const org = await device(world);
    const other = await device(world, { settings: alertSettings({ radiusM: 1000 }) }); // radius, but no location shared
    const id = await proposed(org);
    await waitFor(() => other.store.point(id) !== undefined, 'the point');
    await org.store.raiseAlert(id, { kind: 'caution' });
    await waitFor(() => other.store.point(id)?.alerts !== undefined, 'the alert folded');
    await settle();
    expect(other.store.alerts.watched(id)).toBe(false);
    expect(other.store.alerts.banners()).toEqual([]);
    expect(other.ports.vibrations).toEqual([]);
    // Following it later shows the live alert once.
    other.store.follows.follow(id);
    await waitFor(() => other.store.alerts.banners().length === 1, 'the banner after following');
  });

  it('watches points within the radius of the shared location, and not those beyond it', async () => {
    const world = await makeWorld();
    const org = await device(world);
    // ~560 m north of the square.
    const near = { lat: SQUARE.lat + 0.005, lon: SQUARE.lon };
    const opts = (radiusM: number) => ({
      settings: { shareLocation: true, ...alertSettings({ radiusM }) },
      overrides: { location: fixedLocation(near.lat, near.lon) },
    });
    const within = await device(world, opts(1000));
    const outside = await device(world, opts(500));
    const off = await device(world, opts(0));
    const id = await proposed(org);
    await waitFor(() => [within, outside, off].every((d) => d.store.point(id) !== undefined), 'the point everywhere');
    await org.store.raiseAlert(id, { kind: 'caution' });
    await waitFor(() => within.store.alerts.banners().length === 1, 'the banner within the radius');
    await settle();
    expect(within.store.alerts.watched(id)).toBe(true);
    expect(outside.store.alerts.watched(id)).toBe(false);
    expect(off.store.alerts.watched(id)).toBe(false);
    expect(outside.store.alerts.banners()).toEqual([]);
    expect(off.store.alerts.banners()).toEqual([]);
    expect(within.ports.vibrations).toEqual([[...NORMAL_VIBRATION]]);
  });

  it('counts one key once: a repeated report raises no second banner; a third key makes it corroborated', async () => {
    const world = await makeWorld();
    const org = await device(world);
    const fan = await device(world);
    const [bob, carol, dave] = [await device(world), await device(world), await device(world)];
    const id = await proposed(org);
    fan.store.follows.follow(id);
    await waitFor(() => [fan, bob, carol, dave].every((d) => d.store.point(id) !== undefined), 'the point everywhere');

    await bob.store.raiseAlert(id, { kind: 'disperse', reason: 'kettling' });
    await waitFor(() => fan.store.alerts.banners().length === 1, 'the first report');
    expect(fan.store.alerts.banners()[0]?.status).toMatchObject({ trust: 'unconfirmed', reports: 1 });
    expect(fan.ports.vibrations).toEqual([[...NORMAL_VIBRATION]]);

    world.clock.advance(60_000);
    const again = await bob.store.raiseAlert(id, { kind: 'disperse', reason: 'kettling' });
    await waitFor(
      () => fan.store.point(id)?.alerts?.statuses[0]?.latest === (again.ok ? again.id : ''),
      'the repeat folded',
    );
    await settle();
    expect(fan.store.alerts.banners()).toHaveLength(1);
    expect(fan.store.alerts.banners()[0]?.status).toMatchObject({ trust: 'unconfirmed', reports: 1 });
    expect(fan.ports.vibrations).toHaveLength(1);

    await carol.store.raiseAlert(id, { kind: 'disperse', reason: 'police' });
    await waitFor(() => fan.store.alerts.banners()[0]?.status.reports === 2, 'the second key');
    expect(fan.store.alerts.banners()).toHaveLength(1); // same point and kind: replaced, not stacked
    expect(fan.store.alerts.banners()[0]?.status.trust).toBe('unconfirmed');

    await dave.store.raiseAlert(id, { kind: 'disperse', reason: 'police' });
    await waitFor(() => fan.store.alerts.banners()[0]?.status.trust === 'corroborated', 'corroboration');
    expect(fan.store.alerts.banners()).toHaveLength(1);
    expect(fan.store.alerts.banners()[0]?.status.reports).toBe(3);
    // A trusted dispersal vibrates long; the unconfirmed ones before did not.
    expect(fan.ports.vibrations).toEqual([[...NORMAL_VIBRATION], [...NORMAL_VIBRATION], [...URGENT_VIBRATION]]);
    // The point is not dispersed by reports, however many.
    expect(fan.store.point(id)?.state).toBe('active');
  });

  it('keeps one banner per point and kind, newest first', async () => {
    const world = await makeWorld();
    const org = await device(world);
    const fan = await device(world);
    const a = await proposed(org, 'A');
    const b = await proposed(org, 'B');
    fan.store.follows.follow(a);
    fan.store.follows.follow(b);
    await waitFor(() => fan.store.points().length === 2, 'both points');
    await org.store.raiseAlert(a, { kind: 'caution' });
    await waitFor(() => fan.store.alerts.banners().length === 1, 'caution on A');
    world.clock.advance(1000);
    await org.store.raiseAlert(b, { kind: 'caution' });
    await waitFor(() => fan.store.alerts.banners().length === 2, 'caution on B');
    world.clock.advance(1000);
    await org.store.raiseAlert(a, { kind: 'caution' }); // a new confirmed record: news, replaces A's banner
    await waitFor(() => fan.store.alerts.banners()[0]?.title === 'A', 'A again on top');
    expect(fan.store.alerts.banners().map((x) => `${x.title}:${x.status.kind}`)).toEqual(['A:caution', 'B:caution']);
  });
});

describe('system notifications', () => {
  const hiddenFan = (
    world: World,
    patch: Partial<AlertSettings>,
    permission: 'granted' | 'denied' | 'unsupported' = 'granted',
  ) =>
    device(world, {
      ports: fakePorts({ hidden: true, permission }),
      settings: alertSettings({ notify: true, ...patch }),
    });

  async function alertTo(world: World, fan: AlertDevice, org: AlertDevice, title = 'Secret Square 7') {
    const id = await proposed(org, title);
    fan.store.follows.follow(id);
    await waitFor(() => fan.store.point(id) !== undefined, 'the point');
    await org.store.raiseAlert(id, { kind: 'disperse', reason: 'violence' });
    await waitFor(() => fan.store.alerts.banners().length === 1, 'the banner');
    await settle();
    return id;
  }

  it('discreet: only the configured text, nothing about the alert or the place', async () => {
    const world = await makeWorld();
    const org = await device(world);
    const fan = await hiddenFan(world, { lockScreen: 'discreet', discreetText: 'Weather' });
    const id = await alertTo(world, fan, org);
    expect(fan.ports.shown).toEqual([{ title: 'Weather', body: '', tag: id, point: id }]);
    const text = `${fan.ports.shown[0]?.title} ${fan.ports.shown[0]?.body}`;
    expect(text).not.toContain('Secret Square');
    expect(text).not.toMatch(/disperse|confirmed/i);
    expect(fan.store.alerts.degraded()).toEqual([]);
  });

  it('kind: the alert kind and trust, no place name; full: also the point’s title', async () => {
    const world = await makeWorld();
    const org = await device(world);
    const kind = await hiddenFan(world, { lockScreen: 'kind' });
    const full = await hiddenFan(world, { lockScreen: 'full' });
    const id = await proposed(org, 'Secret Square 7');
    for (const d of [kind, full]) d.store.follows.follow(id);
    await waitFor(() => [kind, full].every((d) => d.store.point(id) !== undefined), 'the point');
    await org.store.raiseAlert(id, { kind: 'disperse', reason: 'violence' });
    await waitFor(() => kind.ports.shown.length === 1 && full.ports.shown.length === 1, 'both notices');
    expect(kind.ports.shown[0]).toEqual({
      title: 'Disperse — Confirmed',
      body: 'Open Vada for details',
      tag: id,
      point: id,
    });
    expect(JSON.stringify(kind.ports.shown[0])).not.toContain('Secret Square');
    expect(full.ports.shown[0]?.title).toBe('Disperse — Confirmed');
    expect(full.ports.shown[0]?.body).toContain('Secret Square 7');
  });

  it('shows no notice while the page is visible, or with notify off', async () => {
    const world = await makeWorld();
    const org = await device(world);
    const visible = await device(world, {
      ports: fakePorts({ hidden: false }),
      settings: alertSettings({ notify: true }),
    });
    const off = await hiddenFan(world, { notify: false });
    const id = await proposed(org);
    for (const d of [visible, off]) d.store.follows.follow(id);
    await waitFor(() => [visible, off].every((d) => d.store.point(id) !== undefined), 'the point');
    await org.store.raiseAlert(id, { kind: 'caution' });
    await waitFor(() => [visible, off].every((d) => d.store.alerts.banners().length === 1), 'the banners');
    await settle();
    expect(visible.ports.shown).toEqual([]);
    expect(off.ports.shown).toEqual([]);
  });

  it.each([
    ['denied', 'notifications-denied'],
    ['unsupported', 'no-notifications'],
  ] as const)('permission %s: no notice, the banner still shows and degraded() says %s', async (permission, reason) => {
    const world = await makeWorld();
    const org = await device(world);
    const fan = await hiddenFan(world, { lockScreen: 'full' }, permission);
    await alertTo(world, fan, org);
    expect(fan.ports.shown).toEqual([]);
    expect(fan.store.alerts.banners()).toHaveLength(1);
    expect(fan.store.alerts.degraded()).toContain(reason);
    expect(fan.store.alerts.permission()).toBe(permission);
  });

  it('opens the point’s details when a notice is tapped', async () => {
    const world = await makeWorld();
    const org = await device(world);
    const fan = await hiddenFan(world, {});
    const id = await alertTo(world, fan, org);
    fan.ports.tap(id);
    expect(fan.store.ui.panel()).toEqual({ kind: 'details', id });
  });

  it('enableNotifications turns notify on when granted and persists it', async () => {
    const world = await makeWorld();
    const fan = await device(world);
    expect(fan.store.alerts.settings().notify).toBe(false);
    expect(await fan.store.alerts.enableNotifications()).toBe('granted');
    expect(fan.store.alerts.settings().notify).toBe(true);
    const refused = await device(world, { ports: fakePorts({ permission: 'denied' }) });
    expect(await refused.store.alerts.enableNotifications()).toBe('denied');
    expect(refused.store.alerts.settings().notify).toBe(false);
    expect(refused.store.alerts.degraded()).toContain('notifications-denied');
  });
});

describe('vibration and sound', () => {
  it('vibrates per trust and beeps urgent for a trusted dispersal when sound is on; says when it cannot vibrate', async () => {
    const world = await makeWorld();
    const org = await device(world);
    const fan = await device(world, { settings: alertSettings({ sound: true }) });
    const mute = await device(world, { ports: fakePorts({ canVibrate: false }) });
    const id = await proposed(org);
    for (const d of [fan, mute]) d.store.follows.follow(id);
    await waitFor(() => [fan, mute].every((d) => d.store.point(id) !== undefined), 'the point');
    await org.store.raiseAlert(id, { kind: 'caution' });
    await waitFor(() => fan.ports.vibrations.length === 1, 'the caution');
    world.clock.advance(1000);
    await org.store.raiseAlert(id, { kind: 'disperse', reason: 'police' });
    await waitFor(() => fan.ports.vibrations.length === 2, 'the dispersal');
    expect(fan.ports.vibrations).toEqual([[...NORMAL_VIBRATION], [...URGENT_VIBRATION]]);
    expect(fan.ports.beeps).toEqual(['normal', 'urgent']);
    // Each banner keeps the status it was raised with (the next fold must not rewrite it).
    expect(fan.store.alerts.banners().map((b) => b.status.kind)).toEqual(['disperse', 'caution']);
    await waitFor(() => mute.store.alerts.banners().length === 2, 'banners on the device without vibration');
    expect(mute.store.alerts.degraded()).toContain('no-vibration');
    expect(fan.store.alerts.degraded()).not.toContain('no-vibration');
  });

  it('does not vibrate when the user turned vibration off', async () => {
    const world = await makeWorld();
    const org = await device(world);
    const fan = await device(world, { settings: alertSettings({ vibrate: false }) });
    const id = await proposed(org);
    fan.store.follows.follow(id);
    await waitFor(() => fan.store.point(id) !== undefined, 'the point');
    await org.store.raiseAlert(id, { kind: 'disperse', reason: 'police' });
    await waitFor(() => fan.store.alerts.banners().length === 1, 'the banner');
    await settle();
    expect(fan.ports.vibrations).toEqual([]);
  });
});

describe('follows', () => {
  it('persists followed ids in the device settings and forgets them on unfollow', async () => {
    const world = await makeWorld();
    const org = await device(world);
    const id = await proposed(org);
    org.store.follows.follow(id);
    expect(org.store.follows.isFollowed(id)).toBe(true);
    expect([...org.store.follows.followed()]).toEqual([id]);
    org.store.follows.unfollow(id);
    expect(org.store.follows.isFollowed(id)).toBe(false);
    // Nothing about following reached the hub: only the point itself.
    expect(world.hub.entries(world.circle.id).size).toBe(1);
  });

  it('forgets followed points that are no longer known once stored records are loaded and pruned', async () => {
    const world = await makeWorld();
    const org = await device(world);
    const id = await proposed(org);
    const gone = 'G'.repeat(42) + 'A';
    const records = org.records; // the organizer's stored point survives in this store
    const again = await device(world, { settings: { followed: [id, gone, 'not an id'] }, overrides: { records } });
    expect([...again.store.follows.followed()]).toEqual([id]);
  });
});

describe('first five minutes (issue 11): own alerts, organizers follow, dismissals last', () => {
  it('never banners, vibrates or notifies the user’s own alert, as organizer or as reporter', async () => {
    const world = await makeWorld();
    const hidden = () => ({ ports: fakePorts({ hidden: true }), settings: alertSettings({ notify: true }) });
    const org = await device(world, hidden());
    const reporter = await device(world, hidden());
    const fan = await device(world, hidden());
    const id = await proposed(org);
    await waitFor(() => [reporter, fan].every((d) => d.store.point(id) !== undefined), 'the point');
    reporter.store.follows.follow(id);
    fan.store.follows.follow(id);
    await waitFor(() => org.store.follows.isFollowed(id), 'the organizer following its point');

    await org.store.raiseAlert(id, { kind: 'caution' });
    // The follower hears it (so the alert did travel and fold)...
    await waitFor(() => fan.store.alerts.banners().length === 1, 'the follower’s banner');
    await waitFor(() => org.store.point(id)?.alerts?.headline?.kind === 'caution', 'folded at the organizer');
    await settle();
    // ...its author does not.
    expect(org.store.alerts.banners()).toEqual([]);
    expect(org.ports.vibrations).toEqual([]);
    expect(org.ports.shown).toEqual([]);

    world.clock.advance(60_000);
    await reporter.store.raiseAlert(id, { kind: 'disperse', reason: 'police' });
    await waitFor(() => fan.store.alerts.banners().some((b) => b.status.kind === 'disperse'), 'the report at the fan');
    await settle();
    // The reporter got the organizer's caution, but nothing for its own report.
    expect(reporter.store.alerts.banners().map((b) => b.status.kind)).toEqual(['caution']);
    expect(reporter.ports.shown).toHaveLength(1);
    expect(reporter.ports.vibrations).toHaveLength(1);
  });

  it('the author follows its point and gets a banner for someone else’s caution; unfollowing sticks', async () => {
    const world = await makeWorld();
    const org = await device(world);
    const reporter = await device(world);
    const id = await proposed(org);
    await waitFor(() => org.store.follows.isFollowed(id), 'auto-follow');
    expect(org.store.alerts.watched(id)).toBe(true);
    expect(reporter.store.follows.isFollowed(id)).toBe(false); // only organizers

    await waitFor(() => reporter.store.point(id) !== undefined, 'the point at the reporter');
    await reporter.store.raiseAlert(id, { kind: 'caution' });
    await waitFor(() => org.store.alerts.banners().length === 1, 'the organizer’s banner');
    expect(org.store.alerts.banners()[0]?.status).toMatchObject({ kind: 'caution', trust: 'unconfirmed', reports: 1 });
    expect(org.ports.vibrations).toEqual([[...NORMAL_VIBRATION]]);

    org.store.follows.unfollow(id);
    world.clock.advance(1000);
    await org.store.propose(draft('Another')); // more records: the auto-follow runs again
    await settle();
    expect(org.store.follows.isFollowed(id)).toBe(false);
    expect(org.store.follows.followed().size).toBe(1); // the new point only
  });

  it('a co-organizer follows the point once named, and hears reports about it', async () => {
    const world = await makeWorld();
    const org = await device(world);
    const co = await device(world);
    const reporter = await device(world);
    const id = await proposed(org);
    await waitFor(() => [co, reporter].every((d) => d.store.point(id) !== undefined), 'the point');
    await settle();
    expect(co.store.follows.isFollowed(id)).toBe(false);

    const named = await org.store.addCoorganizer(id, co.identity.publicKey);
    expect(named.ok).toBe(true);
    await waitFor(() => co.store.follows.isFollowed(id), 'the co-organizer following');
    expect(reporter.store.follows.isFollowed(id)).toBe(false);

    await reporter.store.raiseAlert(id, { kind: 'caution' });
    await waitFor(() => co.store.alerts.banners().length === 1, 'the co-organizer’s banner');
    expect(co.store.alerts.banners()[0]?.status).toMatchObject({ point: id, kind: 'caution', trust: 'unconfirmed' });
  });

  it('a dismissed banner stays dismissed in a new store on the same settings, until its alert expires', async () => {
    const world = await makeWorld();
    const org = await device(world);
    const settings = createMemorySettingsStore();
    const first = await device(world, { overrides: { settings } });
    const a = await proposed(org, 'A');
    const b = await proposed(org, 'B');
    first.store.follows.follow(a);
    first.store.follows.follow(b);
    await waitFor(() => first.store.points().length === 2, 'both points');
    await org.store.raiseAlert(a, { kind: 'caution' });
    await org.store.raiseAlert(b, { kind: 'caution' });
    await waitFor(() => first.store.alerts.banners().length === 2, 'two banners');
    first.store.alerts.dismiss(first.store.alerts.banners().find((x) => x.title === 'A')!.key);
    expect(first.store.alerts.banners().map((x) => x.title)).toEqual(['B']);
    const stored = settings.load().dismissedAlerts ?? [];
    expect(stored).toHaveLength(1);
    expect(stored[0]!.until).toBeGreaterThan(world.clock.now());
    first.dispose();

    // A reload: marks are gone, so the undismissed alert shows again; the dismissed one does not.
    const second = await device(world, { overrides: { settings, records: first.records, identity: first.identity } });
    await waitFor(() => second.store.alerts.banners().length === 1, 'B again after the reload');
    await settle();
    expect(second.store.alerts.banners().map((x) => x.title)).toEqual(['B']);
    expect(second.ports.vibrations).toHaveLength(1);

    // A new alert about A is news again.
    world.clock.advance(1000);
    await org.store.raiseAlert(a, { kind: 'caution' });
    await waitFor(() => second.store.alerts.banners()[0]?.title === 'A', 'the new caution on A');

    // Expired dismissals are dropped with the next one.
    world.clock.advance(LIMITS.alertTtlMs + 1000);
    second.store.alerts.dismiss(second.store.alerts.banners()[0]!.key);
    expect((settings.load().dismissedAlerts ?? []).map((d) => d.key)).toEqual([expect.stringContaining(a)]);
    expect(settings.load().dismissedAlerts).toHaveLength(1);
  });
});
