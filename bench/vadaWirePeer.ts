/**
 * Diagnostic Vada subscriber that stops at the wire: a GUN client with the
 * adapter's options on the same bucket souls, counting a record when its
 * envelope string arrives (structure parsed, no hashing, signature check or
 * decryption). Comparing it with vadaPeer splits the hop into transport and
 * verification. Subscribe-only; the writer is always a real vadaPeer.
 */
import GunImport from 'gun/gun.js';
import { WebSocket } from 'ws';
import { liveBuckets } from '../src/domain/bucket';
import { parseEnvelope } from '../src/protocol/envelope';
import { soulOf } from '../src/protocol/souls';
import type { CircleId } from '../src/domain/brand';
import { WARMUP_LABEL, type Space } from './benchTypes';
import type { BenchPeer } from './benchPeer';

interface Chain {
  get(key: string): Chain;
  map(): Chain;
  on(cb: (value: unknown, key: string) => void): Chain;
}

/** Same GUN options as src/sync/gunAdapter.ts. */
export async function vadaWirePeer(url: string, space: Space): Promise<BenchPeer> {
  const opts = {
    peers: [url],
    localStorage: false,
    radisk: false,
    axe: false,
    multicast: false,
    stats: false,
    file: false,
    super: false,
    WebSocket,
  };
  const gun = (GunImport as unknown as (o: Record<string, unknown>) => Chain)(opts);
  return {
    prepare: () => Promise.reject(new Error('the wire probe only subscribes')),
    subscribe(onPoint) {
      for (const bucket of liveBuckets(Date.now()))
        gun
          .get(soulOf(space.id as CircleId, bucket))
          .map()
          .on((value, key) => {
            const e = parseEnvelope(value);
            if (e.ok) onPoint(key, e.value.k === 'point' ? 'pt' : WARMUP_LABEL);
          });
    },
    close: async () => undefined,
  };
}
