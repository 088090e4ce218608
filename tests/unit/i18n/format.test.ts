import { describe, expect, it } from 'vitest';
import { formatDistance, formatDuration, setLocale } from '../../../src/i18n';

describe('formatting', () => {
  setLocale('en');
  it('writes countdowns in seconds, minutes, then hours and minutes, rounding up', () => {
    expect(formatDuration(45_000)).toBe('45 sec');
    expect(formatDuration(12 * 60_000 - 500)).toBe('12 min');
    expect(formatDuration(60 * 60_000)).toBe('1 hr');
    expect(formatDuration(65 * 60_000)).toBe('1 hr 5 min');
  });

  it('writes distances in tens of metres, then kilometres', () => {
    expect(formatDistance(3)).toBe('10 m');
    expect(formatDistance(347)).toBe('350 m');
    expect(formatDistance(1_260)).toBe('1.3 km');
  });
});
