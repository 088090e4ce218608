/**
 * Shared vocabulary of the relay-hop bench: relay kinds, send patterns, the
 * per-scenario namespace ("space") and the result row written to
 * bench/results/relay-hop.json.
 */

export const RELAY_KINDS = ['raw-ws', 'stock-gun', 'vada'] as const;
export type RelayKind = (typeof RELAY_KINDS)[number];

export const PATTERNS = ['paced', 'burst'] as const;
export type Pattern = (typeof PATTERNS)[number];

/** How a writer spaces its points: `batch` points, then `intervalMs` pause. */
export interface Pacing {
  readonly count: number;
  readonly batch: number;
  readonly intervalMs: number;
}

/** One every 20 ms, or all 200 in the same tick (the two patterns). */
export function pacingOf(pattern: Pattern, count: number): Pacing {
  return pattern === 'paced' ? { count, batch: 1, intervalMs: 20 } : { count, batch: count, intervalMs: 0 };
}

/**
 * A fresh namespace per scenario, so no scenario sees another's history.
 * `id` is 22 base64url chars (a valid Vada circle id); `keyHex` is that
 * circle's AES key (Vada only; the baselines use `id` as a node name/tag).
 */
export interface Space {
  readonly id: string;
  readonly keyHex: string;
}

/** Where a relay listens: `url` for WebSocket clients (GUN's `/gun` path for GUN relays). */
export interface RelayEndpoint {
  readonly kind: RelayKind;
  readonly url: string;
}

/**
 * Where a subscriber's receive time is taken: `received` = raw-ws and stock GUN clients (a point's
 * data in hand: JSON parsed, GUN's graph for stock), `arrival` = Vada, the frame at the subscriber's
 * socket (vadaWirePeer), `verified` = Vada, onRecord after id, signature, time and decryption (vadaPeer).
 */
export type Stage = 'received' | 'arrival' | 'verified';

/** One line of relay-hop.json (latencies in milliseconds; null when nothing arrived). */
export interface HopRow {
  readonly subscribers: number;
  readonly pattern: Pattern;
  readonly relay: RelayKind;
  readonly at: Stage;
  readonly p50: number | null;
  readonly p95: number | null;
  readonly max: number | null;
  readonly lost: number;
}

/** Wall-clock milliseconds comparable across processes on one machine. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

/** Label of the warm-up points that prove a subscriber is connected and subscribed. */
export const WARMUP_LABEL = 'warmup';
