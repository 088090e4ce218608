/**
 * Counters the relay keeps about itself: what it accepted, what it refused and
 * why, who is connected. Exposed through RunningRelay.stats() and, when asked
 * for, GET /vada-stats.json.
 */

import type { RefusalCode } from './refusalCodes';

/** Why an input was refused: the relay's own codes plus the protocol's (relay/refusalCodes.ts). */
export type { RefusalCode } from './refusalCodes';

export interface RelayStats {
  /** Records newly stored since start (replayed ones not counted). */
  readonly accepted: number;
  /** Valid records that were already stored (echoes, resends); not refusals. */
  readonly duplicates: number;
  /** Refused inputs (frames, messages or single keys) by reason code (a RefusalCode; keyed by string as in the JSON). */
  readonly refused: Readonly<Record<string, number>>;
  /** Sum of `refused`. */
  readonly refusedTotal: number;
  /** Inbound WebSocket peers connected now. */
  readonly peers: number;
  /** Federation links configured and open now. */
  readonly federation: {
    readonly configured: number;
    readonly connected: number;
  };
  /** Records held now (memory and journal). */
  readonly stored: number;
  /** Records loaded from the journal at start. */
  readonly replayed: number;
  /** Frames received from all peers. */
  readonly frames: number;
}

/** Mutable counters behind RelayStats. */
export class StatsCounter {
  accepted = 0;
  duplicates = 0;
  replayed = 0;
  frames = 0;
  private readonly refusals = new Map<RefusalCode, number>();

  refuse(code: RefusalCode, n = 1): void {
    this.refusals.set(code, (this.refusals.get(code) ?? 0) + n);
  }

  snapshot(live: Pick<RelayStats, 'peers' | 'federation' | 'stored'>): RelayStats {
    const refused: Record<string, number> = {};
    let refusedTotal = 0;
    for (const [code, n] of this.refusals) {
      refused[code] = n;
      refusedTotal += n;
    }
    return {
      accepted: this.accepted,
      duplicates: this.duplicates,
      refused,
      refusedTotal,
      replayed: this.replayed,
      frames: this.frames,
      ...live,
    };
  }
}
