/**
 * Runs code-loading work once the page is idle after its first paint, so
 * chunks fetched ahead of use (sheets, see src/ui/shell/lazySheets.ts) never
 * compete with drawing the map, yet soon (at most half a second later): a
 * phone whose network drops right after its first visit, before the service
 * worker has cached the app, should still have them. Browsers without
 * `requestIdleCallback` wait that long instead.
 */

/** Calls `run` when the main thread is idle (at most `timeoutMs` later). */
export function whenIdle(run: () => void, timeoutMs = 500): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => run(), { timeout: timeoutMs });
  else setTimeout(run, timeoutMs);
}
