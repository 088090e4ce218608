import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_SETTINGS } from '../../../src/domain/alertSettings';
import {
  createMemorySettingsStore,
  DISMISSED_MAX,
  FOLLOWED_MAX,
  openSettingsStore,
  parseSettings,
  stopSettingsWrites,
  type Settings,
} from '../../../src/platform/settingsStore';

/** A canonical 43-char id (last char 'A': no spare bits set). */
const id = (n: number) => n.toString(36).padStart(42, 'A') + 'A';

describe('settings', () => {
  it('parses stored settings defensively', () => {
    expect(parseSettings(null)).toEqual({ shareLocation: false });
    expect(parseSettings('{broken')).toEqual({ shareLocation: false });
    expect(
      parseSettings(JSON.stringify({ relays: ['a', 1], view: { lat: 999, lon: 0, zoom: 3 }, shareLocation: 'yes' })),
    ).toEqual({ shareLocation: false });
    const good = {
      relays: ['http://r/gun'],
      view: { lat: 53.9, lon: 27.56, zoom: 13 },
      shareLocation: true,
      locale: 'be',
    };
    expect(parseSettings(JSON.stringify(good))).toEqual(good);
  });

  it('keeps settings in memory when localStorage is missing', () => {
    const s = openSettingsStore();
    s.save({ shareLocation: true });
    expect(s.load().shareLocation).toBe(true);
    const m = createMemorySettingsStore({ relays: [] });
    m.save({ view: { lat: 1, lon: 2, zoom: 3 } });
    expect(m.load()).toEqual({ shareLocation: false, relays: [], view: { lat: 1, lon: 2, zoom: 3 } });
  });

  it('parses alert settings field by field, and leaves them out when never saved', () => {
    expect(parseSettings(JSON.stringify({ shareLocation: true }))).toEqual({ shareLocation: true });
    const alerts = {
      radiusM: 500,
      vibrate: true,
      sound: true,
      notify: false,
      lockScreen: 'full',
      discreetText: 'Rain',
    };
    expect(parseSettings(JSON.stringify({ alerts })).alerts).toEqual(alerts);
    expect(parseSettings(JSON.stringify({ alerts: { ...alerts, radiusM: 123, lockScreen: 'all' } })).alerts).toEqual({
      ...alerts,
      radiusM: DEFAULT_ALERT_SETTINGS.radiusM,
      lockScreen: DEFAULT_ALERT_SETTINGS.lockScreen,
    });
    expect(parseSettings(JSON.stringify({ alerts: 'loud' })).alerts).toEqual(DEFAULT_ALERT_SETTINGS);
  });

  it('keeps only canonical record ids as followed points, once each, at most FOLLOWED_MAX', () => {
    const good = [id(1), id(2)];
    // 'B' ends a 43-char id with spare bits set: not the canonical spelling of its bytes.
    const junk = [id(1), 'short', 42, null, { id: id(3) }, 'A'.repeat(42) + 'B', 'A'.repeat(44), 'A'.repeat(42) + '+'];
    expect(parseSettings(JSON.stringify({ followed: [...good, ...junk] })).followed).toEqual(good);
    expect(parseSettings(JSON.stringify({ followed: 'all' })).followed).toBeUndefined();
    const many = Array.from({ length: FOLLOWED_MAX + 20 }, (_, i) => id(i));
    const kept = parseSettings(JSON.stringify({ followed: many })).followed;
    expect(FOLLOWED_MAX).toBe(500);
    expect(kept).toEqual(many.slice(0, FOLLOWED_MAX));
  });

  it('keeps auto-followed ids like followed ones, and only well-formed dismissals, at most DISMISSED_MAX', () => {
    const s = parseSettings(
      JSON.stringify({
        autoFollowed: [id(1), 'nope', id(1)],
        dismissedAlerts: [
          { key: 'a|caution|b|confirmed|0', until: 5 },
          { key: 'a|caution|b|confirmed|0', until: 6 },
          { key: '', until: 1 },
          { key: 'x'.repeat(301), until: 1 },
          { key: 'k', until: 'soon' },
          { key: 'k2', until: Infinity },
          '<img src=x>',
          ...Array.from({ length: DISMISSED_MAX + 10 }, (_, n) => ({ key: `k${n + 10}`, until: n })),
        ],
      }),
    );
    expect(s.autoFollowed).toEqual([id(1)]);
    expect(s.dismissedAlerts).toHaveLength(DISMISSED_MAX);
    expect(s.dismissedAlerts?.[0]).toEqual({ key: 'a|caution|b|confirmed|0', until: 6 });
    expect(s.dismissedAlerts?.some((d) => d.key === 'k' || d.key === 'k2' || d.key === '')).toBe(false);
    expect(parseSettings(JSON.stringify({ dismissedAlerts: 'x' })).dismissedAlerts).toBeUndefined();
  });

  it('keeps the first-run hint dismissed only when stored as true', () => {
    expect(parseSettings(JSON.stringify({ firstRunHintDismissed: true })).firstRunHintDismissed).toBe(true);
    for (const junk of [false, 'true', 1, null, {}])
      expect(parseSettings(JSON.stringify({ firstRunHintDismissed: junk }))).not.toHaveProperty(
        'firstRunHintDismissed',
      );
  });
  it('keeps every field the Settings type declares: type and parser agree', () => {
    // Required<Settings>: a field added to the type does not compile here until it is added, and must then survive.
    const full: Required<Settings> = {
      relays: ['https://relay.example/gun'],
      view: { lat: 53.9, lon: 27.56, zoom: 13 },
      shareLocation: true,
      locale: 'fa',
      alerts: { ...DEFAULT_ALERT_SETTINGS, radiusM: 500, lockScreen: 'kind' },
      followed: [id(1)],
      autoFollowed: [id(2)],
      dismissedAlerts: [{ key: 'k', until: 1_700_000_000_000 }],
      panicGesture: 'immediate',
      firstRunHintDismissed: true,
    };
    expect(parseSettings(JSON.stringify(full))).toEqual(full);
  });
});

describe('settings after a panic wipe', () => {
  it('writes nothing once stopSettingsWrites was called', () => {
    const items = new Map<string, string>();
    const fake = {
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => void items.set(k, v),
      removeItem: (k: string) => void items.delete(k),
    };
    const real = Object.getOwnPropertyDescriptor(globalThis, 'localStorage');
    Object.defineProperty(globalThis, 'localStorage', { value: fake, configurable: true });
    try {
      const s = openSettingsStore();
      s.save({ shareLocation: true });
      expect(items.size).toBe(1);
      items.clear();
      stopSettingsWrites();
      s.save({ view: { lat: 1, lon: 2, zoom: 3 } });
      openSettingsStore().save({ shareLocation: true });
      expect(items.size).toBe(0);
    } finally {
      if (real) Object.defineProperty(globalThis, 'localStorage', real);
      else delete (globalThis as { localStorage?: unknown }).localStorage;
    }
  });
});
