/**
 * Presentation of the bench: the latency table (with each row's p95 as a
 * multiple of raw-ws in the same scenario) and the issue's target check, made
 * on Vada's arrival rows (the relay hop) with its verified rows alongside.
 */
import type { HopRow, Pattern, Stage } from './benchTypes';

const fmt = (x: number | null, w: number): string => (x === null ? '—' : x.toFixed(x >= 100 ? 0 : 2)).padStart(w);

function rawOf(rows: readonly HopRow[], r: HopRow): HopRow | undefined {
  return rows.find((x) => x.relay === 'raw-ws' && x.subscribers === r.subscribers && x.pattern === r.pattern);
}

function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  return a == null || b == null || b <= 0 ? null : a / b;
}

/** The table, one line per row, in run order. */
export function formatTable(rows: readonly HopRow[]): string {
  const head = `${'relay'.padEnd(10)} ${'at'.padEnd(9)} ${'subs'.padStart(4)}  ${'pattern'.padEnd(7)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'lost'.padStart(6)} ${'p95/raw'.padStart(8)}`;
  const lines = rows.map((r) => {
    const x = ratio(r.p95, rawOf(rows, r)?.p95);
    return `${r.relay.padEnd(10)} ${r.at.padEnd(9)} ${String(r.subscribers).padStart(4)}  ${r.pattern.padEnd(7)} ${fmt(r.p50, 8)} ${fmt(r.p95, 8)} ${fmt(r.max, 8)} ${String(r.lost).padStart(6)} ${x === null ? '—'.padStart(8) : `${x.toFixed(1)}×`.padStart(8)}`;
  });
  return [head, '-'.repeat(head.length), ...lines].join('\n');
}

/** The issue's bound per pattern at 50 subscribers, at arrival: Vada p95 ≤ k × raw-ws p95. */
export const TARGET: Record<Pattern, number> = { paced: 3, burst: 3 };
export const TARGET_SUBSCRIBERS = 50;
/** The rows the target is judged on: arrival at the subscriber's socket. */
export const TARGET_STAGE: Stage = 'arrival';

export interface TargetCheck {
  /** null when this run did not measure both raw-ws and Vada (at arrival) at 50 subscribers in both patterns. */
  readonly met: boolean | null;
  readonly lines: string[];
  /** p95 / raw-ws p95 at arrival, the target's figures. */
  readonly ratios: Partial<Record<Pattern, number | null>>;
  /** The same for the verified rows (not part of the target). */
  readonly verifiedRatios: Partial<Record<Pattern, number | null>>;
}

/** MET when both 50-subscriber arrival ratios are within bounds and no Vada row lost a point. */
export function checkTarget(rows: readonly HopRow[]): TargetCheck {
  const lines: string[] = [];
  const ratios: Partial<Record<Pattern, number | null>> = {};
  const verifiedRatios: Partial<Record<Pattern, number | null>> = {};
  let met = true;
  for (const pattern of Object.keys(TARGET) as Pattern[]) {
    const find = (relay: HopRow['relay'], at?: Stage): HopRow | undefined =>
      rows.find(
        (r) =>
          r.relay === relay &&
          r.pattern === pattern &&
          r.subscribers === TARGET_SUBSCRIBERS &&
          (at === undefined || r.at === at),
      );
    const vada = find('vada', TARGET_STAGE);
    const verified = find('vada', 'verified');
    const raw = find('raw-ws');
    const x = ratio(vada?.p95, raw?.p95);
    const xv = ratio(verified?.p95, raw?.p95);
    ratios[pattern] = x;
    verifiedRatios[pattern] = xv;
    const ok = x !== null && x <= TARGET[pattern] && vada?.lost === 0;
    met &&= ok;
    lines.push(
      `  ${pattern.padEnd(5)} @${TARGET_SUBSCRIBERS}: vada at arrival p95 ${fmt(vada?.p95 ?? null, 0)} ms / raw-ws ${fmt(raw?.p95 ?? null, 0)} ms = ${x === null ? '—' : `${x.toFixed(2)}×`} (bound ${TARGET[pattern]}×), lost ${vada?.lost ?? '—'} → ${ok ? 'ok' : 'MISSED'}` +
        `; verified p95 ${fmt(verified?.p95 ?? null, 0)} ms = ${xv === null ? '—' : `${xv.toFixed(2)}×`}`,
    );
  }
  const vadaRows = rows.filter((r) => r.relay === 'vada');
  const lostAll = vadaRows.reduce((n, r) => n + r.lost, 0);
  if (vadaRows.length > 0) lines.push(`  vada lost over all its rows (arrival and verified): ${lostAll}`);
  met &&= lostAll === 0;
  const measured = Object.values(ratios).length === 2 && Object.values(ratios).every((x) => x !== null);
  const verdict = measured ? (met ? 'MET' : 'NOT MET') : 'not measured in this run';
  lines.push(
    `Target: Vada p95 at arrival within 3× raw-ws paced and 3× raw-ws burst at 50 subscribers, 0 lost: ${verdict}`,
  );
  return { met: measured ? met : null, lines, ratios, verifiedRatios };
}
