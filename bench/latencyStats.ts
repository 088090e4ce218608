/**
 * Turns the writer's send times and the subscribers' receive times into one
 * row: latency percentiles over every (subscriber, point) pair, and lost =
 * pairs with no receipt before the cut-off.
 */

export interface LatencySummary {
  readonly p50: number | null;
  readonly p95: number | null;
  readonly max: number | null;
  readonly lost: number;
  readonly samples: number;
}

/** Nearest-rank percentile of an ascending array (q in 0..1). */
export function percentile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? null;
}

const round2 = (x: number | null): number | null => (x === null ? null : Math.round(x * 100) / 100);

/**
 * @param sends [point id, send time] for every measured point
 * @param peers per subscriber that reported, [point id, receive time]
 * @param subscribers how many subscribers there should have been (missing ones lose everything)
 * @param cutoff receive times after this count as lost
 */
export function summarize(
  sends: ReadonlyArray<readonly [string, number]>,
  peers: ReadonlyArray<ReadonlyArray<readonly [string, number]>>,
  subscribers: number,
  cutoff: number,
): LatencySummary {
  const latencies: number[] = [];
  let lost = Math.max(0, subscribers - peers.length) * sends.length;
  for (const got of peers) {
    const at = new Map(got);
    for (const [id, sent] of sends) {
      const t = at.get(id);
      if (t === undefined || t > cutoff) lost++;
      else latencies.push(t - sent);
    }
  }
  latencies.sort((a, b) => a - b);
  return {
    p50: round2(percentile(latencies, 0.5)),
    p95: round2(percentile(latencies, 0.95)),
    max: round2(latencies.at(-1) ?? null),
    lost,
    samples: latencies.length,
  };
}

/** One stage of a latency table, in ms: percentiles over the samples that have both ends (`n`). */
export interface StageRow {
  stage: string;
  p50: number | null;
  p95: number | null;
  max: number | null;
  n: number;
}

/**
 * The row for `stage` over `xs` (undefined: a sample that lacks one end),
 * rounded to `decimals` places when given.
 */
export function stageRow(stage: string, xs: readonly (number | undefined)[], decimals?: number): StageRow {
  const v = xs.filter((x): x is number => x !== undefined).sort((a, b) => a - b);
  const scale = decimals === undefined ? undefined : 10 ** decimals;
  const r = (x: number | null) => (x === null || scale === undefined ? x : Math.round(x * scale) / scale);
  return { stage, p50: r(percentile(v, 0.5)), p95: r(percentile(v, 0.95)), max: r(v.at(-1) ?? null), n: v.length };
}

/** Per sample, the time from its `from` stamp to its `to` stamp; undefined where either is missing. */
export function stageDeltas<S extends object>(
  samples: readonly S[],
  from: keyof S,
  to: keyof S,
): (number | undefined)[] {
  return samples.map((s) => {
    const [a, b] = [s[from], s[to]];
    return typeof a === 'number' && typeof b === 'number' ? b - a : undefined;
  });
}
