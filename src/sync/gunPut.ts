/**
 * Outbox entries onto the relays, with each relay answer fed back to the send
 * queue: how "sent" and "refused" are decided for the GUN transport. The PUT
 * frames are written here, in GUN's message format (protocol §1), and sent on
 * every open relay link at once: GUN's own put went through its chain and then
 * waited for its mesh's batching timer, which cost a proposal 1 ms at the
 * median and 4.5 ms at p95 on a loaded phone-class machine before the frame
 * left (bench:propose), and it let each PUT into the page's GUN graph, which
 * nothing reads. Entries of one node go in one PUT (a link that opens is sent
 * every live record again, and a bundle brings hundreds), so an answer must
 * say which record it refused: Vada relays answer per record
 * (src/protocol/putAnswer.ts, protocol §11.1) and each entry is settled by
 * its own entry in the answer. Each link gets the PUT under an id of its own,
 * so every relay's answer is heard once.
 */
import type { CircleId } from '../domain/brand';
import { bucketOf } from '../domain/bucket';
import type { OutboxEntry } from '../domain/Outbox';
import { recordFate } from '../protocol/putAnswer';
import { soulOf } from '../protocol/souls';
import { sendOnLink } from './gunInternals';
import type { GunPeer } from './gunTypes';
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

/** PUTs whose answers may still come, at most: an older one's entries stay queued and go again on the next link. */
export const ANSWERS_AWAITED = 4096;

export interface PutSender {
  /** Sends the entries now, in PUTs of one node (putBatches), on every link open now. */
  send(entries: readonly OutboxEntry[]): void;
  /** Settles the entries of the PUT a message answers (`@`) and returns true; false for any other message. */
  hear(message: Readonly<Record<string, unknown>>): boolean;
}

export interface PutSenderDeps {
  /** The relay links open now. */
  readonly links: () => readonly GunPeer[];
  readonly queue: SendQueue;
  /** The HAM state of a record sent now: the device's clock, network time once corrected (protocol §1). */
  readonly now: () => number;
}

/** A message id relays take (protocol §1: 1–64 of `A–Z a–z 0–9 _ -`). */
const putId = () => `p${Math.random().toString(36).slice(2, 10)}${Math.random().toString(36).slice(2, 10)}`;

export function makePutSender(deps: PutSenderDeps): PutSender {
  const awaited = new Map<string, { readonly soul: string; readonly entries: readonly OutboxEntry[] }>();
  return {
    send(entries) {
      const links = deps.links();
      if (links.length === 0) return;
      for (const put of putBatches(entries)) {
        const state = deps.now();
        const states: Record<string, number> = {};
        const node: Record<string, unknown> = { _: { '#': put.soul, '>': states } };
        for (const e of put.entries) {
          states[e.id] = state;
          node[e.id] = e.wire;
        }
        const body = JSON.stringify({ [put.soul]: node });
        for (const peer of links) {
          const id = putId();
          if (!sendOnLink(peer, `{"#":"${id}","put":${body}}`)) continue;
          awaited.set(id, put);
          if (awaited.size > ANSWERS_AWAITED) awaited.delete(awaited.keys().next().value as string);
        }
      }
    },
    hear(message) {
      const at = message['@'];
      const put = typeof at === 'string' ? awaited.get(at) : undefined;
      if (!put) return false;
      awaited.delete(at as string);
      // An entry's own line in the answer decides: stored, refused for good (sending it again would
      // only repeat the refusal), or unknown (storage failed): then it stays queued for the next link.
      for (const e of put.entries) {
        const fate = recordFate(message, put.soul, e.id);
        if (fate.kind === 'refused') deps.queue.refused(e.id, fate.reason);
        else if (fate.kind === 'stored') deps.queue.acked(e.id);
      }
      return true;
    },
  };
}
