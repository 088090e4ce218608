/**
 * Message ids the relay gives the PUTs it hands to GUN (and so passes on to
 * subscribers and federation links). GUN's dedup table holds more than the
 * ids it heard: `<id><n>` for the n-th record of a PUT `<id>`, `<@ or GET
 * #><##>` for a message with a hash, and the `@` of every answer it sent, so a
 * writer's own id could name an entry another message left there and GUN would
 * drop a PUT the relay had already stored and acknowledged
 * (docs/decisions/gun-internals.md, "GUN's dedup table"). These ids are
 * 16 base64url characters from the CSPRNG, all one length: GUN's derived
 * entries are longer than the id they come from, so none is a relay id, and
 * no peer can guess the next one to take it first (a counter would be
 * predictable: subscribers see the ids).
 */
import { randomFillSync } from 'node:crypto';

const ID_BYTES = 12; // 16 base64url characters
const POOL_IDS = 256;
const pool = Buffer.alloc(ID_BYTES * POOL_IDS);
let next = POOL_IDS;

/** A fresh message id for a PUT the relay delivers. */
export function relayMessageId(): string {
  if (next === POOL_IDS) {
    randomFillSync(pool);
    next = 0;
  }
  const start = ID_BYTES * next++;
  return pool.toString('base64url', start, start + ID_BYTES);
}
