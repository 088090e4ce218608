import { describe, expect, it } from 'vitest';
import { createMemorySettingsStore, openSettingsStore, parseSettings } from '../../../src/platform/settingsStore';

describe('settings', () => {
  it('parses stored settings defensively', () => {
    expect(parseSettings(null)).toEqual({ shareLocation: false });
    expect(parseSettings('{broken')).toEqual({ shareLocation: false });
    expect(parseSettings(JSON.stringify({ relays: ['a', 1], view: { lat: 999, lon: 0, zoom: 3 }, shareLocation: 'yes' }))).toEqual({ shareLocation: false });
    const good = { relays: ['http://r/gun'], view: { lat: 53.9, lon: 27.56, zoom: 13 }, shareLocation: true, locale: 'be' };
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
});
