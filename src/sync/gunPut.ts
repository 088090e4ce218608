/**
 * Outbox entries onto GUN, with each relay answer fed back to the send queue:
 * how "sent" and "refused" are decided for the GUN transport. Entries of one
 * node go in one PUT (a link that opens is sent every live record again, and
 * a bundle brings hundreds), so an answer must say which record it refused:
 * Vada relays answer per record (src/protocol/putAnswer.ts, protocol §11.1)
 * and each entry is settled by its own entry in the answer.
 */
import type { CircleId } from '../domain/brand';
import { bucketOf } from '../domain/bucket';
import type { OutboxEntry } from '../domain/Outbox';
import { recordFate } from '../protocol/putAnswer';
import { soulOf } from '../protocol/souls';
import type { GunRoot } from './gunTypes';
import type { SendQueue } from './sendQueue';

/**
 * How much one PUT carries: at most this many records and this many
 * characters of wire text, so that with ids, states and JSON escapes the
 * frame stays far below the relays' 64 KiB cap (a relay closes a link that
 * sends a bigger frame, protocol §11.2). Envelopes are ASCII, so characters
 * are bytes.
 */
export const PUT_BATCH = { records: 50, wireChars: 32 * 1024 } as const;

/** The entries grouped by node, each group cut into PUT-sized batches. */
export function putBatches(entries: readonly OutboxEntry[]): Array<{ soul: string; entries: OutboxEntry[] }> {
  const bySoul = new Map<string, OutboxEntry[]>();
  for (const e of entries) {
    const soul = soulOf(e.circle as CircleId, bucketOf(e.created));
    (bySoul.get(soul) ?? bySoul.set(soul, []).get(soul)!).push(e);
  }
  const out: Array<{ soul: string; entries: OutboxEntry[] }> = [];
  for (const [soul, all] of bySoul) {
    let batch: OutboxEntry[] = [];
    let chars = 0;
    for (const e of all) {
      if (batch.length > 0 && (batch.length >= PUT_BATCH.records || chars + e.wire.length > PUT_BATCH.wireChars)) {
        out.push({ soul, entries: batch });
        batch = [];
        chars = 0;
      }
      batch.push(e);
      chars += e.wire.length;
    }
    if (batch.length > 0) out.push({ soul, entries: batch });
  }
  return out;
}

/**
 * Writes the entries' wires under their souls and ids; each relay's answer
 * settles every entry of its PUT in `queue`. `relays`: how many answers to
 * hear (GUN hears only the first by default), so a record one relay stored
 * counts as sent even when another answered first with a refusal.
 */
export function putEntries(gun: GunRoot, entries: readonly OutboxEntry[], queue: SendQueue, relays = 1): void {
  for (const { soul, entries: batch } of putBatches(entries)) {
    const node: Record<string, string> = {};
    for (const e of batch) node[e.id] = e.wire;
    const settle = (answer: unknown) => {
      // An entry's own line in the answer decides: stored, refused for good
      // (sending it again would only repeat the refusal), or unknown (storage
      // failed, GUN's own "no ACK yet"): then it stays queued for the next link.
      for (const e of batch) {
        const fate = recordFate(answer, soul, e.id);
        if (fate.kind === 'refused') queue.refused(e.id, fate.reason);
        else if (fate.kind === 'stored') queue.acked(e.id);
      }
    };
    gun.get(soul).put(node, settle, { acks: Math.max(1, relays) });
  }
}
