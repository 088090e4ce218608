/** Stored alert settings are untrusted: each field falls back to its default on its own. */
import { describe, expect, it } from 'vitest';
import {
  ALERT_RADIUS_CHOICES_M,
  DEFAULT_ALERT_SETTINGS,
  DISCREET_TEXT_MAX,
  parseAlertSettings,
} from '../../../src/domain/alertSettings';

const good = {
  radiusM: 1000,
  vibrate: false,
  sound: true,
  notify: true,
  lockScreen: 'kind',
  discreetText: 'Weather',
} as const;

describe('parseAlertSettings', () => {
  it('keeps valid settings as they are', () => {
    expect(parseAlertSettings(good)).toEqual(good);
    for (const radiusM of ALERT_RADIUS_CHOICES_M)
      expect(parseAlertSettings({ ...good, radiusM }).radiusM).toBe(radiusM);
    for (const lockScreen of ['discreet', 'kind', 'full'] as const)
      expect(parseAlertSettings({ ...good, lockScreen }).lockScreen).toBe(lockScreen);
  });

  it.each([null, undefined, 'x', 42, [good], true])('gives the defaults for a non-object %j', (v) => {
    expect(parseAlertSettings(v)).toEqual(DEFAULT_ALERT_SETTINGS);
  });

  it.each([
    ['radiusM', 750],
    ['radiusM', '1000'],
    ['radiusM', -500],
    ['radiusM', Number.NaN],
    ['vibrate', 'false'],
    ['sound', 1],
    ['notify', null],
    ['lockScreen', 'FULL'],
    ['lockScreen', 'none'],
    ['discreetText', ''],
    ['discreetText', '   '],
    ['discreetText', 'a\u0007b'],
    ['discreetText', 'a\u202eb'],
    ['discreetText', 'two\nlines'],
    ['discreetText', 'x'.repeat(DISCREET_TEXT_MAX + 1)],
    ['discreetText', 7],
  ] as const)('resets only %s when it is %j', (field, bad) => {
    const parsed = parseAlertSettings({ ...good, [field]: bad });
    expect(parsed).toEqual({ ...good, [field]: DEFAULT_ALERT_SETTINGS[field] });
  });

  it('cleans the discreet text like peer text and counts code points', () => {
    expect(parseAlertSettings({ discreetText: '  Cafe\u0301 ' }).discreetText).toBe('Café');
    const emoji = '🌧'.repeat(DISCREET_TEXT_MAX);
    expect(parseAlertSettings({ discreetText: emoji }).discreetText).toBe(emoji);
  });

  it('ignores unknown fields and fills missing ones', () => {
    expect(parseAlertSettings({ sound: true, extra: 'x', __proto__: { notify: true } })).toEqual({
      ...DEFAULT_ALERT_SETTINGS,
      sound: true,
    });
  });
});
