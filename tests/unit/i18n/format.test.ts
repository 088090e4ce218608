import { beforeAll, describe, expect, it } from 'vitest';
import { formatBytes, formatDistance, formatDuration, setLocale } from '../../../src/i18n';

describe('formatting', () => {
  beforeAll(() => setLocale('en'));
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

describe('sizes', () => {
  it('writes decimal sizes with the locale’s unit words and digits', async () => {
    await setLocale('en');
    expect([formatBytes(850_000), formatBytes(12_340_000), formatBytes(1_000_000_000)]).toEqual([
      '850 kB',
      '12 MB',
      '1.0 GB',
    ]);
    expect(formatBytes(5_000_000)).toBe('5.0 MB');
    await setLocale('uk');
    expect(formatBytes(1_500_000)).toBe(
      new Intl.NumberFormat('uk', { style: 'unit', unit: 'megabyte', minimumFractionDigits: 1 }).format(1.5),
    );
    expect(formatBytes(1_500_000)).toContain('1,5');
    await setLocale('fa');
    expect(formatBytes(850_000)).toMatch(/^۸۵۰/);
    await setLocale('en');
  });
});

describe('Persian', () => {
  it('writes Persian digits, and a spaced metre the short form would glue on', async () => {
    await setLocale('fa');
    expect(formatDistance(347)).toBe('۳۵۰ متر');
    expect(formatDuration(12 * 60_000)).toMatch(/^۱۲\s/);
    await setLocale('en');
  });
});

describe('Traditional Chinese', () => {
  it('formats the Hong Kong way (米, not Taiwan’s 公尺)', async () => {
    await setLocale('zh-Hant');
    expect(formatDistance(347)).toContain('米');
    expect(formatDistance(347)).not.toContain('公尺');
    await setLocale('en');
  });
});
