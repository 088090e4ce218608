/**
 * One timed alert for the alert benches (bench/alertLatency.ts,
 * bench/chokedNetwork.ts): the organizer page taps Caution or All clear in
 * the real UI (the page's clock just before the click), the follower page's
 * banner log (bench/pageProbes.ts WATCH_BANNERS) gives the time its banner
 * showed, and the banner is dismissed afterwards, outside the measured span.
 * One copy, so both benches time exactly the same thing.
 */
import type { Page } from 'playwright-core';
import { eventually, WAIT_MS } from '../tests/fixtures/e2ePeer';
import { bannerLog } from './pageProbes';

export type AlertKind = 'caution' | 'clear';

/** What one tap measured: `banner` stays undefined when none showed within `waitMs`. */
export interface TimedAlert {
  readonly kind: AlertKind;
  readonly click: number;
  banner?: number;
}

/**
 * Raises alert `i` (caution on even, all clear on odd, so each is news) on `pointId` and waits for
 * the follower's banner; with `waitMs`, a banner that never shows is a lost alert, not an error.
 * `onClick` runs as soon as the click time is known (a caller records the sample before waiting).
 */
export async function raiseTimedAlert(
  organizer: Page,
  follower: Page,
  pointId: string,
  i: number,
  what: string,
  opts: { waitMs?: number; onClick?: (sample: TimedAlert) => void } = {},
): Promise<TimedAlert> {
  const kind: AlertKind = i % 2 === 0 ? 'caution' : 'clear';
  await organizer.locator(`[data-testid=raise-${kind}]:enabled`).waitFor();
  const before = (await bannerLog(follower)).length;
  const click = await organizer.evaluate((k) => {
    const button = document.querySelector<HTMLButtonElement>(`[data-testid=raise-${k}]`);
    const at = Date.now();
    button?.click();
    return at;
  }, kind);
  const sample: TimedAlert = { kind, click };
  opts.onClick?.(sample);
  const shown = eventually(
    async () => {
      const seen = (await bannerLog(follower)).slice(before);
      sample.banner = seen.find((b) => b.kind === kind && b.point === pointId && b.at >= click)?.at;
      return sample.banner !== undefined;
    },
    `${what} alert ${i} (${kind}) to show on the follower`,
    () => bannerLog(follower),
    opts.waitMs ?? WAIT_MS,
  );
  await (opts.waitMs === undefined ? shown : shown.catch(() => undefined));
  return sample;
}

/** Dismisses every banner on the follower, so the next alert's banner is new. */
export function dismissBanners(follower: Page): Promise<void> {
  return follower.evaluate(() =>
    document.querySelectorAll<HTMLButtonElement>('[data-testid=alert-banner-dismiss]').forEach((b) => b.click()),
  );
}
