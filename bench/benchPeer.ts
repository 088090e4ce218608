/**
 * One bench client, whatever the relay: it can prepare and send points and
 * subscribe to a space. The three implementations (raw ws, stock GUN, Vada)
 * are loaded lazily so a process only pays for the one it uses.
 */
import type { RelayKind, Space } from './benchTypes';

/** A point made ready before the timed section (Vada seals and signs here). */
export interface Outgoing {
  readonly id: string;
  /** Hands the point to the transport; the send time is taken just before this. */
  send(): void;
}

export interface BenchPeer {
  prepare(label: string): Promise<Outgoing>;
  /**
   * Calls back when a point's data is in hand; may repeat ids (callers dedupe). `at` is when it
   * arrived if that was earlier than the call (the wire probe stamps at the socket).
   */
  subscribe(onPoint: (id: string, label: string, at?: number) => void, history: boolean): void;
  close(): Promise<void>;
}

/** The fields of a bench point: a realistic ~200-byte gathering point. */
export function pointFields(label: string): {
  title: string;
  note: string;
  lat: number;
  lon: number;
  start: number;
  end: number;
} {
  const start = Date.now();
  return {
    title: label,
    note: 'Bring water. Meet by the fountain, north side; stewards wear yellow armbands. Leave via the east exit.',
    lat: Math.round((53.9 + Math.random() / 100) * 1e4) / 1e4,
    lon: Math.round((27.56 + Math.random() / 100) * 1e4) / 1e4,
    start,
    end: start + 3_600_000,
  };
}

/**
 * Connects a peer of the given relay kind to `url`, scoped to `space`.
 * `wire` (Vada only) makes a subscriber that stops before verification.
 */
export async function makePeer(kind: RelayKind, url: string, space: Space, wire = false): Promise<BenchPeer> {
  if (wire && kind === 'vada') return (await import('./vadaWirePeer')).vadaWirePeer(url, space);
  if (kind === 'raw-ws') return (await import('./rawWsPeer')).rawWsPeer(url, space);
  if (kind === 'stock-gun') return (await import('./stockGunPeer')).stockGunPeer(url, space);
  return (await import('./vadaPeer')).vadaPeer(url, space);
}
