/**
 * How full this origin's storage is, from navigator.storage.estimate(), as a
 * warning level. The warning also says what Vada gives up first when it runs
 * short (catalogue key `storage.dropOrder`): expired records, then tiles seen
 * while browsing; never saved areas or writes not yet sent.
 */

export type StorageLevel = 'unknown' | 'ok' | 'nearlyFull' | 'full';

/** Above this share of the quota, warn that storage is nearly full. */
export const NEARLY_FULL_RATIO = 0.8;
/** Above this share, storage is treated as full. */
export const FULL_RATIO = 0.95;

/** Warning level for `usage` bytes of a `quota`; unknown when the browser did not say. */
export function storageLevel(usage: number | undefined, quota: number | undefined): StorageLevel {
  if (usage === undefined || quota === undefined || !(quota > 0) || !(usage >= 0)) return 'unknown';
  const ratio = usage / quota;
  if (ratio > FULL_RATIO) return 'full';
  if (ratio > NEARLY_FULL_RATIO) return 'nearlyFull';
  return 'ok';
}
