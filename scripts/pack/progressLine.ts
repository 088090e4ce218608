/**
 * The progress line of `npm run pack`: tiles done of total, bytes, rate and
 * time left, printed at most once a second (a pack of thousands of tiles
 * would otherwise flood the terminal). Pure apart from the clock it is given.
 */

export interface Progress {
  /** Tiles done, including those kept from an earlier run. */
  readonly done: number;
  readonly total: number;
  /** Bytes of tiles fetched so far (this run and earlier ones). */
  readonly bytes: number;
  /** Tiles fetched by this run, and the ms it has been fetching: the rate. */
  readonly fetched: number;
  readonly elapsedMs: number;
}

const MB = (n: number) => `${(n / 1_000_000).toFixed(1)} MB`;

/** "1 h 2 min", "7 min 40 s", "12 s". */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s >= 3600) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  if (s >= 60) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${s} s`;
}

/** e.g. "120/500 tiles (24%), 2.3 MB, 8.1 tiles/s, ETA 47 s". */
export function progressLine(p: Progress): string {
  const percent = p.total === 0 ? 100 : Math.floor((p.done / p.total) * 100);
  const rate = p.elapsedMs > 0 ? (p.fetched * 1000) / p.elapsedMs : 0;
  const left = p.total - p.done;
  const eta = rate > 0 ? duration((left / rate) * 1000) : left === 0 ? '0 s' : 'unknown';
  return `${p.done}/${p.total} tiles (${percent}%), ${MB(p.bytes)}, ${rate.toFixed(1)} tiles/s, ETA ${eta}`;
}

/** Calls `print` with the line when a second has passed since the last one (or when `force`). */
export function throttledProgress(print: (line: string) => void, now: () => number = Date.now) {
  let last = -Infinity;
  return (p: Progress, force = false) => {
    const t = now();
    if (!force && t - last < 1000) return;
    last = t;
    print(progressLine(p));
  };
}
