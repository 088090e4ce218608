/**
 * The IPC messages between the bench orchestrator (run.ts) and its child
 * processes (relayProcess.ts, peerProcess.ts). Plain JSON over Node's IPC.
 */
import type { Pacing, RelayKind, Space } from './benchTypes';

/** What a peer process plays: one writer, N subscribers, or one fresh client timing a full sync. */
export type PeerRole = 'writer' | 'subscribers' | 'fresh';

export interface PeerInit {
  readonly type: 'init';
  readonly role: PeerRole;
  readonly kind: RelayKind;
  readonly url: string;
  readonly space: Space;
  /** Number of subscriber peers in this process (subscribers role). */
  readonly peers: number;
  /** Points each subscriber must receive to be complete (warm-ups excluded). */
  readonly expect: number;
  /** Ask for the space's stored history (only the raw relay needs to be asked). */
  readonly history: boolean;
  /** Subscribers count a Vada record at wire arrival, before verification (diagnostic). */
  readonly wire?: boolean;
}

export type ToPeer =
  | PeerInit
  | { readonly type: 'warm' }
  | { readonly type: 'run'; readonly pacing: Pacing }
  /** Start of the measured window (for CPU accounting). */
  | { readonly type: 'mark' }
  | { readonly type: 'collect' }
  | { readonly type: 'stop' };

export type FromPeer =
  | { readonly type: 'inited' }
  | { readonly type: 'ready'; readonly peer: number }
  | { readonly type: 'complete'; readonly peer: number }
  /** Writer: [point id, send time] in send order. */
  | { readonly type: 'sent'; readonly sends: ReadonlyArray<readonly [string, number]> }
  /** Subscribers: per peer, [point id, first receive time]. */
  | {
      readonly type: 'collected';
      readonly peers: ReadonlyArray<ReadonlyArray<readonly [string, number]>>;
      readonly cpuMs: number;
    }
  | { readonly type: 'synced'; readonly ms: number | null; readonly got: number }
  | { readonly type: 'error'; readonly message: string };

export type ToRelay = { readonly type: 'probe' } | { readonly type: 'stop' };

export type FromRelay =
  | { readonly type: 'listening'; readonly url: string; readonly note: string }
  /** RSS and JS heap in use (bytes), CPU time (user + system) used so far in ms, the relay's own counters if any. */
  | {
      readonly type: 'probe';
      readonly rss: number;
      readonly heapUsed: number;
      readonly cpuMs: number;
      readonly stats?: unknown;
    }
  | { readonly type: 'error'; readonly message: string };
