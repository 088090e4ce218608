/**
 * One outbox entry onto GUN, with the relay's answer fed back to the send
 * queue: how "sent" and "refused" are decided for the GUN transport.
 */
import type { CircleId } from '../domain/brand';
import { bucketOf } from '../domain/bucket';
import type { GunRoot } from './gunTypes';
import type { OutboxEntry } from './Outbox';
import type { SendQueue } from './sendQueue';
import { soulOf } from './souls';

/** Writes the entry's wire under its soul and id; the relay's ack settles it in `queue`. */
export function putEntry(gun: GunRoot, e: OutboxEntry, queue: SendQueue): void {
  gun
    .get(soulOf(e.circle as CircleId, bucketOf(e.created)))
    .get(e.id)
    .put(e.wire, (ack) => {
      // A relay answers `ok` once the record is stored. Vada relays answer
      // `err: "refused: <codes>"` for records they will never take: retrying
      // those would only repeat the refusal. Any other error (storage failed,
      // GUN's own "no ACK yet") leaves the record queued for the next link.
      // (A Vada relay also answers "refused: " with no code to a PUT that GUN
      // flushed from before the link opened; the resend on `hi` is stored.)
      if (typeof ack.err === 'string' && /^refused: \S/.test(ack.err)) queue.refused(e.id, ack.err);
      else if (ack.ok !== undefined && ack.err === undefined) queue.acked(e.id);
    });
}
