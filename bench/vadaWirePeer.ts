/**
 * Vada subscriber that stops at the socket: a plain `ws` client that speaks
 * just enough of GUN's wire to subscribe (one GET per live bucket soul of the
 * scenario's circle, as the app's adapter asks) and stamps every record the
 * moment its frame arrives — JSON parsed, as raw-ws clients do, and nothing
 * else: no GUN graph, hashing, signature check or decryption. These are the
 * relay-hop bench's "arrival" rows; vadaPeer's are the "verified" rows, so the
 * hop (relay and transport) and the subscriber's own work are told apart.
 * A GUN client here would add its own per-record work, ×25 clients per
 * process, to every arrival (measured: ~1 s of subscriber CPU per 50-subscriber
 * burst against ~0.1 s for the relay), which is not the relay's.
 * Subscribe-only; the writer is always a real vadaPeer.
 */
import { randomBytes } from 'node:crypto';
import { WebSocket } from 'ws';
import { liveBuckets } from '../src/domain/bucket';
import { soulOf } from '../src/protocol/souls';
import type { CircleId } from '../src/domain/brand';
import { nowMs, WARMUP_LABEL, type Space } from './benchTypes';
import type { BenchPeer } from './benchPeer';

/** Every record (node key → envelope text) in a frame: one GUN message or a batch array of them. */
function recordsIn(text: string): Array<[string, string]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  const out: Array<[string, string]> = [];
  for (const m of Array.isArray(parsed) ? parsed : [parsed]) {
    const put = (m as { put?: unknown } | null)?.put;
    if (typeof put !== 'object' || put === null) continue;
    for (const node of Object.values(put as Record<string, unknown>)) {
      if (typeof node !== 'object' || node === null) continue;
      for (const [key, value] of Object.entries(node as Record<string, unknown>))
        if (key !== '_' && typeof value === 'string') out.push([key, value]);
    }
  }
  return out;
}

/** Opens the socket; resolves once it is open. */
export async function vadaWirePeer(url: string, space: Space): Promise<BenchPeer> {
  const ws = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    prepare: () => Promise.reject(new Error('the wire probe only subscribes')),
    subscribe(onPoint) {
      ws.on('message', (data) => {
        const at = nowMs();
        // The plaintext kind is not readable without the key; the envelope's `k` field is.
        for (const [id, wire] of recordsIn(data.toString()))
          onPoint(id, wire.includes('"k":"point"') ? 'pt' : WARMUP_LABEL, at);
      });
      const gets = liveBuckets(Date.now()).map((bucket) => ({
        '#': randomBytes(9).toString('base64url'),
        get: { '#': soulOf(space.id as CircleId, bucket) },
      }));
      ws.send(JSON.stringify(gets));
    },
    close: async () => ws.terminate(),
  };
}
