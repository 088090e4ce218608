/**
 * Stock GUN bench client, written the way a naive app would: each point is a
 * GUN node `points-<space>/<id>` with plain fields, read with `map().on`.
 * It loads `gun/gun.js`, the build a web app ships (no AXE, no SEA, no
 * server-side `super` default), with Node's `ws` as its WebSocket: Node's
 * `require('gun')` would also run AXE inside every client, which browsers
 * never do and which roughly triples stock latency (see bench/README.md).
 */
import GunImport from 'gun/gun.js';
import { WebSocket } from 'ws';
import type { Space } from './benchTypes';
import { pointFields, type BenchPeer } from './benchPeer';

/** The slice of GUN's chain API used here (its own typings are generic-heavy). */
interface Chain {
  get(key: string): Chain;
  put(data: Record<string, unknown>): Chain;
  map(): Chain;
  on(cb: (data: unknown, key: string) => void): Chain;
}

const FIELDS = ['title', 'note', 'lat', 'lon', 'start', 'end'] as const;

/** A point counts as received only when all its fields are in hand. */
function complete(data: unknown): data is { title: string } {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Record<string, unknown>;
  return typeof d.title === 'string' && FIELDS.every((f) => d[f] !== undefined);
}

/** Creates a GUN client peered with `url` only. */
export async function stockGunPeer(url: string, space: Space): Promise<BenchPeer> {
  const opts = { peers: [url], localStorage: false, radisk: false, multicast: false, stats: false, WebSocket };
  const gun = (GunImport as unknown as (o: Record<string, unknown>) => Chain)(opts);
  const points = gun.get(`points-${space.id}`);
  let n = 0;
  return {
    async prepare(label) {
      const id = `${process.pid}.${n++}`;
      const fields = pointFields(label);
      return { id, send: () => void points.get(id).put(fields) };
    },
    subscribe(onPoint) {
      // GUN always sends what the relay holds; `history` is implicit.
      points.map().on((data, key) => {
        if (complete(data)) onPoint(key, data.title);
      });
    },
    // GUN has no close: the owning process exits after the scenario.
    close: async () => undefined,
  };
}
