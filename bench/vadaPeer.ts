/**
 * Vada bench client: the real sync layer (createGunAdapter) and real records
 * (sealRecord into the scenario's circle). A point counts as received when
 * onRecord fires, i.e. after id, signature and time checks and decryption.
 * Warm-ups are `cancel` records, so even a client that does not decrypt
 * (vadaWirePeer) can tell them from measured points by the plaintext kind.
 */
import { WebSocket } from 'ws';
import type { CircleId, RecordId } from '../src/domain/brand';
import { LIMITS } from '../src/domain/limits';
import { generateIdentity, importCircle, sealRecord } from '../src/protocol';
import { createGunAdapter } from '../src/sync/gunAdapter';
import { WARMUP_LABEL, type Space } from './benchTypes';
import { pointFields, type BenchPeer } from './benchPeer';

/** Any well-formed record id: a warm-up cancels a point nobody has. */
const WARMUP_POINT = 'A'.repeat(43) as RecordId;

/** Creates an adapter on the one relay and a fresh author identity. */
export async function vadaPeer(url: string, space: Space): Promise<BenchPeer> {
  // A plain Uint8Array copy: a Buffer's slice() shares Node's pool, which WebCrypto would see whole.
  const circle = await importCircle(space.id as CircleId, new Uint8Array(Buffer.from(space.keyHex, 'hex')));
  // One key may publish LIMITS.quotaPointsPerHour points an hour per circle (relays refuse the rest),
  // so the writer takes a fresh key every that many points: the bench measures hops, not quotas.
  let identity = await generateIdentity();
  let points = 0;
  const adapter = createGunAdapter({ relays: [url], WebSocket });
  return {
    async prepare(label) {
      if (label !== WARMUP_LABEL && points++ === LIMITS.quotaPointsPerHour) {
        identity = await generateIdentity();
        points = 1;
      }
      const sealed =
        label === WARMUP_LABEL
          ? await sealRecord(identity, circle, 'cancel', { point: WARMUP_POINT }, Date.now())
          : await sealRecord(identity, circle, 'point', pointFields(label), Date.now());
      return { id: sealed.id, send: () => void adapter.publish(circle, sealed) };
    },
    subscribe(onPoint) {
      // The adapter always streams history first; `history` is implicit.
      adapter.subscribe(circle, {
        onRecord(record) {
          onPoint(record.id, record.kind === 'point' ? record.payload.title : WARMUP_LABEL);
        },
      });
    },
    close: () => adapter.close(),
  };
}
